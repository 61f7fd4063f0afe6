package dev.brownout.functions.adapters.metrics;

import dev.brownout.core.health.CheckPlan.PlannedCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.StatusStore.Recorded;
import dev.brownout.functions.health.CheckObserver;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The health-check function's metrics, as CloudWatch Embedded Metric Format log lines (Powertools
 * Metrics), one blob per check with the dimension {@code Dependency}: {@code DependencyHealthy} (1
 * or 0, after the check), {@code CheckLatency} (ms) and {@code CheckFailures} (1 or 0).
 */
public final class HealthCheckMetrics implements CheckObserver {
  public static final String DEPENDENCY = "Dependency";
  public static final String DEPENDENCY_HEALTHY = "DependencyHealthy";
  public static final String CHECK_LATENCY = "CheckLatency";
  public static final String CHECK_FAILURES = "CheckFailures";

  private final Metrics metrics;

  public HealthCheckMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void checked(PlannedCheck check, CheckResult result, Recorded recorded) {
    metrics.flushMetrics(
        m -> {
          m.addDimension(DEPENDENCY, check.dependency().name());
          m.addMetric(DEPENDENCY_HEALTHY, recorded.after().healthy() ? 1 : 0, MetricUnit.COUNT);
          m.addMetric(CHECK_LATENCY, result.latency().toMillis(), MetricUnit.MILLISECONDS);
          m.addMetric(CHECK_FAILURES, result.success() ? 0 : 1, MetricUnit.COUNT);
        });
  }
}
