package dev.brownout.bench;

import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.functions.api.ApiResponse;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through the API service, side by side: a healthy primary; a failing primary whose
 * breaker is open, answered from the DynamoDB cache; and, as the baseline, the bare cache read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ApiServiceBenchmark {
  private BenchWorld world;

  @Setup(Level.Trial)
  public void setUp() {
    world = new BenchWorld(Duration.ofMillis(100));
    world.tripBreaker("/down/1");
    if (world.service.handle(BenchWorld.request("/down/1")).servedFrom()
        != dev.brownout.core.serving.ServedFrom.CACHE) {
      throw new IllegalStateException(
          "the /down route must answer from the cache with its breaker open");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.close();
  }

  @Benchmark
  public ApiResponse primaryHealthy() {
    return world.service.handle(BenchWorld.request("/products/1"));
  }

  @Benchmark
  public ApiResponse breakerOpenAnsweredFromCache() {
    return world.service.handle(BenchWorld.request("/down/1"));
  }

  @Benchmark
  public Optional<CachedAnswer> bareCacheRead() {
    return world.cache.get(BenchWorld.CACHED_KEY);
  }
}
