package dev.brownout.bench;

import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the API benchmarks and the breaker harness and prints their tables (Markdown), with the
 * ratio of the breaker-open cache answer to the bare cache read measured in the same run.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * @param args {@code path} for the in-memory request path only; nothing for everything
   */
  public static void main(String[] args) throws RunnerException {
    requestPath();
    if (args.length > 0 && args[0].equals("path")) {
      System.exit(0);
    }
    Collection<RunResult> results =
        new Runner(new OptionsBuilder().include(ApiServiceBenchmark.class.getSimpleName()).build())
            .run();
    double bare = score(results, "bareCacheRead");
    System.out.println();
    System.out.println("| benchmark | µs/op | ± | × bare cache read |");
    System.out.println("|---|---:|---:|---:|");
    for (RunResult r : results) {
      var s = r.getPrimaryResult();
      System.out.printf(
          "| %s | %.1f | %.1f | %.2f |%n",
          r.getParams().getBenchmark().replaceAll(".*\\.", ""),
          s.getScore(),
          s.getScoreError(),
          s.getScore() / bare);
    }
    System.out.println();
    System.out.println("Hanging primary (timeout 100 ms), one request after another:");
    BreakerHarness.run(12, Duration.ofMillis(100)).forEach(System.out::println);
    // The test harness's moto edge keeps an HTTP server thread alive; the run is over.
    System.exit(0);
  }

  /** The in-memory request path with the GC profiler: time and bytes per request. */
  private static void requestPath() throws RunnerException {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(RequestPathBenchmark.class.getSimpleName())
                    .addProfiler(GCProfiler.class)
                    .build())
            .run();
    double bare = score(results, "inMemoryCacheRead");
    double bareBytes = bytes(results, "inMemoryCacheRead");
    System.out.println();
    System.out.println(
        "| benchmark | µs/op | ± | B/op | µs more than the cache read | B more than the cache read |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (RunResult r : results) {
      var s = r.getPrimaryResult();
      String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      System.out.printf(
          "| %s | %.3f | %.3f | %.0f | %.3f | %.0f |%n",
          name,
          s.getScore(),
          s.getScoreError(),
          bytes(results, name),
          s.getScore() - bare,
          bytes(results, name) - bareBytes);
    }
  }

  private static double bytes(Collection<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
        .findFirst()
        .orElseThrow()
        .getSecondaryResults()
        .get("gc.alloc.rate.norm")
        .getScore();
  }

  private static double score(Collection<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
        .findFirst()
        .orElseThrow()
        .getPrimaryResult()
        .getScore();
  }
}
