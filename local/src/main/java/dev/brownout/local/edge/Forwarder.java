package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
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

  /** Forwards the exchange whose body was already read; answers 502 when moto cannot be reached. */
  public void forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                target.resolve(
                    exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery())))
            .timeout(Duration.ofMinutes(2))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      Edges.respond(
          exchange,
          502,
          "application/json",
          ("{\"message\":\"the local AWS (moto) did not answer: " + e.getMessage() + "\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Edges.respond(exchange, 503, "application/json", "{\"message\":\"stopping\"}".getBytes());
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
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (head) {
      // A HEAD answer has no body, but its Content-Length tells the size (S3 HeadObject).
      response
          .headers()
          .firstValue("content-length")
          .ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
    }
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(
        response.statusCode(), head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
