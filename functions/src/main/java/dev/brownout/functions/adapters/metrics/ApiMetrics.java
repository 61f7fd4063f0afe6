package dev.brownout.functions.adapters.metrics;

import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiObserver;
import java.time.Duration;
import java.util.Optional;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The API function's metrics as EMF records: per route {@code Requests}, {@code PrimaryLatency}
 * (ms, when the primary was called) and {@code BreakerOpen} (1 when the open breaker answered in
 * its place); per source {@code FallbackServed} (1 for every answer of a fallback: not from the
 * primary, and not a refusal of the request guard, which no source answered).
 */
public final class ApiMetrics implements ApiObserver {
  public static final String ROUTE = "Route";
  public static final String SOURCE = "Source";
  public static final String REQUESTS = "Requests";
  public static final String PRIMARY_LATENCY = "PrimaryLatency";
  public static final String BREAKER_OPEN = "BreakerOpen";
  public static final String FALLBACK_SERVED = "FallbackServed";

  /** Requests that matched no route are counted under this route name. */
  public static final String NO_ROUTE = "none";

  private final Metrics metrics;

  public ApiMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void answered(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      boolean refused) {
    metrics.flushMetrics(
        m -> {
          m.addDimension(ROUTE, route.orElse(NO_ROUTE));
          m.addMetric(REQUESTS, 1, MetricUnit.COUNT);
          primaryLatency.ifPresent(
              l -> m.addMetric(PRIMARY_LATENCY, l.toMillis(), MetricUnit.MILLISECONDS));
          m.addMetric(BREAKER_OPEN, breakerOpen ? 1 : 0, MetricUnit.COUNT);
        });
    if (servedFrom != ServedFrom.PRIMARY && route.isPresent() && !refused) {
      metrics.flushMetrics(
          m -> {
            m.addDimension(SOURCE, servedFrom.label());
            m.addMetric(FALLBACK_SERVED, 1, MetricUnit.COUNT);
          });
    }
  }
}
