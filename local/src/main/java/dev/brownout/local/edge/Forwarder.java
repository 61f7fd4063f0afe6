package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes a request to moto unchanged and its answer back. The client's {@code Host} header travels
 * with it, so the URLs moto writes into its answers (queue URLs, S3 locations) name the edge, not
 * moto's internal port: that needs {@code jdk.httpclient.allowRestrictedHeaders=host}, which {@link
 * #allowHostHeader()} sets before the first client is built.
 */
public final class Forwarder {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-connection");

  private final URI target;
  private final HttpClient http;

  public Forwarder(URI target) {
    this.target = target;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Must run before any {@link HttpClient} is built in this JVM. */
  public static void allowHostHeader() {
    String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
    if (!allowed.toLowerCase(Locale.ROOT).contains("host")) {
      System.setProperty(
          "jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
    }
  }

  /**
   * Forwards the request: its body streams through unless a part of the edge already read it, and
   * moto's answer streams back. Answers 502 when moto cannot be reached.
   */
  public void forward(HttpExchange exchange, RequestBody body) throws IOException {
    URI requested = exchange.getRequestURI();
    // Concatenated, never resolved: a path starting with // must not name another host.
    URI uri =
        URI.create(
            target.toString()
                + requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(2))
            .method(exchange.getRequestMethod(), publisher(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      Edges.respond(
          exchange,
          502,
          "application/json",
          Edges.json(Map.of("message", "the local AWS (moto) did not answer: " + e.getMessage())));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Edges.respond(
          exchange, 503, "application/json", Edges.json(Map.of("message", "the edge is stopping")));
      return;
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(lower) && !lower.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
              }
            });
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    boolean noBody =
        exchange.getRequestMethod().equals("HEAD")
            || response.statusCode() == 204
            || response.statusCode() == 304
            || length == 0;
    try (InputStream in = response.body()) {
      if (noBody) {
        if (exchange.getRequestMethod().equals("HEAD") && length >= 0) {
          // A HEAD answer has no body, but its Content-Length tells the size (S3 HeadObject).
          exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        }
        exchange.sendResponseHeaders(response.statusCode(), -1);
        return;
      }
      // 0: chunked, when moto did not say how long its answer is
      exchange.sendResponseHeaders(response.statusCode(), length > 0 ? length : 0);
      try (OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  private static HttpRequest.BodyPublisher publisher(RequestBody body) throws IOException {
    if (body.wasRead()) {
      byte[] bytes = body.bytes();
      return bytes.length == 0
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
    long length = body.declaredLength().orElse(-1);
    if (length == 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(body::stream);
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }
}
