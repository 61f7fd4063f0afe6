package dev.brownout.local.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.brownout.local.edge.Edge;
import dev.brownout.local.edge.LoopbackGuard;
import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed REST API served locally, as API Gateway serves it: the first API on its own port
 * ({@code http://localhost:3000/<path>}), and every API at LocalStack's address on the edge ({@code
 * /restapis/<apiId>/<stage>/_user_request_/<path>}). Each request is routed through the API's
 * deployed resources and methods, turned into the {@code AWS_PROXY} event, and the function's
 * answer mapped back; a function that does not answer within the integration timeout (29 s) gets
 * API Gateway's 504, and keeps running to its own timeout, as in AWS.
 */
public final class ApiFront implements AutoCloseable {
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern LOCALSTACK_PATH =
      Pattern.compile("/restapis/([^/]+)/([^/]+)/_user_request_(/.*)?");

  private static final ObjectMapper JSON = new ObjectMapper();
  // API Gateway's payload limit for REST APIs.
  static final int MAX_PAYLOAD = 10 * 1024 * 1024;
  private final Map<String, Served> apis = new LinkedHashMap<>();
  private final Invoker invoker;
  private final Clock clock;
  private final Consumer<String> console;
  private final RandomGenerator random = new SecureRandom();
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong requests = new AtomicLong();
  private final HttpServer server;

  private record Served(RestApiModel api, ResourceRouter router) {}

  /**
   * Serves {@code apis}, the first on {@code port} of loopback.
   *
   * @throws IllegalStateException when the port is taken, naming it
   */
  public ApiFront(
      List<RestApiModel> apis, int port, Invoker invoker, Clock clock, Consumer<String> console) {
    if (apis.isEmpty()) {
      throw new IllegalArgumentException("no REST API to serve");
    }
    apis.forEach(
        api -> this.apis.put(api.apiId(), new Served(api, new ResourceRouter(api.resources()))));
    this.invoker = invoker;
    this.clock = clock;
    this.console = console;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    } catch (BindException e) {
      throw new IllegalStateException("port " + port + " is taken: the API cannot be served", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Served first = this.apis.values().iterator().next();
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          byte[] body = readBody(exchange);
          if (body == null) {
            tooLong(exchange);
            return;
          }
          serve(exchange, first, exchange.getRequestURI().getRawPath(), body);
        });
    server.start();
  }

  /** The edge's route for LocalStack-style URLs. */
  public Edge.Route localStackRoute() {
    return (exchange, body) -> {
      Matcher m = LOCALSTACK_PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!m.matches()) {
        return false;
      }
      Served served = apis.get(m.group(1));
      if (served == null || !served.api().stage().equals(m.group(2))) {
        byte[] message =
            JSON.writeValueAsBytes(
                Map.of(
                    "message",
                    "no REST API "
                        + m.group(1)
                        + " with a stage "
                        + m.group(2)
                        + " is deployed in the local cloud"));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(404, message.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(message);
        }
        return true;
      }
      serve(exchange, served, m.group(3) == null ? "/" : m.group(3), body.bytes());
      return true;
    };
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<RestApiModel> apis() {
    return apis.values().stream().map(Served::api).toList();
  }

  public long requests() {
    return requests.get();
  }

  /** The body, or null when it is over API Gateway's 10 MB payload limit. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
      return body.length > MAX_PAYLOAD ? null : body;
    }
  }

  private static void tooLong(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] message = JSON.writeValueAsBytes(Map.of("message", "Request Too Long"));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(413, message.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(message);
      }
    }
  }

  private void serve(HttpExchange exchange, Served served, String rawPath, byte[] body)
      throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String refusal = LoopbackGuard.refusal(exchange);
      if (refusal != null) {
        byte[] message = JSON.writeValueAsBytes(Map.of("message", refusal));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(403, message.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(message);
        }
        return;
      }
      ProxyRequest request = request(exchange, rawPath, body);
      RequestStamp stamp =
          RequestStamp.next(clock, random, request.firstHeader("X-Amzn-Trace-Id").orElse(null));
      ApiAnswer answer = writable(answer(served, request, stamp), stamp);
      answer
          .problem()
          .ifPresent(
              p ->
                  console.accept(
                      request.httpMethod()
                          + " "
                          + rawPath
                          + " answered "
                          + answer.status()
                          + ": "
                          + p));
      write(exchange, answer);
    } catch (RuntimeException e) {
      // a defect here must still answer, as API Gateway answers its own failures
      console.accept(exchange.getRequestMethod() + " " + rawPath + " failed: " + e);
      if (exchange.getResponseCode() == -1) {
        byte[] message = JSON.writeValueAsBytes(Map.of("message", "Internal server error"));
        exchange.sendResponseHeaders(500, message.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(message);
        }
      }
    }
  }

  /**
   * The answer, or API Gateway's 502 when the function's answer cannot be sent over HTTP: a status
   * below 200, a header name or value with a line break or another control character.
   */
  private static ApiAnswer writable(ApiAnswer answer, RequestStamp stamp) {
    if (answer.status() < 200) {
      return ApiAnswer.internalServerError(
          502, stamp, "the function's answer has status " + answer.status());
    }
    for (var header : answer.headers().entrySet()) {
      if (!HEADER_NAME.matcher(header.getKey()).matches()) {
        return ApiAnswer.internalServerError(
            502, stamp, "the function's answer has a header name that HTTP cannot carry");
      }
      for (String value : header.getValue()) {
        if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
          return ApiAnswer.internalServerError(
              502,
              stamp,
              "the function's header "
                  + header.getKey()
                  + " has a line break or control character");
        }
      }
    }
    return answer;
  }

  private ApiAnswer answer(Served served, ProxyRequest request, RequestStamp stamp) {
    Routing routing = served.router().route(request.httpMethod(), request.rawPath());
    if (routing instanceof Routing.NotFound notFound) {
      return notFound.answer(stamp);
    }
    Routing.Matched matched = (Routing.Matched) routing;
    if (!matched.method().isLambdaProxy()) {
      return ApiAnswer.internalServerError(
          500,
          stamp,
          "the local cloud serves Lambda proxy integrations only; this method's is "
              + matched.method().integrationType());
    }
    byte[] event = ProxyEvent.build(served.api(), request, matched, stamp);
    String function = matched.method().lambdaFunctionArn();
    CompletableFuture<InvokeResult> call =
        CompletableFuture.supplyAsync(() -> invoker.invoke(function, event), calls);
    try {
      InvokeResult result =
          call.get(matched.method().integrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return ProxyAnswer.of(result, request, served.api(), stamp);
    } catch (TimeoutException e) {
      return ApiAnswer.endpointTimedOut(stamp, matched.method().integrationTimeout());
    } catch (ExecutionException e) {
      String why =
          e.getCause() instanceof FunctionNotFoundException
              ? "the integration's function is not deployed: " + e.getCause().getMessage()
              : "the function could not be invoked: " + e.getCause();
      return ApiAnswer.internalServerError(500, stamp, why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiAnswer.internalServerError(500, stamp, "the local cloud is stopping");
    }
  }

  private static ProxyRequest request(HttpExchange exchange, String rawPath, byte[] body) {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    String query = exchange.getRequestURI().getRawQuery();
    return new ProxyRequest(
        exchange.getRequestMethod(),
        rawPath,
        query,
        headers,
        body,
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        exchange.getProtocol(),
        "http",
        exchange.getLocalAddress().getPort());
  }

  private static void write(HttpExchange exchange, ApiAnswer answer) throws IOException {
    answer
        .headers()
        .forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
    boolean noBody = answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  /** The URLs each API is served at. */
  public Map<String, Object> describe(int edgePort) {
    Map<String, Object> described = new LinkedHashMap<>();
    boolean first = true;
    for (Served served : apis.values()) {
      RestApiModel api = served.api();
      Map<String, Object> urls = new LinkedHashMap<>();
      if (first) {
        urls.put("url", "http://localhost:" + port() + "/");
      }
      urls.put(
          "localStackUrl",
          "http://localhost:"
              + edgePort
              + "/restapis/"
              + api.apiId()
              + "/"
              + api.stage()
              + "/_user_request_/");
      urls.put("name", Optional.ofNullable(api.name()).orElse(""));
      urls.put("resources", api.resources().size());
      described.put(api.apiId(), urls);
      first = false;
    }
    described.put("requests", requests.get());
    return described;
  }

  @Override
  public void close() {
    server.stop(0);
    calls.shutdownNow();
  }
}
