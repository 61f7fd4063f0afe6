package dev.brownout.functions.api;

import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.serving.Problem;
import dev.brownout.core.serving.ServedFrom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The answers the API gives: an upstream's passed on without what must not leave, and problems. */
public final class Answers {
  /**
   * Hop-by-hop headers, those Brownout sets itself (a cached answer gets its own Age), and those
   * that describe the inside: the upstream's software and the proxies on the way.
   */
  private static final Set<String> NOT_RETURNED =
      Set.of(
          "connection",
          "content-length",
          "transfer-encoding",
          "keep-alive",
          "date",
          "server",
          "via",
          "x-powered-by",
          "x-aspnet-version",
          "age",
          "warning",
          "x-served-from",
          "x-degradation-level");

  /** Headers holding a URL: an absolute one names an upstream's host, which clients cannot use. */
  private static final Set<String> LOCATIONS = Set.of("location", "content-location");

  /**
   * What a kept answer keeps: what describes the representation. Anything about the request that
   * fetched it (its id, cookies, CORS, links to the upstream) must not be served to the next
   * client.
   */
  private static final Set<String> KEPT =
      Set.of(
          "content-type", "content-language", "etag", "last-modified", "cache-control", "expires");

  private Answers() {}

  public static ApiResponse of(Answer answer, ServedFrom servedFrom) {
    return new ApiResponse(answer.status(), returned(answer.headers()), answer.body(), servedFrom);
  }

  /** The headers of an upstream's answer that may reach the client (and the cache). */
  public static Map<String, String> returned(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!NOT_RETURNED.contains(name) && !(LOCATIONS.contains(name) && isAbsolute(value))) {
            out.put(name, value);
          }
        });
    return out;
  }

  /** The headers of a primary answer that a cached copy keeps. */
  public static Map<String, String> kept(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (KEPT.contains(name)) {
            out.put(name, value);
          }
        });
    return out;
  }

  /**
   * Whether a URL names a host: a scheme, or a start that browsers read as {@code //} (any two of
   * {@code /} and {@code \}, whatever whitespace or control characters come between).
   */
  private static boolean isAbsolute(String url) {
    String u = url.replaceAll("[\\x00-\\x20\\x7f]", "");
    return u.matches("(?s)[/\\\\]{2}.*") || u.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*");
  }

  public static ApiResponse problem(
      String kind,
      String title,
      int status,
      String detail,
      String route,
      ServedFrom servedFrom,
      Map<String, String> headers) {
    return ApiResponse.problem(Problem.of(kind, title, status, detail, route), servedFrom, headers);
  }

  /** A request refused before any source was asked. */
  public static ApiResponse refused(String kind, String title, int status, String detail) {
    return problem(kind, title, status, detail, null, ServedFrom.STATIC, Map.of());
  }
}
