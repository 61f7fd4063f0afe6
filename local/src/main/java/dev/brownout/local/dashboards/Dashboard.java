package dev.brownout.local.dashboards;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudWatch dashboard as its body describes it, read by {@link DashboardBody}: what the local
 * page draws.
 *
 * @param widgets in the body's order, at most {@link DashboardBody#MAX_WIDGETS}
 * @param widgetsLeftOut widgets past that bound, not drawn
 */
public record Dashboard(String name, List<Widget> widgets, int widgetsLeftOut) {
  public Dashboard {
    Objects.requireNonNull(name, "name");
    widgets = List.copyOf(widgets);
  }

  /** A widget of the body. */
  public sealed interface Widget permits Graph, NotDrawn {
    String title();
  }

  /**
   * A metric widget: its series over time.
   *
   * @param view CloudWatch's {@code view}: {@code timeSeries} (the default), {@code singleValue},
   *     ...; every view is drawn as a time series here
   * @param series at most {@link DashboardBody#MAX_SERIES}
   * @param seriesLeftOut series past that bound, not drawn
   */
  public record Graph(String title, String view, List<Series> series, int seriesLeftOut)
      implements Widget {
    public Graph {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(view, "view");
      series = List.copyOf(series);
    }
  }

  /** A widget the local page cannot draw (text, alarm, log widgets...), and why. */
  public record NotDrawn(String title, String type, String reason) implements Widget {}

  /** One entry of a metric widget's {@code metrics} array. */
  public sealed interface Series permits MetricSeries, Expression {
    String label();
  }

  /** A dimension of a metric: name and value. */
  public record Dimension(String name, String value) {}

  /**
   * A metric, with the statistic, period and region it is drawn with (its own options, else the
   * widget's, else CloudWatch's defaults: {@code Average}, 300 s).
   *
   * @param label the legend's text: the {@code label} option, else the metric name
   * @param color the {@code color} option when it is a {@code #rrggbb} color
   * @param visible false when the {@code visible} option hides it from the graph
   */
  public record MetricSeries(
      String namespace,
      String name,
      List<Dimension> dimensions,
      String stat,
      int period,
      String region,
      String label,
      Optional<String> color,
      boolean visible)
      implements Series {
    public MetricSeries {
      dimensions = List.copyOf(dimensions);
    }

    /** The metric as a person names it: {@code PrimaryLatency Route=GET:/products/{id}}. */
    public String describe() {
      StringBuilder s = new StringBuilder(name);
      for (Dimension d : dimensions) {
        s.append(' ').append(d.name()).append('=').append(d.value());
      }
      return s.toString();
    }
  }

  /** A metric math or search expression: not drawn locally. */
  public record Expression(String expression, String label) implements Series {}
}
