package dev.brownout.local.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One CloudWatch metric data point set, as one {@code PutMetricData} {@code MetricData} member
 * carries it: every value of one metric under one dimension set at one time.
 *
 * @param dimensions in the order the EMF dimension set names them; empty for a metric without
 *     dimensions
 * @param unit a CloudWatch unit name ({@code Milliseconds}, {@code Count}, ..., {@code None})
 * @param values one or more values (an EMF array target gives several)
 * @param storageResolution 60 (standard) or 1 (high resolution), in seconds
 * @throws IllegalArgumentException if there are no values or a value is not finite (CloudWatch
 *     takes neither)
 */
public record MetricDatum(
    String namespace,
    String name,
    List<Dimension> dimensions,
    String unit,
    Instant timestamp,
    List<Double> values,
    int storageResolution) {

  /** A dimension: its name and the value this data point has for it. */
  public record Dimension(String name, String value) {
    public Dimension {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public MetricDatum {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    dimensions = List.copyOf(dimensions);
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(timestamp, "timestamp");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("metric " + name + " has no values");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("metric " + name + " has the value " + v);
      }
    }
  }
}
