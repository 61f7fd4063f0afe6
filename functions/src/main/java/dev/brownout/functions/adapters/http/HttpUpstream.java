package dev.brownout.functions.adapters.http;

import dev.brownout.core.api.UpstreamClient;
import dev.brownout.core.catalog.internal.Durations;
import dev.brownout.functions.api.JsonBodies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls upstreams with java.net.http, with a hard deadline on the whole exchange (headers and
 * body). An answer only counts if it is usable: a body that contradicts its own JSON content type,
 * or a content type the client did not accept, is a failure like a refused connection.
 */
public final class HttpUpstream implements UpstreamClient {
  /** Lambda's synchronous answers stop at 6 MB; an upstream answer must fit with room to spare. */
  static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

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
    call.headers()
        .forEach(
            (name, value) -> {
              if (!NOT_FORWARDED.contains(name) && forwardable(value)) {
                request.header(name, value);
              }
            });
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
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
    Map<String, String> headers = new HashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    byte[] body = response.body();
    if (body.length > MAX_BODY_BYTES) {
      throw new UpstreamFailure("the answer is larger than " + MAX_BODY_BYTES + " bytes");
    }
    String contentType = headers.getOrDefault("content-type", "");
    String accept = call.headers().getOrDefault("accept", "*/*");
    if (body.length > 0 && !contentType.isEmpty() && !accepts(accept, contentType)) {
      throw new UpstreamFailure("answered " + contentType + ", but the client accepts " + accept);
    }
    if (isJson(contentType) && body.length > 0 && !JsonBodies.wellFormed(body)) {
      throw new UpstreamFailure("answered " + contentType + " that is not well-formed JSON");
    }
    return new Answer(response.statusCode(), headers, body);
  }

  /** java.net.http refuses values outside visible Latin-1; such a header is dropped, not fatal. */
  static boolean forwardable(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff));
  }

  static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type.equals("application/json") || type.endsWith("+json");
  }

  /** Whether a media type matches an Accept header (types, wildcards; quality values ignored). */
  static boolean accepts(String accept, String contentType) {
    String type = mediaType(contentType);
    for (String range : accept.split(",")) {
      String wanted = mediaType(range);
      if (wanted.equals("*/*")
          || wanted.equals(type)
          || (wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
