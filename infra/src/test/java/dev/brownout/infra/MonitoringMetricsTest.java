package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.adapters.metrics.ApiMetrics;
import dev.brownout.functions.adapters.metrics.HealthCheckMetrics;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.metrics.WorkflowMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every metric the dashboard and the alarms read in the app's namespace is one the functions emit:
 * the same name, the same dimension and a value they use. The names come from the functions' own
 * constants, whose EMF output their integration tests check.
 */
class MonitoringMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Catalog catalog = CatalogLoader.load(Path.of("..", "brownout.yaml"));
  private final Template template = Template.fromStack(Stacks.example(Map.of()));

  /** A metric as read: name and dimensions. */
  record Read(String name, Map<String, String> dimensions) {}

  /** Metric name to the one dimension it is published under, besides the function's Service. */
  private static final Map<String, String> EMITTED =
      Map.of(
          HealthCheckMetrics.DEPENDENCY_HEALTHY, HealthCheckMetrics.DEPENDENCY,
          HealthCheckMetrics.CHECK_LATENCY, HealthCheckMetrics.DEPENDENCY,
          HealthCheckMetrics.CHECK_FAILURES, HealthCheckMetrics.DEPENDENCY,
          ApiMetrics.REQUESTS, ApiMetrics.ROUTE,
          ApiMetrics.PRIMARY_LATENCY, ApiMetrics.ROUTE,
          ApiMetrics.BREAKER_OPEN, ApiMetrics.ROUTE,
          ApiMetrics.FALLBACK_SERVED, ApiMetrics.SOURCE,
          WorkflowMetrics.DEGRADATION_LEVEL, MetricsNamespace.SERVICE,
          WorkflowMetrics.LEVEL_TRANSITIONS, MetricsNamespace.SERVICE);

  private Set<String> valuesOf(String dimension, String metric) {
    return switch (dimension) {
      case HealthCheckMetrics.DEPENDENCY ->
          catalog.dependencies().stream().map(Dependency::name).collect(Collectors.toSet());
      case ApiMetrics.ROUTE ->
          catalog.routes().stream().map(Route::metricName).collect(Collectors.toSet());
      case ApiMetrics.SOURCE ->
          Arrays.stream(ServedFrom.values())
              .filter(s -> s != ServedFrom.PRIMARY)
              .map(ServedFrom::label)
              .collect(Collectors.toSet());
      default ->
          Set.of(
              metric.equals(WorkflowMetrics.DEGRADATION_LEVEL)
                      || metric.equals(WorkflowMetrics.LEVEL_TRANSITIONS)
                  ? MetricsNamespace.EVALUATOR
                  : "?");
    };
  }

  @Test
  void everyMetricTheDashboardAndAlarmsReadIsEmittedByTheFunctions() throws Exception {
    List<Read> read = new ArrayList<>();
    read.addAll(dashboardMetrics());
    read.addAll(alarmMetrics());

    assertThat(read)
        .extracting(Read::name)
        .contains(
            WorkflowMetrics.DEGRADATION_LEVEL,
            HealthCheckMetrics.DEPENDENCY_HEALTHY,
            ApiMetrics.FALLBACK_SERVED,
            ApiMetrics.PRIMARY_LATENCY,
            ApiMetrics.BREAKER_OPEN);
    for (Read metric : read) {
      assertThat(EMITTED).as("emitted metrics").containsKey(metric.name());
      String dimension = EMITTED.get(metric.name());
      assertThat(metric.dimensions().keySet())
          .as("dimensions of %s", metric)
          .containsExactly(dimension);
      assertThat(valuesOf(dimension, metric.name()))
          .as("values of %s", metric)
          .contains(metric.dimensions().get(dimension));
    }
  }

  @Test
  void theFallbackGraphHasALineForEverySourceButThePrimary() throws Exception {
    assertThat(
            dashboardMetrics().stream()
                .filter(r -> r.name().equals(ApiMetrics.FALLBACK_SERVED))
                .map(r -> r.dimensions().get(ApiMetrics.SOURCE)))
        .containsExactlyInAnyOrder("cache", "alternative", "static", "degraded", "queue");
  }

  @SuppressWarnings("unchecked")
  private List<Read> dashboardMetrics() throws Exception {
    Map<String, Object> dashboard =
        template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next();
    Object body = ((Map<String, Object>) dashboard.get("Properties")).get("DashboardBody");
    StringBuilder text = new StringBuilder();
    for (Object part :
        (List<Object>) ((List<Object>) ((Map<String, Object>) body).get("Fn::Join")).get(1)) {
      text.append(part instanceof String s ? s : "TOKEN");
    }
    List<Read> read = new ArrayList<>();
    for (JsonNode widget : JSON.readTree(text.toString()).path("widgets")) {
      for (JsonNode metric : widget.path("properties").path("metrics")) {
        if (metric.get(0).asText().equals(MetricsNamespace.of(catalog))) {
          Map<String, String> dimensions = new TreeMap<>();
          for (int i = 2; i + 1 < metric.size() && metric.get(i).isTextual(); i += 2) {
            dimensions.put(metric.get(i).asText(), metric.get(i + 1).asText());
          }
          read.add(new Read(metric.get(1).asText(), dimensions));
        }
      }
    }
    return read;
  }

  @SuppressWarnings("unchecked")
  private List<Read> alarmMetrics() {
    List<Read> read = new ArrayList<>();
    template
        .findResources("AWS::CloudWatch::Alarm")
        .values()
        .forEach(
            alarm -> {
              Map<String, Object> p = (Map<String, Object>) alarm.get("Properties");
              if (MetricsNamespace.of(catalog).equals(p.get("Namespace"))) {
                Map<String, String> dimensions = new TreeMap<>();
                ((List<Map<String, Object>>) p.get("Dimensions"))
                    .forEach(d -> dimensions.put((String) d.get("Name"), (String) d.get("Value")));
                read.add(new Read((String) p.get("MetricName"), dimensions));
              }
            });
    return read;
  }
}
