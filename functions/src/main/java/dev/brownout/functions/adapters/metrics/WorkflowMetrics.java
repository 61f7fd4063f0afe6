package dev.brownout.functions.adapters.metrics;

import dev.brownout.functions.workflow.WorkflowPlan;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The evaluator's metrics: {@code DegradationLevel} (0 FULL ... 3 EMERGENCY, the level it decided)
 * and {@code LevelTransitions} (1 when the level changed), under the dimension {@code Service}
 * ({@code evaluator}).
 */
public final class WorkflowMetrics {
  public static final String DEGRADATION_LEVEL = "DegradationLevel";
  public static final String LEVEL_TRANSITIONS = "LevelTransitions";

  private final Metrics metrics;

  public WorkflowMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  public void evaluated(WorkflowPlan plan) {
    metrics.flushMetrics(
        m -> {
          m.addMetric(DEGRADATION_LEVEL, plan.level().severity(), MetricUnit.NONE);
          m.addMetric(LEVEL_TRANSITIONS, plan.changed() ? 1 : 0, MetricUnit.COUNT);
        });
  }
}
