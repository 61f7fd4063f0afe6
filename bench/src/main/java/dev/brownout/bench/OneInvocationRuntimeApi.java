package dev.brownout.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lambda's Runtime API for one cold start, on a free loopback port: hands out one invocation, notes
 * when the runtime first asks for work (the end of its init) and when the answer comes back, and
 * never answers a second {@code next}, as Lambda freezes an environment between invocations. The
 * headers are the ones Lambda sends: the runtime interface client's native part crashes on a {@code
 * next} answer without a {@code Content-Type}.
 */
final class OneInvocationRuntimeApi implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime/";

  /** What the runtime sent back, and when (nanoTime). */
  record Outcome(String kind, String body, long nextAt, long answeredAt) {}

  private final HttpServer server;
  private final byte[] event;
  private final String requestId = UUID.randomUUID().toString();
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private volatile long nextAt;

  OneInvocationRuntimeApi(byte[] event) throws IOException {
    this.event = event;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(BASE, this::serve);
    server.start();
  }

  /** {@code host:port}, for {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * @throws TimeoutException if the runtime neither answers nor fails its init within {@code limit}
   */
  Outcome await(Duration limit) throws Exception {
    return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void serve(HttpExchange exchange) throws IOException {
    long now = System.nanoTime();
    String path = exchange.getRequestURI().getPath().substring(BASE.length());
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (path.equals("invocation/next")) {
      if (nextAt != 0) {
        return; // the environment is frozen after its one invocation: never answered
      }
      nextAt = now;
      var headers = exchange.getResponseHeaders();
      headers.add("Content-Type", "application/json");
      headers.add("Lambda-Runtime-Aws-Request-Id", requestId);
      headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
      headers.add(
          "Lambda-Runtime-Invoked-Function-Arn",
          "arn:aws:lambda:us-east-1:123456789012:function:cold-start");
      headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
      exchange.sendResponseHeaders(200, event.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(event);
      }
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (path.equals("init/error")) {
      outcome.complete(new Outcome("init error", text, nextAt, now));
    } else if (path.endsWith("/response")) {
      outcome.complete(new Outcome("response", text, nextAt, now));
    } else if (path.endsWith("/error")) {
      outcome.complete(new Outcome("error", text, nextAt, now));
    }
    byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(202, ok.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(ok);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
