package dev.brownout.functions.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.StatusStore;
import dev.brownout.functions.testing.Dependencies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor with probes that misbehave, over an in-memory store (the real one has its own IT).
 */
class HealthMonitorTest {
  private static final Instant SCHEDULED = Instant.parse("2026-11-26T10:00:00Z");

  /** Keeps statuses in a map; enough to see what the monitor records. */
  static final class MemoryStore implements StatusStore {
    final Map<String, DependencyStatus> statuses = new HashMap<>();
    final List<String> checkIds = new ArrayList<>();

    @Override
    public synchronized Recorded record(Dependency dependency, CheckResult result, String checkId) {
      DependencyStatus before =
          statuses.getOrDefault(dependency.name(), DependencyStatus.unchecked(dependency.name()));
      if (checkIds.contains(checkId)) {
        return new Recorded(before, before, true);
      }
      checkIds.add(checkId);
      DependencyStatus after =
          before.after(result, dependency.failureThreshold(), dependency.recoveryThreshold());
      statuses.put(dependency.name(), after);
      return new Recorded(before, after, false);
    }
  }

  private final MemoryStore store = new MemoryStore();
  private final List<String> evaluations = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseStuckProbes() {
    release.countDown();
  }

  private HealthMonitor monitor(Dependency dependency, dev.brownout.core.ports.Probe probe) {
    return new HealthMonitor(
        List.of(dependency),
        probe,
        store,
        Optional.of((key, reason) -> evaluations.add(reason)),
        (c, r, rec) -> {},
        Clock.systemUTC());
  }

  @Test
  void aProbeThatIgnoresItsTimeoutIsAbandonedAndCountsAsTimedOut() {
    Dependency stuck =
        Dependencies.http("stuck", "http://localhost:1/", Duration.ofMillis(200), null, null);
    var monitor =
        monitor(
            stuck,
            d -> {
              while (release.getCount() > 0) {
                try {
                  release.await();
                } catch (InterruptedException deaf) {
                  // ignores the monitor's interrupt, as a badly written probe might
                }
              }
              return CheckResult.success(Duration.ZERO, SCHEDULED);
            });
    Instant start = Instant.now();

    HealthRun run = monitor.run("run-1", SCHEDULED, Duration.ofMillis(100));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    assertThat(run.failed()).isEqualTo(1);
    assertThat(store.statuses.get("stuck").lastError()).contains("timed out after 200ms");
  }

  @Test
  void aProbeThatThrowsIsAFailedCheckNotACrash() {
    Dependency flaky = Dependencies.http("flaky", "http://localhost:1/");
    var monitor =
        monitor(
            flaky,
            d -> {
              throw new IllegalStateException("probe defect");
            });

    HealthRun run = monitor.run("run-1", SCHEDULED, Duration.ofMillis(100));

    assertThat(run.failed()).isEqualTo(1);
    assertThat(store.statuses.get("flaky").lastError().orElseThrow())
        .contains("the check itself failed")
        .contains("probe defect");
  }

  @Test
  void aStoreThatFailsUnexpectedlyIsReportedNotLost() {
    Dependency db = Dependencies.tcp("db", "localhost", 1);
    var monitor =
        new HealthMonitor(
            List.of(db),
            d -> CheckResult.failure("refused", Duration.ZERO, SCHEDULED),
            (dependency, result, checkId) -> {
              throw new IllegalStateException("store defect");
            },
            Optional.empty(),
            (c, r, rec) -> {},
            Clock.systemUTC());

    HealthRun run = monitor.run("event-9", SCHEDULED, Duration.ofMillis(100));

    assertThat(run.storeErrors())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("store defect"));
  }

  @Test
  void checkIdsSortByScheduledTimeAndRepeatOnRedelivery() {
    Dependency db = Dependencies.tcp("db", "localhost", 1);
    var monitor = monitor(db, d -> CheckResult.failure("refused", Duration.ZERO, SCHEDULED));

    monitor.run("event-7", SCHEDULED, Duration.ofMillis(100));
    HealthRun again = monitor.run("event-7", SCHEDULED, Duration.ofMillis(100));

    assertThat(store.checkIds).containsExactly("2026-11-26T10:00:00Z#event-7#db#0");
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(store.statuses.get("db").consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void aFlipStartsAnEvaluationWithTheReason() {
    Dependency db =
        new Dependency(
            "db",
            dev.brownout.core.Criticality.CRITICAL,
            Dependencies.tcp("db", "localhost", 1).check(),
            1,
            1,
            Duration.ofSeconds(10));
    var monitor = monitor(db, d -> CheckResult.failure("refused", Duration.ZERO, SCHEDULED));

    HealthRun run = monitor.run("event-8", SCHEDULED, Duration.ofMillis(100));

    assertThat(run.flips()).containsExactly("db: healthy->unhealthy");
    assertThat(evaluations).containsExactly("db: healthy->unhealthy");
  }
}
