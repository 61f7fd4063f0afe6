package dev.brownout.local.chaos;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic at every route of the catalog through the API, one request every {@code 1/rate} s
 * in turn over the routes and a fixed set of ids ({@link #IDS}, warmed before any fault), each on a
 * virtual thread with a client timeout; and, when {@linkplain #abuse switched on}, an abusive
 * client at the same rate. Every request becomes a {@link Sample}. A request that gets no answer
 * within the timeout is a sample with {@link Sample#NO_ANSWER}; nothing here throws.
 */
final class Traffic implements AutoCloseable {
  /** The ids the steady traffic uses: the demo shop's products 1-5 (users u1-u5). */
  static final int IDS = 5;

  /**
   * Longer than API Gateway's 29 s integration timeout (which the local API front keeps): every
   * request gets the answer a client of API Gateway would, a late one included.
   */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  private final URI api;
  private final List<Route> routes;
  private final int rate;
  private final Clock clock;
  private final HttpClient http;
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicLong tick = new AtomicLong();
  private volatile boolean abusive;

  Traffic(URI api, Catalog catalog, int rate, Clock clock) {
    this.api = api;
    this.routes = catalog.routes();
    this.rate = rate;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(requests)
            .build();
  }

  /** Sends each GET route's request for every id once, in turn; the cache is warm afterwards. */
  List<Sample> warm() {
    List<Sample> warmed = new ArrayList<>();
    for (int id = 1; id <= IDS; id++) {
      for (Route route : routes) {
        if (!route.isWrite()) {
          warmed.add(send(route.id(), request(route, id), false));
        }
      }
    }
    return warmed;
  }

  void start() {
    long period = Math.max(1, 1_000_000L / rate);
    ticks.scheduleAtFixedRate(this::next, 0, period, TimeUnit.MICROSECONDS);
  }

  /** The abusive client joins the traffic (true) or leaves it. */
  void abuse(boolean on) {
    abusive = on;
  }

  private void next() {
    long n = tick.getAndIncrement();
    Route route = routes.get((int) (n % routes.size()));
    int id = (int) ((n / routes.size()) % IDS) + 1;
    requests.submit(() -> samples.add(send(route.id(), request(route, id), false)));
    if (abusive) {
      requests.submit(() -> samples.add(abusiveRequest(n)));
    }
  }

  /** The request for a route and an id: path parameters filled, a JSON body for a write. */
  HttpRequest request(Route route, int id) {
    String path = route.path().toString();
    for (String p : route.path().parameters()) {
      path = path.replace("{" + p + "}", p.toLowerCase().contains("user") ? "u" + id : "" + id);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(CLIENT_TIMEOUT);
    if (route.isWrite()) {
      b.header("Content-Type", "application/json")
          .header("Idempotency-Key", "chaos-" + UUID.randomUUID())
          .method(
              route.method(),
              HttpRequest.BodyPublishers.ofString("{\"productId\":\"" + id + "\",\"quantity\":1}"));
    } else {
      b.method(route.method(), HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  /**
   * In turn: a random id (a cache key nobody warmed), the same with a random value of the cache's
   * query key (yet more keys), and a path parameter that is {@code ..} once decoded, which the API
   * must refuse itself; all to the first read route with a path parameter.
   */
  private Sample abusiveRequest(long n) {
    Route target =
        routes.stream()
            .filter(r -> !r.isWrite() && !r.path().parameters().isEmpty())
            .findFirst()
            .orElse(routes.get(0));
    String random = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 1_000_000_000));
    String param = target.path().parameters().isEmpty() ? "" : target.path().parameters().get(0);
    String path =
        target.path().toString().replace("{" + param + "}", n % 3 == 2 ? "%2e%2e" : random);
    String query =
        n % 3 == 1
            ? target.fallback().stream()
                .filter(f -> f instanceof Fallback.Cache c && !c.queryKeys().isEmpty())
                .map(f -> "?" + ((Fallback.Cache) f).queryKeys().get(0) + "=x" + random)
                .findFirst()
                .orElse("?chaos=" + random)
            : "";
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve(path + query)).timeout(CLIENT_TIMEOUT).GET().build();
    return send(target.id(), request, true);
  }

  private Sample send(String route, HttpRequest request, boolean abusive) {
    Instant sent = clock.instant();
    long started = System.nanoTime();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return new Sample(
          sent,
          route,
          response.statusCode(),
          response.headers().firstValue("X-Served-From").orElse(""),
          response.headers().firstValue("X-Degradation-Level").orElse(""),
          Duration.ofNanos(System.nanoTime() - started),
          abusive);
    } catch (IOException e) {
      return unanswered(sent, route, started, abusive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unanswered(sent, route, started, abusive);
    }
  }

  private static Sample unanswered(Instant sent, String route, long started, boolean abusive) {
    return new Sample(
        sent,
        route,
        Sample.NO_ANSWER,
        "",
        "",
        Duration.ofNanos(System.nanoTime() - started),
        abusive);
  }

  /** Stops sending, waits for the requests under way (at most the client timeout), returns all. */
  List<Sample> stop() {
    ticks.shutdownNow();
    requests.shutdown();
    try {
      requests.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(samples);
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    requests.shutdownNow();
    http.close();
  }
}
