package dev.brownout.bench;

import dev.brownout.functions.api.ApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A primary that hangs, called again and again: how many calls wait for the timeout before the
 * breaker opens and the cache answers at once. Prints one row per call.
 */
final class BreakerHarness {
  private BreakerHarness() {}

  static List<String> run(int calls, Duration timeout) {
    List<String> rows = new ArrayList<>();
    try (BenchWorld world = new BenchWorld(timeout)) {
      rows.add(
          String.format("| call | latency (ms) | X-Served-From | breaker |%n|---:|---:|---|---|"));
      for (int i = 1; i <= calls; i++) {
        long start = System.nanoTime();
        ApiResponse response = world.service.handle(BenchWorld.request("/hanging/1"));
        double ms = (System.nanoTime() - start) / 1e6;
        String state = world.breakers.of(world.catalog.routes().get(2)).getState().name();
        rows.add(
            String.format("| %d | %.1f | %s | %s |", i, ms, response.servedFrom().label(), state));
      }
    }
    return rows;
  }
}
