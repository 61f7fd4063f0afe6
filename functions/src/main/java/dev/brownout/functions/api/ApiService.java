package dev.brownout.functions.api;

import dev.brownout.core.api.CacheRules;
import dev.brownout.core.api.CachedAnswer;
import dev.brownout.core.api.FeatureFlags;
import dev.brownout.core.api.FlagSnapshot;
import dev.brownout.core.api.Json;
import dev.brownout.core.api.Problem;
import dev.brownout.core.api.RequestQueue;
import dev.brownout.core.api.ResponseCache;
import dev.brownout.core.api.RouteTable;
import dev.brownout.core.api.ServedFrom;
import dev.brownout.core.api.UpstreamClient;
import dev.brownout.core.api.UpstreamClient.Answer;
import dev.brownout.core.api.UpstreamClient.UpstreamFailure;
import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers a request from its route's primary upstream when it can, and otherwise from the route's
 * fallback chain, in the catalog's order. The fallback path never calls the failing primary again.
 */
public final class ApiService {
  /** Larger bodies are refused with 413 before anything is called. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** One header longer than this, or all of them together longer than four times it: 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);
  private static final Set<String> FORWARDED =
      Set.of(
          "accept",
          "accept-language",
          "authorization",
          "content-type",
          "idempotency-key",
          "if-none-match",
          "user-agent");

  /** Hop-by-hop headers, and those Brownout sets itself (a cached answer gets its own Age). */
  private static final Set<String> NOT_RETURNED =
      Set.of(
          "connection",
          "content-length",
          "transfer-encoding",
          "keep-alive",
          "date",
          "server",
          "age",
          "warning",
          "x-served-from",
          "x-degradation-level");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
  private static final int MAX_RECENT_WRITES = 10_000;

  /** Less time than this left in the budget is not worth a call. */
  private static final Duration MIN_CALL = Duration.ofMillis(50);

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  private final RouteTable routes;
  private final FeatureFlags flags;
  private final UpstreamClient upstream;
  private final ResponseCache cache;
  private final RequestQueue queue;
  private final Breakers breakers;
  private final StatusEndpoint status;
  private final ApiObserver observer;
  private final Clock clock;
  private final Duration retryAfter;
  private final Map<String, Instant> recentWrites = new ConcurrentHashMap<>();
  private final Set<String> tooLargeToCache = ConcurrentHashMap.newKeySet();

  public ApiService(
      Catalog catalog,
      FeatureFlags flags,
      UpstreamClient upstream,
      ResponseCache cache,
      RequestQueue queue,
      Breakers breakers,
      StatusEndpoint status,
      ApiObserver observer,
      Clock clock) {
    this.routes = new RouteTable(catalog);
    this.flags = flags;
    this.upstream = upstream;
    this.cache = cache;
    this.queue = queue;
    this.breakers = breakers;
    this.status = status;
    this.observer = observer;
    this.clock = clock;
    this.retryAfter = breakers.openFor();
  }

  public ApiResponse handle(ApiRequest request) {
    // Execution environments reuse threads: nothing of the previous request may label this one.
    MDC.remove("route");
    MDC.remove("servedFrom");
    FlagSnapshot snapshot = flags.current();
    Outcome outcome = answer(request, snapshot);
    ApiResponse response =
        outcome
            .response
            .withHeader("X-Degradation-Level", snapshot.level().name())
            .withHeader("X-Served-From", outcome.response.servedFrom().label());
    MDC.put("servedFrom", response.servedFrom().label());
    // INFO even from a fallback: during an outage that is the expected answer, said per request.
    if (outcome.why.isEmpty()) {
      LOG.info("{} {} answered {}", request.method(), request.path(), response.status());
    } else {
      LOG.info(
          "{} {} answered {} from {} because {}",
          request.method(),
          request.path(),
          response.status(),
          response.servedFrom().label(),
          String.join("; ", outcome.why));
    }
    observer.answered(
        outcome.route,
        response.servedFrom(),
        response.status(),
        outcome.primaryLatency,
        outcome.breakerOpen);
    return response;
  }

  /** The route as metrics name it. */
  /**
   * @param why the reasons the primary did not answer, in order; empty when it did (or was not
   *     asked: a refused request)
   */
  private record Outcome(
      ApiResponse response,
      Optional<String> route,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      List<String> why) {
    static Outcome of(ApiResponse response) {
      return new Outcome(response, Optional.empty(), Optional.empty(), false, List.of());
    }

    static Outcome refused(Route route, ApiResponse response) {
      return new Outcome(
          response, Optional.of(route.metricName()), Optional.empty(), false, List.of());
    }
  }

  private Outcome answer(ApiRequest request, FlagSnapshot snapshot) {
    long deadline = System.nanoTime() + request.budget().toNanos();
    if (request.method().equals("GET") && request.path().equals(StatusEndpoint.PATH)) {
      return Outcome.of(status.report(snapshot));
    }
    Optional<ApiResponse> refused = refuseOversized(request);
    if (refused.isPresent()) {
      return Outcome.of(refused.get());
    }
    RouteTable.Lookup lookup = routes.find(request.method(), request.path());
    if (lookup.match().isEmpty()) {
      return Outcome.of(
          lookup.allowed().isEmpty()
              ? problem(
                  "not-found",
                  "No such route",
                  404,
                  "no route matches " + request.method() + " " + request.path(),
                  null,
                  ServedFrom.STATIC,
                  Map.of())
              : problem(
                  "method-not-allowed",
                  "Method not allowed",
                  405,
                  request.path() + " answers " + String.join(", ", lookup.allowed()),
                  null,
                  ServedFrom.STATIC,
                  Map.of("Allow", String.join(", ", lookup.allowed()))));
    }
    RouteTable.Match match = lookup.match().get();
    Route route = match.route();
    MDC.put("route", route.id());
    Optional<String> dotSegment =
        match.parameters().entrySet().stream()
            .filter(p -> p.getValue().equals(".") || p.getValue().equals(".."))
            .map(Map.Entry::getKey)
            .findFirst();
    if (dotSegment.isPresent()) {
      return Outcome.refused(
          route,
          problem(
              "bad-path",
              "Bad path parameter",
              400,
              "the path parameter {" + dotSegment.get() + "} must not be . or ..",
              route.id(),
              ServedFrom.STATIC,
              Map.of()));
    }
    if (route.isWrite()
        && isJson(request.headers())
        && request.body().length > 0
        && !JsonBodies.wellFormed(request.body())) {
      return Outcome.refused(
          route,
          problem(
              "malformed-body",
              "Malformed JSON body",
              400,
              "the request body is not well-formed JSON",
              route.id(),
              ServedFrom.STATIC,
              Map.of()));
    }
    List<String> why = new ArrayList<>();
    Optional<Duration> latency = Optional.empty();
    boolean breakerOpen = false;
    Optional<String> feature = route.feature().filter(f -> !snapshot.isOn(f));
    if (feature.isPresent()) {
      why.add("feature " + feature.get() + " is off");
    } else {
      CircuitBreaker breaker = breakers.of(route);
      if (!breaker.tryAcquirePermission()) {
        breakerOpen = true;
        why.add("the circuit breaker of " + route.id() + " is open");
      } else {
        long start = System.nanoTime();
        try {
          Answer answer = callWithin(request, route.primary(), match.parameters(), deadline);
          latency = Optional.of(Duration.ofNanos(System.nanoTime() - start));
          if (answer.status() >= 500) {
            breaker.onError(
                System.nanoTime() - start,
                TimeUnit.NANOSECONDS,
                new UpstreamFailure("status " + answer.status()));
            why.add("the primary answered " + answer.status());
          } else {
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            remember(request, match, answer);
            return new Outcome(
                fromUpstream(answer, ServedFrom.PRIMARY),
                Optional.of(route.metricName()),
                latency,
                false,
                List.of());
          }
        } catch (UpstreamFailure | RuntimeException e) {
          // Whatever went wrong, the breaker hears of it: a permit never returned would leave a
          // half-open breaker waiting forever.
          latency = Optional.of(Duration.ofNanos(System.nanoTime() - start));
          breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
          why.add("the primary failed: " + e.getMessage());
        }
      }
    }
    ApiResponse fallback = fallback(request, match, why, deadline);
    return new Outcome(fallback, Optional.of(route.metricName()), latency, breakerOpen, why);
  }

  private ApiResponse fallback(
      ApiRequest request, RouteTable.Match match, List<String> why, long deadline) {
    Route route = match.route();
    for (Fallback step : route.fallback()) {
      Optional<ApiResponse> answer =
          switch (step) {
            case Fallback.Cache c -> fromCache(request, match, c, why);
            case Fallback.Alternative a ->
                fromUpstream(
                    deadline,
                    request,
                    match,
                    a.upstream(),
                    ServedFrom.ALTERNATIVE,
                    "alternative",
                    why);
            case Fallback.Static s ->
                Optional.of(canned(s.response(), Map.of(), ServedFrom.STATIC));
            case Fallback.Degraded d ->
                d.response().isPresent()
                    ? Optional.of(
                        canned(d.response().get(), match.parameters(), ServedFrom.DEGRADED))
                    : fromUpstream(
                        deadline,
                        request,
                        match,
                        d.upstream().orElseThrow(),
                        ServedFrom.DEGRADED,
                        "degraded call",
                        why);
            case Fallback.Queue q -> enqueue(request, match, why);
            case Fallback.ReadOnly r ->
                Optional.of(
                    problem(
                        "read-only",
                        "Writes are paused",
                        503,
                        r.message(),
                        route.id(),
                        ServedFrom.DEGRADED,
                        Map.of("Retry-After", Long.toString(retryAfter.toSeconds()))));
          };
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    return problem(
        "unavailable",
        "Service unavailable",
        503,
        route.id() + " cannot be answered: " + String.join("; ", why),
        route.id(),
        ServedFrom.DEGRADED,
        Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
  }

  /**
   * Accepts the write for replay: 202 with the idempotency key the replay will deliver it under.
   */
  private Optional<ApiResponse> enqueue(
      ApiRequest request, RouteTable.Match match, List<String> why) {
    String key = request.headers().getOrDefault("idempotency-key", request.requestId());
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      why.add("the Idempotency-Key is not 1-128 of letters, digits, - _ . :");
      return Optional.empty();
    }
    UpstreamClient.Call call = call(request, match.route().primary(), match.parameters());
    try {
      queue.enqueue(
          new RequestQueue.QueuedRequest(
              match.route().id(),
              call.method(),
              call.url(),
              call.headers(),
              call.body(),
              key,
              clock.instant()));
    } catch (RequestQueue.QueueFailure e) {
      why.add(e.getMessage());
      return Optional.empty();
    }
    String body =
        "{\"status\":\"queued\",\"idempotencyKey\":"
            + Json.quote(key)
            + ",\"route\":"
            + Json.quote(match.route().id())
            + "}";
    return Optional.of(
        new ApiResponse(
            202,
            Map.of("Content-Type", "application/json", "Idempotency-Key", key),
            body.getBytes(StandardCharsets.UTF_8),
            ServedFrom.QUEUE));
  }

  private Optional<ApiResponse> fromCache(
      ApiRequest request, RouteTable.Match match, Fallback.Cache step, List<String> why) {
    Optional<String> key = CacheRules.key(match.route(), match.parameters(), request.query());
    if (key.isEmpty()) {
      why.add("the request has query parameters the cache does not key on");
      return Optional.empty();
    }
    Optional<CachedAnswer> cached = cache.get(key.get());
    Instant now = clock.instant();
    if (cached.isEmpty() || !cached.get().servable(now, step.maxStaleness())) {
      why.add(
          cached.isEmpty()
              ? "nothing cached"
              : "the cached answer is older than " + step.maxStaleness().toSeconds() + "s");
      return Optional.empty();
    }
    CachedAnswer answer = cached.get();
    ApiResponse response =
        fromUpstream(new Answer(answer.status(), answer.headers(), answer.body()), ServedFrom.CACHE)
            .withHeader("Age", Long.toString(answer.age(now).toSeconds()));
    return Optional.of(
        answer.stale(now)
            ? response.withHeader("Warning", "110 - \"Response is Stale\"")
            : response);
  }

  private Optional<ApiResponse> fromUpstream(
      long deadline,
      ApiRequest request,
      RouteTable.Match match,
      Upstream target,
      ServedFrom servedFrom,
      String what,
      List<String> why) {
    try {
      Answer answer = callWithin(request, target, match.parameters(), deadline);
      if (answer.status() < 500) {
        return Optional.of(fromUpstream(answer, servedFrom));
      }
      why.add("the " + what + " answered " + answer.status());
    } catch (UpstreamFailure | RuntimeException e) {
      why.add("the " + what + " failed: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Stores a good primary answer unless it may not be kept or this environment just did. */
  private void remember(ApiRequest request, RouteTable.Match match, Answer answer) {
    Optional<Fallback.Cache> step = CacheRules.cacheOf(match.route());
    Optional<String> key = CacheRules.key(match.route(), match.parameters(), request.query());
    if (step.isEmpty() || key.isEmpty()) {
      return;
    }
    Optional<String> refused =
        CacheRules.whyNotStorable(
            match.route(),
            request.headers(),
            answer.status(),
            answer.headers(),
            answer.body().length);
    if (refused.isPresent()) {
      if (answer.body().length > CacheRules.MAX_BODY_BYTES
          && tooLargeToCache.add(match.route().id())) {
        LOG.warn("Not cached, and not said again for this route: {}", refused.get());
      }
      return;
    }
    Instant now = clock.instant();
    Instant written = recentWrites.get(key.get());
    if (written != null && CacheRules.recentEnough(Duration.between(written, now), step.get())) {
      return;
    }
    if (recentWrites.size() > MAX_RECENT_WRITES) {
      recentWrites.clear();
    }
    recentWrites.put(key.get(), now);
    Map<String, String> kept = new HashMap<>(returned(answer.headers()));
    cache.put(
        key.get(),
        new CachedAnswer(
            answer.status(), kept, answer.body(), now, CacheRules.freshFor(answer.headers())),
        step.get().maxStaleness());
  }

  /** Calls an upstream with its timeout, cut to what is left of the request's budget. */
  private Answer callWithin(
      ApiRequest request, Upstream target, Map<String, String> parameters, long deadline)
      throws UpstreamFailure {
    Duration left = Duration.ofNanos(deadline - System.nanoTime());
    if (left.compareTo(MIN_CALL) < 0) {
      throw new UpstreamFailure("no time was left in the request's budget");
    }
    UpstreamClient.Call call = call(request, target, parameters);
    Duration timeout = call.timeout().compareTo(left) < 0 ? call.timeout() : left;
    return upstream.call(
        new UpstreamClient.Call(call.method(), call.url(), call.headers(), call.body(), timeout));
  }

  private static UpstreamClient.Call call(
      ApiRequest request, Upstream target, Map<String, String> parameters) {
    URI url = target.url().expand(parameters, Map.of());
    Map<String, String> headers = new HashMap<>();
    request
        .headers()
        .forEach(
            (name, value) -> {
              if (FORWARDED.contains(name)) {
                headers.put(name, value);
              }
            });
    headers.put("x-request-id", request.requestId());
    if (Route.WRITE_METHODS.contains(request.method())) {
      // The same key on the primary call and on a queued replay lets the upstream apply a write
      // once even when a timed-out call did reach it.
      headers.putIfAbsent("idempotency-key", request.requestId());
    }
    return new UpstreamClient.Call(
        request.method(),
        withQuery(url, request.query()),
        headers,
        request.body(),
        target.timeout());
  }

  /** The client's query parameters travel upstream after those of the URL template. */
  private static URI withQuery(URI url, Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return url;
    }
    StringBuilder extra = new StringBuilder();
    query.forEach(
        (name, values) ->
            values.forEach(
                v ->
                    extra
                        .append(extra.isEmpty() ? "" : "&")
                        .append(encode(name))
                        .append('=')
                        .append(encode(v))));
    String base = url.toString();
    return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + extra);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ApiResponse fromUpstream(Answer answer, ServedFrom servedFrom) {
    return new ApiResponse(answer.status(), returned(answer.headers()), answer.body(), servedFrom);
  }

  private static Map<String, String> returned(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!NOT_RETURNED.contains(name)) {
            out.put(name, value);
          }
        });
    return out;
  }

  /** A catalog answer; placeholders in its body take the path parameters, JSON-escaped. */
  private static ApiResponse canned(
      CannedResponse response, Map<String, String> parameters, ServedFrom servedFrom) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(response.headers());
    String body = response.body();
    if (!parameters.isEmpty()) {
      Matcher m = PLACEHOLDER.matcher(body);
      StringBuilder filled = new StringBuilder();
      while (m.find()) {
        String value = parameters.get(m.group(1));
        String quoted = value == null ? m.group() : Json.quote(value);
        m.appendReplacement(
            filled,
            Matcher.quoteReplacement(
                value == null ? quoted : quoted.substring(1, quoted.length() - 1)));
      }
      m.appendTail(filled);
      body = filled.toString();
    }
    return new ApiResponse(
        response.status(), headers, body.getBytes(StandardCharsets.UTF_8), servedFrom);
  }

  private static ApiResponse problem(
      String kind,
      String title,
      int status,
      String detail,
      String route,
      ServedFrom servedFrom,
      Map<String, String> headers) {
    return ApiResponse.problem(Problem.of(kind, title, status, detail, route), servedFrom, headers);
  }

  private static Optional<ApiResponse> refuseOversized(ApiRequest request) {
    if (request.body().length > MAX_BODY_BYTES) {
      return Optional.of(
          problem(
              "body-too-large",
              "Request body too large",
              413,
              "the body has "
                  + request.body().length
                  + " bytes; at most "
                  + MAX_BODY_BYTES
                  + " are accepted",
              null,
              ServedFrom.STATIC,
              Map.of()));
    }
    int total = 0;
    for (var header : request.headers().entrySet()) {
      int size = header.getKey().length() + header.getValue().length();
      total += size;
      if (size > MAX_HEADER_BYTES || total > 4 * MAX_HEADER_BYTES) {
        return Optional.of(
            problem(
                "headers-too-large",
                "Request headers too large",
                431,
                size > MAX_HEADER_BYTES
                    ? "the header "
                        + header.getKey()
                        + " is longer than "
                        + MAX_HEADER_BYTES
                        + " bytes"
                    : "the headers together are longer than " + 4 * MAX_HEADER_BYTES + " bytes",
                null,
                ServedFrom.STATIC,
                Map.of()));
      }
    }
    return Optional.empty();
  }

  private static boolean isJson(Map<String, String> headers) {
    String type = headers.getOrDefault("content-type", "application/json").toLowerCase();
    return type.startsWith("application/json") || type.contains("+json");
  }
}
