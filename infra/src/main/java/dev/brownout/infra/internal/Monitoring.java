package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.serving.ServedFrom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * The app's dashboard and alarms, built only from the metrics the functions emit (namespace {@code
 * Brownout/<app>}; the names and dimensions are checked against the functions' by a test). Alarms
 * notify the level-change topic.
 */
public final class Monitoring extends Construct {
  /** The dimension that names the function emitting a metric, as the functions name it. */
  private static final String SERVICE = "Service";

  private final String namespace;

  public Monitoring(Construct scope, String id, MonitoringProps props) {
    super(scope, id);
    Catalog catalog = props.catalog();
    this.namespace = "Brownout/" + catalog.app();
    Metric level =
        metric(
            "DegradationLevel",
            Map.of(SERVICE, "evaluator"),
            "Maximum",
            "level (0 FULL ... 3 EMERGENCY)");
    List<IMetric> healthy = new ArrayList<>();
    List<IMetric> latency = new ArrayList<>();
    for (Dependency d : catalog.dependencies()) {
      healthy.add(metric("DependencyHealthy", Map.of("Dependency", d.name()), "Minimum", d.name()));
      latency.add(metric("CheckLatency", Map.of("Dependency", d.name()), "Average", d.name()));
    }
    List<IMetric> fallbacks = new ArrayList<>();
    // Every answer not from the primary is counted by its X-Served-From label.
    for (ServedFrom source : ServedFrom.values()) {
      if (source != ServedFrom.PRIMARY) {
        fallbacks.add(
            metric("FallbackServed", Map.of("Source", source.label()), "Sum", source.label()));
      }
    }
    List<IMetric> primary = new ArrayList<>();
    List<IMetric> breakers = new ArrayList<>();
    for (Route r : catalog.routes()) {
      primary.add(
          metric("PrimaryLatency", Map.of("Route", r.metricName()), "p50", r.id() + " p50"));
      primary.add(
          metric("PrimaryLatency", Map.of("Route", r.metricName()), "p99", r.id() + " p99"));
      breakers.add(metric("BreakerOpen", Map.of("Route", r.metricName()), "Sum", r.id()));
    }
    IMetric workflowFailures = props.workflow().metricFailed();
    List<IWidget> widgets =
        List.of(
            graph("Degradation level", List.of(level)),
            graph("Dependency health (1 healthy, 0 unhealthy)", healthy),
            graph("Check latency (ms)", latency),
            graph("Answers from fallbacks, by source", fallbacks),
            graph("Primary latency (ms)", primary),
            graph("Breaker-open answers, by route", breakers),
            graph("Workflow failures", List.of(workflowFailures)));
    Dashboard.Builder.create(this, "Dashboard")
        .dashboardName("brownout-" + catalog.app())
        .widgets(widgets.stream().map(w -> List.of(w)).toList())
        .build();

    SnsAction notify = new SnsAction(props.alarms());
    // Unlabelled: a labelled metric turns into metric math in the alarm, hiding its name.
    Metric levelForAlarm =
        metric("DegradationLevel", Map.of(SERVICE, "evaluator"), "Maximum", null);
    alarm("LevelReduced", levelForAlarm, 1, "The degradation level is REDUCED or worse")
        .addAlarmAction(notify);
    alarm(
            "WorkflowFailed",
            workflowFailures,
            1,
            "A degradation workflow execution failed; the flags stay as they were")
        .addAlarmAction(notify);
    props
        .replayDeadLetters()
        .ifPresent(
            deadLetters ->
                alarm(
                        "ReplayDeadLetters",
                        deadLetters.metricApproximateNumberOfMessagesVisible(),
                        1,
                        "Queued writes could not be delivered and wait in the dead-letter queue")
                    .addAlarmAction(notify));
  }

  private Metric metric(
      String name, Map<String, String> dimensions, String statistic, String label) {
    Metric.Builder metric =
        Metric.Builder.create()
            .namespace(namespace)
            .metricName(name)
            .dimensionsMap(dimensions)
            .statistic(statistic)
            .period(Duration.minutes(1));
    if (label != null) {
      metric.label(label);
    }
    return metric.build();
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(24).height(6).build();
  }

  private Alarm alarm(String id, IMetric metric, double threshold, String description) {
    return Alarm.Builder.create(this, id)
        .metric(metric)
        .threshold(threshold)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .alarmDescription(description)
        .build();
  }
}
