package dev.brownout.functions.adapters.http;

import dev.brownout.core.catalog.Durations;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.functions.api.JsonBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls upstreams with java.net.http, with a hard deadline on the whole exchange (headers and
 * body). Fails ({@link UpstreamFailure}) when there is no usable answer: refused, timed out, broken
 * off, not HTTP, a body over {@link #MAX_BODY_BYTES} (read no further than the limit; refused
 * unread when its Content-Length says so), or the body of a GET or HEAD that contradicts its JSON
 * content type. The answer to any other method is returned as is, whatever its body: the upstream
 * answered, so the request was applied. Content negotiation is not the adapter's business: any
 * content type is returned. Hop-by-hop headers (RFC 9110 7.6.1) travel neither way.
 */
public final class HttpUpstream implements UpstreamClient {
  /** Lambda's synchronous answers stop at 6 MB; an upstream answer must fit with room to spare. */
  static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

  /** Hop-by-hop headers (RFC 9110 7.6.1), besides those the Connection header names. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

  /** Set by java.net.http itself, which refuses them from callers. */
  private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "expect");

  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final HttpClient client;

  public HttpUpstream(HttpClient client) {
    this.client = client;
  }

  /** The client the API uses: HTTP/1.1, no redirects, its own connection pool per environment. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Answer call(Call call) throws UpstreamFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.url())
            .timeout(call.timeout())
            .method(
                call.method(),
                call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    endToEnd(call.headers())
        .forEach(
            (name, value) -> {
              if (!SET_BY_THE_CLIENT.contains(name) && forwardable(value)) {
                request.header(name, value);
              }
            });
    CompletableFuture<HttpResponse<LimitedBody.Read>> exchange =
        client.sendAsync(
            request.build(),
            call.method().equals("HEAD")
                ? LimitedBody.upTo(MAX_BODY_BYTES)
                : LimitedBody.refusingOver(MAX_BODY_BYTES));
    HttpResponse<LimitedBody.Read> response;
    try {
      response = exchange.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new UpstreamFailure("timed out after " + Durations.format(call.timeout()));
    } catch (ExecutionException e) {
      throw new UpstreamFailure(HttpErrors.describe(call.url(), call.timeout(), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.cancel(true);
      throw new UpstreamFailure("interrupted");
    }
    if (response.body().cut()) {
      long declared = LimitedBody.declaredLength(response.headers());
      throw new UpstreamFailure(
          declared > MAX_BODY_BYTES
              ? "the answer declares "
                  + declared
                  + " bytes (Content-Length), over the limit of "
                  + MAX_BODY_BYTES
                  + " bytes"
              : "the answer is larger than " + MAX_BODY_BYTES + " bytes");
    }
    Map<String, String> headers = new HashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    Map<String, String> returned = endToEnd(headers);
    byte[] body = response.body().bytes();
    String contentType = returned.getOrDefault("content-type", "");
    if (READS.contains(call.method())
        && isJson(contentType)
        && body.length > 0
        && !JsonBodies.wellFormed(body)) {
      throw new UpstreamFailure("answered " + contentType + " that is not well-formed JSON");
    }
    return new Answer(response.statusCode(), returned, body);
  }

  /**
   * {@code headers} (lower-case names) without the hop-by-hop ones: the fixed list, any {@code
   * Proxy-*}, and every header the {@code Connection} header names (RFC 9110 7.6.1).
   */
  static Map<String, String> endToEnd(Map<String, String> headers) {
    Set<String> named = new HashSet<>();
    Arrays.stream(headers.getOrDefault("connection", "").split(","))
        .map(token -> token.trim().toLowerCase(Locale.ROOT))
        .forEach(named::add);
    Map<String, String> kept = new HashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!HOP_BY_HOP.contains(name) && !name.startsWith("proxy-") && !named.contains(name)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  /** java.net.http refuses values outside visible Latin-1; such a header is dropped, not fatal. */
  static boolean forwardable(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff));
  }

  static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }
}
