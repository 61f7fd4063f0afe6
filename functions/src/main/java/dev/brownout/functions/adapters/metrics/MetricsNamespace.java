package dev.brownout.functions.adapters.metrics;

import dev.brownout.core.catalog.Catalog;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/** Every function of an app writes its metrics to one namespace: {@code Brownout/<app>}. */
public final class MetricsNamespace {
  /** The {@code Service} dimension of each function's metrics. */
  public static final String HEALTH_CHECK = "health-check";

  public static final String API = "api";
  public static final String EVALUATOR = "evaluator";
  public static final String SERVICE = "Service";

  private MetricsNamespace() {}

  public static String of(Catalog catalog) {
    return "Brownout/" + catalog.app();
  }

  /**
   * Metrics that each emitter publishes twice: under its own dimension (e.g. {@code Dependency})
   * and under {@code Service} (the function) for totals. Without the Service default, the EMF
   * library would add environment dimensions of its own instead.
   */
  public static Metrics metrics(Catalog catalog, String function) {
    return MetricsBuilder.builder().withNamespace(of(catalog)).withService(function).build();
  }
}
