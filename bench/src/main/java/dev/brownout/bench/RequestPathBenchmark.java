package dev.brownout.bench;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiRequest;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiService;
import dev.brownout.functions.api.Breakers;
import dev.brownout.functions.api.StatusEndpoint;
import dev.brownout.functions.testing.InMemoryAnswerTally;
import dev.brownout.functions.testing.InMemoryResponseCache;
import dev.brownout.functions.testing.InMemoryStatusHistory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request path's own cost, with every port in memory (no moto, no sockets): a request whose
 * breaker is open, answered from the cache, side by side with the in-memory cache read alone, and a
 * healthy primary that answers at once. Run with JMH's GC profiler for the bytes each allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestPathBenchmark {
  static final String CACHED_KEY = "GET /down/{id} id=1";

  private InMemoryResponseCache cache;
  private ApiService service;
  private ApiRequest down;
  private ApiRequest healthy;

  @Setup(Level.Trial)
  public void setUp() {
    Catalog catalog = BenchWorld.catalog("http://catalog.internal", Duration.ofSeconds(1));
    // Not the tests' FakeUpstream: it keeps every call, and the benchmark makes millions.
    UpstreamClient.Answer lamp =
        new UpstreamClient.Answer(
            200,
            Map.of("content-type", "application/json"),
            "{\"id\":\"1\",\"name\":\"Lamp\"}".getBytes(StandardCharsets.UTF_8));
    UpstreamClient.Answer unavailable = new UpstreamClient.Answer(503, Map.of(), new byte[0]);
    UpstreamClient upstream =
        call -> call.url().getPath().startsWith("/down/") ? unavailable : lamp;
    cache = new InMemoryResponseCache();
    cache.put(
        CACHED_KEY,
        new CachedAnswer(
            200,
            Map.of("content-type", "application/json"),
            "{\"id\":\"1\",\"name\":\"Lamp\"}".getBytes(StandardCharsets.UTF_8),
            Instant.now(),
            Duration.ofHours(1)),
        Duration.ofHours(1));
    FlagSnapshot flags = FlagSnapshot.defaults(catalog);
    RequestQueue noQueue =
        request -> {
          throw new RequestQueue.QueueFailure(
              RequestQueue.QueueFailure.Kind.UNAVAILABLE, "no queue in the benchmark", null);
        };
    service =
        new ApiService(
            catalog,
            () -> flags,
            upstream,
            cache,
            noQueue,
            new Breakers(Clock.systemUTC(), Duration.ofHours(1)),
            new StatusEndpoint(
                catalog,
                () -> new StatusBoard.Board(List.of(), Optional.empty(), List.of()),
                new InMemoryStatusHistory(),
                new InMemoryAnswerTally(),
                Clock.systemUTC()),
            (route, servedFrom, status, latency, breakerOpen, refused) -> {},
            Clock.systemUTC());
    down = BenchWorld.request("/down/1");
    healthy = BenchWorld.request("/products/1");
    for (int i = 0; i < 10; i++) {
      service.handle(down);
    }
    ApiResponse answer = service.handle(down);
    if (answer.servedFrom() != ServedFrom.CACHE) {
      throw new IllegalStateException("/down must answer from the cache, got " + answer);
    }
  }

  @Benchmark
  public Optional<CachedAnswer> inMemoryCacheRead() {
    return cache.get(CACHED_KEY);
  }

  @Benchmark
  public ApiResponse breakerOpenFromInMemoryCache() {
    return service.handle(down);
  }

  @Benchmark
  public ApiResponse primaryHealthyInMemory() {
    return service.handle(healthy);
  }
}
