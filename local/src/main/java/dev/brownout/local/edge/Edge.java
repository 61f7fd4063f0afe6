package dev.brownout.local.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local cloud's one AWS endpoint ({@code http://localhost:4566}, as LocalStack's): it answers
 * Lambda {@code Invoke} itself, mounts the local cloud's own paths under {@code /_brownout/} and
 * whatever else is {@linkplain #route routed} to it (the REST API's LocalStack-style URLs, fault
 * injection), and forwards every other request to moto unchanged.
 *
 * <p>{@code GET /_brownout/health} answers every part of the local cloud and its state, like
 * LocalStack's {@code /_localstack/health}: each {@linkplain #health section} is asked at request
 * time, and a section that fails says so instead of failing the page.
 */
public final class Edge implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** A part of the edge that answers some requests itself. */
  public interface Route {
    /**
     * Answers the request and returns true, or returns false to let the next route try. A route
     * that reads the body gets at most {@link RequestBody#LIMIT} bytes.
     */
    boolean handle(HttpExchange exchange, RequestBody body) throws IOException;
  }

  private final HttpServer server;
  private final Forwarder moto;
  private final LambdaInvokeApi lambda;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final Map<String, Supplier<Object>> health = new LinkedHashMap<>();
  private final Consumer<String> console;
  private volatile boolean closing;

  private Edge(
      HttpServer server, Forwarder moto, LambdaInvokeApi lambda, Consumer<String> console) {
    this.server = server;
    this.moto = moto;
    this.lambda = lambda;
    this.console = console;
  }

  /**
   * Listens on loopback at {@code port}.
   *
   * @param requireDeployed throws {@link dev.brownout.local.lambda.FunctionNotFoundException} for a
   *     function that is not deployed (Invoke's {@code DryRun})
   * @throws IllegalStateException if the port is taken, naming it
   */
  public static Edge start(
      int port,
      URI motoEndpoint,
      dev.brownout.local.lambda.Invoker invoker,
      Consumer<String> requireDeployed,
      Consumer<String> console) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    } catch (BindException e) {
      throw new IllegalStateException(
          "port " + port + " is taken: is another local cloud (or LocalStack) running?", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    Edge edge =
        new Edge(
            server,
            new Forwarder(motoEndpoint),
            new LambdaInvokeApi(invoker, requireDeployed),
            console);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", edge::handle);
    server.start();
    return edge;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a route tried, in the order added, before Invoke and forwarding. */
  public void route(Route route) {
    routes.add(route);
  }

  /** Adds a section to {@code /_brownout/health}. */
  public synchronized void health(String section, Supplier<Object> state) {
    health.put(section, state);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String refusal = LoopbackGuard.refusal(exchange);
      if (refusal != null) {
        Edges.respond(exchange, 403, "application/json", Edges.json(Map.of("message", refusal)));
        return;
      }
      if (exchange.getRequestURI().isAbsolute()) {
        // an absolute-form target would make the edge a proxy to anywhere
        Edges.respond(
            exchange,
            400,
            "application/json",
            Edges.json(Map.of("message", "the local cloud is not a proxy")));
        return;
      }
      RequestBody body = new RequestBody(exchange);
      String path = exchange.getRequestURI().getRawPath();
      try {
        if (path.equals("/_brownout/health") || path.equals("/_brownout/health/")) {
          Edges.respond(exchange, 200, "application/json", healthDocument());
          return;
        }
        for (Route route : routes) {
          if (route.handle(exchange, body)) {
            return;
          }
        }
        Optional<String> function = LambdaInvokeApi.functionOf(exchange.getRequestMethod(), path);
        if (function.isPresent()) {
          lambda.handle(exchange, function.get(), body.bytes());
          return;
        }
        moto.forward(exchange, body);
      } catch (RequestBody.TooLarge e) {
        Edges.respond(
            exchange, 413, "application/json", Edges.json(Map.of("message", e.getMessage())));
      } catch (RuntimeException e) {
        // a defect of a part of the edge: the client gets an answer, the next request is unaffected
        console.accept(
            "edge: "
                + exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI()
                + " failed: "
                + e);
        if (exchange.getResponseCode() == -1) {
          Edges.respond(
              exchange, 500, "application/json", Edges.json(Map.of("message", String.valueOf(e))));
        }
      }
    } catch (IOException e) {
      // the client went away
      if (!closing) {
        console.accept(
            "edge: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
      }
    }
  }

  private synchronized byte[] healthDocument() throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    health.forEach(
        (section, state) -> {
          try {
            document.put(section, state.get());
          } catch (RuntimeException e) {
            document.put(section, Map.of("error", String.valueOf(e.getMessage())));
          }
        });
    return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closing = true;
    server.stop(0);
  }
}
