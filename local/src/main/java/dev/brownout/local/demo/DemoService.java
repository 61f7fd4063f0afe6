package dev.brownout.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One demo HTTP service on 127.0.0.1, on every port of its plan, with its fault switch: down closes
 * its listening sockets (connections are refused), up binds them again; slow, error and flaky are
 * applied to each request, health included, before the {@link Router} answers. Each request runs on
 * a virtual thread.
 */
final class DemoService implements AutoCloseable {
  static final InetAddress LOOPBACK = loopback();

  /** The most of a request body read; the demo's requests are small. */
  private static final int MAX_BODY = 1 << 20;

  private final DemoPlan.Service plan;
  private final Router router;
  private final FaultSwitch faultSwitch;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private List<HttpServer> servers = List.of();
  private boolean closed;

  DemoService(DemoPlan.Service plan, Router router) {
    this.plan = plan;
    this.router = router;
    this.faultSwitch =
        new FaultSwitch(
            plan.name(), plan.dependency(), plan.address(), plan.slowBy(), this::transition);
  }

  DemoPlan.Service plan() {
    return plan;
  }

  FaultSwitch faultSwitch() {
    return faultSwitch;
  }

  /**
   * Listens on every port, or on none.
   *
   * @throws IllegalStateException naming the port and the dependency if a port cannot be bound
   */
  synchronized void bind() {
    if (closed) {
      throw new IllegalStateException("the demo world is closed; " + plan.name() + " stays down");
    }
    List<HttpServer> started = new ArrayList<>();
    for (int port : plan.ports()) {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        started.add(server);
      } catch (IOException e) {
        started.forEach(s -> s.stop(0));
        throw new IllegalStateException(
            "cannot listen on port "
                + port
                + " of 127.0.0.1 for the demo's "
                + plan.name()
                + (plan.name().equals(plan.dependency())
                    ? ""
                    : " (a fallback of " + plan.dependency() + ")")
                + ": "
                + (e instanceof BindException
                    ? "the port is already in use; stop what holds it or change the port in the"
                        + " catalog"
                    : e.getMessage()),
            e);
      }
    }
    servers = started;
  }

  /** Closes every listening socket and every open connection: connections are refused. */
  synchronized void unbind() {
    servers.forEach(s -> s.stop(0));
    servers = List.of();
  }

  private void transition(Fault from, Fault to) {
    if (to == Fault.DOWN) {
      unbind();
    } else if (from == Fault.DOWN) {
      bind();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      Reply reply;
      try {
        reply = answer(call(exchange));
      } catch (InterruptedException e) {
        return; // the world is closing under a slow request: nothing to answer
      } catch (RuntimeException e) {
        reply = Reply.error(500, "internal error", plan.name() + " failed: " + e);
      }
      send(exchange, reply);
    } catch (IOException e) {
      // The client went away, or the world closed under the request: nothing to answer.
    }
  }

  /** The fault's answer, or the router's after the fault's delay. */
  private Reply answer(Call call) throws InterruptedException {
    Optional<Disruption> disruption = faultSwitch.next();
    if (disruption.isPresent()) {
      switch (disruption.get()) {
        case Disruption.Delay(var by) -> Thread.sleep(by);
        case Disruption.Fail f -> {
          return failure();
        }
        // Down, but the request got in while the socket was closing: fail it, never serve it.
        case Disruption.Refuse r -> {
          return failure();
        }
      }
    }
    return router.answer(call);
  }

  private Reply failure() {
    Fault fault = faultSwitch.state().fault();
    ObjectNode node = Reply.JSON.createObjectNode();
    node.put("error", "service unavailable");
    node.put("message", plan.name() + " is failing: the demo's fault \"" + fault + "\" is on");
    node.put("service", plan.name());
    node.put("fault", fault.label());
    return Reply.json(503, node);
  }

  private static Call call(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    return new Call(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        Call.parseQuery(exchange.getRequestURI().getRawQuery()),
        headers,
        body);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || reply.body().length == 0;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  /** Closes every socket for good and interrupts requests still waiting out a slow fault. */
  @Override
  public synchronized void close() {
    closed = true;
    unbind();
    executor.shutdownNow();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }
}
