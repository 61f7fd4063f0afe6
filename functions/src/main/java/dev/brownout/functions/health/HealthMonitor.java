package dev.brownout.functions.health;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.health.CheckPlan;
import dev.brownout.core.health.CheckPlan.PlannedCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.DegradationWorkflow;
import dev.brownout.core.ports.Probe;
import dev.brownout.core.ports.StatusStore;
import dev.brownout.core.ports.StatusStore.Recorded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one invocation's checks: every dependency at its own interval for the length of the window,
 * each check on its own virtual thread with a hard deadline, so one hanging dependency never delays
 * another's result. Each result is recorded at once, and a flip of the healthy bit starts the
 * degradation workflow at once.
 */
public final class HealthMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  /** Past its timeout a probe gets this long to report before it is abandoned. */
  private static final Duration GRACE = Duration.ofMillis(250);

  private final List<Dependency> dependencies;
  private final Probe probe;
  private final StatusStore store;
  private final Optional<DegradationWorkflow> workflow;
  private final CheckObserver observer;
  private final Clock clock;

  public HealthMonitor(
      List<Dependency> dependencies,
      Probe probe,
      StatusStore store,
      Optional<DegradationWorkflow> workflow,
      CheckObserver observer,
      Clock clock) {
    this.dependencies = List.copyOf(dependencies);
    this.probe = probe;
    this.store = store;
    this.workflow = workflow;
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * @param run names this run the same way on every delivery of its event
   * @param scheduledAt when the run was scheduled; check ids are derived from it, so a redelivered
   *     event produces the same ids
   * @param window how long to keep checking
   */
  public HealthRun run(String run, Instant scheduledAt, Duration window) {
    List<PlannedCheck> plan = CheckPlan.plan(dependencies, window);
    Instant start = clock.instant();
    Map<String, String> logContext =
        Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of());
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    List<String> flips = Collections.synchronizedList(new ArrayList<>());
    List<String> storeErrors = Collections.synchronizedList(new ArrayList<>());
    // Probes run apart from the checks: an abandoned probe is interrupted, never waited for.
    ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (PlannedCheck check : plan) {
        threads.submit(
            () -> {
              MDC.setContextMap(logContext);
              MDC.put("dependency", check.dependency().name());
              try {
                waitUntil(start.plus(check.offset()));
                CheckResult result = checkWithDeadline(probes, check.dependency());
                String checkId = checkId(run, scheduledAt, check);
                Recorded recorded = store.record(check.dependency(), result, checkId);
                if (!result.success()) {
                  failed.incrementAndGet();
                }
                if (recorded.duplicate()) {
                  duplicates.incrementAndGet();
                  LOG.info("Check {} was recorded before; nothing changed", checkId);
                } else {
                  log(check, result, recorded);
                  observer.checked(check, result, recorded);
                }
                if (recorded.flipped()) {
                  String flip = flip(recorded);
                  flips.add(flip);
                  workflow.ifPresent(w -> w.evaluateNow(checkId, flip));
                }
              } catch (StatusStore.StatusStoreException e) {
                LOG.error(
                    "Could not record a check of {}: {}",
                    check.dependency().name(),
                    e.getMessage());
                storeErrors.add(check.dependency().name() + ": " + e.getMessage());
              } catch (RuntimeException e) {
                // A defect, not the dependency's failure: fail the invocation so it is retried,
                // rather than lose the check in an unread Future.
                LOG.error("Checking {} failed unexpectedly", check.dependency().name(), e);
                storeErrors.add(check.dependency().name() + ": " + e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                MDC.clear();
              }
            });
      }
    } finally {
      probes.shutdownNow();
    }
    return new HealthRun(run, plan.size(), failed.get(), duplicates.get(), flips, storeErrors);
  }

  private CheckResult checkWithDeadline(ExecutorService probes, Dependency dependency)
      throws InterruptedException {
    Instant startedAt = clock.instant();
    Duration timeout = dependency.check().timeout();
    Future<CheckResult> result = probes.submit(() -> probe.check(dependency));
    try {
      return result.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      return CheckResult.failure(
          "timed out after " + Durations.format(timeout), timeout, startedAt);
    } catch (ExecutionException e) {
      // A probe reports the dependency's failures itself; this is a defect in the probe.
      LOG.error("The {} probe failed unexpectedly", dependency.check().type(), e.getCause());
      return CheckResult.failure(
          "the check itself failed: " + e.getCause(),
          Duration.between(startedAt, clock.instant()),
          startedAt);
    }
  }

  private void waitUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(clock.instant(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /** Sorts by scheduled time and is the same on every delivery of the run's event. */
  static String checkId(String run, Instant scheduledAt, PlannedCheck check) {
    return scheduledAt.plus(check.offset())
        + "#"
        + run
        + "#"
        + check.dependency().name()
        + "#"
        + check.round();
  }

  private static String flip(Recorded recorded) {
    return recorded.after().dependency()
        + (recorded.after().healthy() ? ": unhealthy->healthy" : ": healthy->unhealthy");
  }

  private static void log(PlannedCheck check, CheckResult result, Recorded recorded) {
    if (result.success()) {
      LOG.info(
          "Check passed in {}ms; healthy={}, consecutive successes {}",
          result.latency().toMillis(),
          recorded.after().healthy(),
          recorded.after().consecutiveSuccesses());
    } else {
      LOG.warn(
          "Check failed: {}; healthy={}, consecutive failures {}",
          result.error().orElse("?"),
          recorded.after().healthy(),
          recorded.after().consecutiveFailures());
    }
    if (recorded.flipped()) {
      LOG.warn(
          "{} is now {}",
          check.dependency().name(),
          recorded.after().healthy() ? "healthy" : "UNHEALTHY");
    }
  }
}
