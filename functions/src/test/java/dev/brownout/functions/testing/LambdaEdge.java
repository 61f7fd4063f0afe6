package dev.brownout.functions.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small endpoint in front of moto: it answers Lambda {@code Invoke} itself, with functions the
 * test registers, and forwards every other request to moto unchanged. moto's Step Functions
 * interpreter sends its Lambda tasks here (moto_server runs with {@code MOTO_PORT} set to this
 * port), so a workflow runs its real Lambda code in the test JVM.
 */
public final class LambdaEdge implements AutoCloseable {
  private static final Pattern INVOKE =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final URI moto;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, UnaryOperator<byte[]>> functions = new ConcurrentHashMap<>();

  public LambdaEdge(int port, URI moto) throws IOException {
    this.moto = moto;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers invocations of {@code functionName} (its name or any ARN ending in it). */
  public void function(String functionName, UnaryOperator<byte[]> function) {
    functions.put(functionName, function);
  }

  public void clearFunctions() {
    functions.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
      if (exchange.getRequestMethod().equals("POST") && invoke.matches()) {
        String name =
            java.net.URLDecoder.decode(invoke.group(1), java.nio.charset.StandardCharsets.UTF_8);
        String shortName = name.substring(name.lastIndexOf(':') + 1);
        UnaryOperator<byte[]> function = functions.getOrDefault(name, functions.get(shortName));
        if (function == null) {
          respond(
              exchange,
              404,
              ("{\"Type\":\"User\",\"Message\":\"Function not found: " + name + "\"}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          return;
        }
        byte[] result;
        try {
          result = function.apply(body);
        } catch (RuntimeException e) {
          exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
          result =
              ("{\"errorType\":\""
                      + e.getClass().getSimpleName()
                      + "\",\"errorMessage\":\""
                      + String.valueOf(e.getMessage()).replace("\"", "'")
                      + "\"}")
                  .getBytes();
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 200, result);
        return;
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.equals(":status")) {
                  values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
              });
      respond(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 502, new byte[0]);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
