package dev.brownout.core.serving;

import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.TemplateRules;
import dev.brownout.core.text.Hashes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which answers may be kept and served again, and under which key. Only what the catalog names goes
 * into a key (the route, its path parameters, its declared query parameters), never a header, so a
 * request cannot choose or poison another's cache entry.
 */
public final class CacheRules {
  /** DynamoDB's item limit is 400 KB; this leaves room for the key, headers and attributes. */
  public static final int MAX_BODY_BYTES = 350 * 1024;

  private static final int MAX_PLAIN_KEY = 512;
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*(\\d+)");

  /** RFC 9111 5.2: a larger delta-seconds is taken as 2^31. */
  private static final long MAX_DELTA_SECONDS = 1L << 31;

  private CacheRules() {}

  /** The route's cache step, if it has one. */
  public static Optional<Fallback.Cache> cacheOf(Route route) {
    return route.fallback().stream()
        .filter(f -> f instanceof Fallback.Cache)
        .map(f -> (Fallback.Cache) f)
        .findFirst();
  }

  /**
   * The cache key of a request, or empty when it has query parameters the catalog did not declare
   * (its answer may differ from the declared variant: it is neither stored nor served from cache).
   */
  public static Optional<String> key(
      Route route, Map<String, String> pathParameters, Map<String, List<String>> query) {
    Optional<Fallback.Cache> cache = cacheOf(route);
    if (cache.isEmpty()) {
      return Optional.empty();
    }
    List<String> declared = cache.get().queryKeys();
    if (!declared.containsAll(query.keySet())) {
      return Optional.empty();
    }
    StringBuilder key = new StringBuilder(route.id());
    for (String name : route.path().parameters()) {
      key.append(' ')
          .append(name)
          .append('=')
          .append(TemplateRules.encode(pathParameters.getOrDefault(name, "")));
    }
    Map<String, List<String>> sorted = new TreeMap<>(query);
    sorted.forEach(
        (name, values) ->
            values.stream()
                .sorted()
                .forEach(
                    v ->
                        key.append(" ?")
                            .append(TemplateRules.encode(name))
                            .append('=')
                            .append(TemplateRules.encode(v))));
    return Optional.of(
        key.length() <= MAX_PLAIN_KEY ? key.toString() : "sha256:" + Hashes.sha256(key.toString()));
  }

  /**
   * Why an answer of the primary may not be stored, or empty if it may.
   *
   * @param requestHeaders the client's request headers, lower-case names
   * @param answerHeaders the upstream's answer headers, lower-case names
   */
  public static Optional<String> whyNotStorable(
      Route route,
      Map<String, String> requestHeaders,
      int status,
      Map<String, String> answerHeaders,
      int bodyBytes) {
    Optional<Fallback.Cache> cache = cacheOf(route);
    if (cache.isEmpty()) {
      return Optional.of("the route has no cache step");
    }
    if (!route.method().equals("GET")) {
      return Optional.of("only GET answers are cached");
    }
    if (status < 200 || status > 299) {
      return Optional.of("status " + status + " is not a success");
    }
    if (answerHeaders.containsKey("set-cookie")) {
      return Optional.of("the answer sets a cookie");
    }
    String cacheControl = answerHeaders.getOrDefault("cache-control", "").toLowerCase();
    if (cacheControl.contains("no-store") || cacheControl.contains("private")) {
      return Optional.of("the upstream forbids it (Cache-Control: " + cacheControl + ")");
    }
    String vary = answerHeaders.getOrDefault("vary", "").trim().toLowerCase();
    if (!vary.isEmpty() && !vary.equals("accept-encoding")) {
      // The key holds no header: an answer that differs by one cannot be kept under it.
      return Optional.of("the answer varies by request headers (Vary: " + vary + ")");
    }
    if (!Negotiation.isDefaultVariant(
        requestHeaders, answerHeaders.getOrDefault("content-type", ""))) {
      return Optional.of(
          "the request negotiated a variant (Accept or Accept-Language) that not every client wants");
    }
    if (requestHeaders.containsKey("authorization") && !cache.get().publicCacheable()) {
      return Optional.of("the request carried Authorization and the route is not public");
    }
    if (bodyBytes > MAX_BODY_BYTES) {
      return Optional.of("the body (" + bodyBytes + " bytes) is larger than a cache item holds");
    }
    return Optional.empty();
  }

  /**
   * Why a kept answer may not be served to this client, or empty if it may: a client is never
   * served a content type it does not accept.
   *
   * @param requestHeaders the client's request headers, lower-case names
   */
  public static Optional<String> whyNotServable(
      CachedAnswer answer, Map<String, String> requestHeaders) {
    String type = answer.headers().getOrDefault("content-type", "");
    String accept = requestHeaders.get("accept");
    if (!type.isEmpty() && !Negotiation.accepts(accept, type)) {
      return Optional.of("the cached answer is " + type + ", which the client does not accept");
    }
    return Optional.empty();
  }

  /** How long the upstream says its answer stays fresh ({@code max-age}), 0 if it does not. */
  public static Duration freshFor(Map<String, String> answerHeaders) {
    Matcher m = MAX_AGE.matcher(answerHeaders.getOrDefault("cache-control", "").toLowerCase());
    if (!m.find()) {
      return Duration.ZERO;
    }
    String digits = m.group(1);
    return Duration.ofSeconds(
        digits.length() > 10
            ? MAX_DELTA_SECONDS
            : Math.min(Long.parseLong(digits), MAX_DELTA_SECONDS));
  }

  /**
   * Whether a copy stored at {@code age} is young enough that writing a new one is wasted work: a
   * tenth of the route's max staleness, at most a minute.
   */
  public static boolean recentEnough(Duration age, Fallback.Cache cache) {
    Duration refresh = cache.maxStaleness().dividedBy(10);
    if (refresh.compareTo(Duration.ofMinutes(1)) > 0) {
      refresh = Duration.ofMinutes(1);
    }
    return age.compareTo(refresh) < 0;
  }
}
