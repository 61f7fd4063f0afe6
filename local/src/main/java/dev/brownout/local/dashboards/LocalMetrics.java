package dev.brownout.local.dashboards;

import dev.brownout.local.dashboards.Dashboard.Dimension;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.DashboardPage.Drawn;
import dev.brownout.local.dashboards.DashboardPage.NoData;
import dev.brownout.local.dashboards.DashboardPage.Outcome;
import dev.brownout.local.dashboards.DashboardPage.Unavailable;
import dev.brownout.local.dashboards.DashboardPage.Window;
import dev.brownout.local.metrics.CloudWatchQueries;
import dev.brownout.local.metrics.CloudWatchQueries.CloudWatchException;
import dev.brownout.local.metrics.CloudWatchQueries.Datapoint;
import dev.brownout.local.metrics.ExecutionMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The data of one dashboard page's metrics, read from the local CloudWatch (moto 5.2.1) with
 * GetMetricStatistics, one call per metric, over the page's window.
 *
 * <p>moto computes {@code Sum}, {@code Average}, {@code Minimum}, {@code Maximum} and {@code
 * SampleCount} only: its GetMetricStatistics ignores {@code ExtendedStatistics} (it answers the
 * datapoints' timestamps without values), its GetMetricData fails with HTTP 500 on a percentile
 * statistic, and no call answers the raw values a percentile could be computed from. A metric drawn
 * with any other statistic ({@code p99}, {@code tm90}, ...) is therefore {@link Unavailable},
 * saying so, rather than drawn with a stand-in.
 *
 * <p>A metric without data says why when the page can tell: {@code AWS/States} metrics come from
 * {@link ExecutionMetrics}, other {@code AWS/} namespaces from no one locally.
 *
 * <p>moto answers a statistic beyond a double ({@code Sum} of two values of 1.7E308) as {@code inf}
 * or {@code nan}: such points are left out, and the legend says how many.
 *
 * <p>Failure behaviour: a call that fails makes its metric {@link Unavailable} with CloudWatch's
 * words, and the page goes on; a metric that fails in any other way is {@link Unavailable} too, and
 * the console says why (the page does not); once the page has spent its {@code budget} on
 * CloudWatch, or read its number of metrics, the metrics not yet read are {@link Unavailable} too.
 * A metric is read with the period {@link Window#periodFor} gives, at most {@link
 * Window#MAX_POINTS} points; should CloudWatch answer more, the latest are kept.
 */
public final class LocalMetrics implements Function<MetricSeries, Outcome> {
  /**
   * What a page may spend on CloudWatch.
   *
   * @param time how long it may read
   * @param calls how many metrics it may read (one call each)
   */
  public record Budget(Duration time, int calls) {}

  /** GetMetricStatistics: {@link CloudWatchQueries#getMetricStatistics}. */
  @FunctionalInterface
  public interface Reader {
    List<Datapoint> read(
        String namespace,
        String metric,
        Map<String, String> dimensions,
        Instant start,
        Instant end,
        int period,
        List<String> statistics);
  }

  static final Set<String> COMPUTED = Set.of("Sum", "Average", "Minimum", "Maximum", "SampleCount");

  private final Reader cloudWatch;
  private final String region;
  private final Window window;
  private final Clock clock;
  private final Instant deadline;
  private final Budget budget;
  private int calls;
  private final Consumer<String> console;

  /**
   * @param region the local cloud's region: a widget in another is not read
   * @param budget what the page may spend reading, from now
   * @param console where a metric that fails unforeseen says why
   */
  public LocalMetrics(
      Reader cloudWatch,
      String region,
      Window window,
      Clock clock,
      Budget budget,
      Consumer<String> console) {
    this.console = console;
    this.cloudWatch = cloudWatch;
    this.region = region;
    this.window = window;
    this.clock = clock;
    this.budget = budget;
    this.deadline = clock.instant().plus(budget.time());
  }

  @Override
  public Outcome apply(MetricSeries metric) {
    if (!metric.region().equals(region)) {
      return new Unavailable(
          "the widget is in region " + metric.region() + "; the local cloud is " + region);
    }
    if (!COMPUTED.contains(metric.stat())) {
      return new Unavailable(
          (metric.stat().matches("p\\d+(\\.\\d+)?")
                  ? metric.stat()
                      + " is a percentile, and the local CloudWatch (moto) computes none"
                  : "the local CloudWatch (moto) does not compute the statistic " + metric.stat())
              + "; it computes "
              + String.join(", ", List.of("Sum", "Average", "Minimum", "Maximum", "SampleCount")));
    }
    if (clock.instant().isAfter(deadline)) {
      return new Unavailable(
          "not read: the page spent its " + budget.time().toSeconds() + " s for CloudWatch");
    }
    if (calls >= budget.calls()) {
      return new Unavailable(
          "not read: a page reads at most " + budget.calls() + " metrics from CloudWatch");
    }
    calls++;
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (Dimension d : metric.dimensions()) {
      dimensions.put(d.name(), d.value());
    }
    List<Datapoint> datapoints;
    try {
      datapoints =
          cloudWatch.read(
              metric.namespace(),
              metric.name(),
              dimensions,
              window.from(),
              window.to(),
              window.periodFor(metric.period()),
              List.of(metric.stat()));
    } catch (CloudWatchException e) {
      return new Unavailable(e.getMessage());
    } catch (RuntimeException e) {
      console.accept("dashboards: reading " + metric.describe() + " failed: " + e);
      return new Unavailable("the local cloud failed to read it; its console says why");
    }
    List<Chart.Point> read =
        datapoints.stream()
            .filter(d -> d.statistics().containsKey(metric.stat()))
            .map(d -> new Chart.Point(d.timestamp(), d.statistics().get(metric.stat())))
            .toList();
    List<Chart.Point> points =
        read.stream()
            .filter(p -> Double.isFinite(p.value()))
            .sorted(Comparator.comparing(Chart.Point::at))
            .toList();
    String beyond =
        read.size() == points.size()
            ? ""
            : (read.size() - points.size())
                + " value(s) beyond a double (moto's inf or nan) left out";
    if (points.isEmpty()) {
      return beyond.isEmpty() ? new NoData(why(metric.namespace())) : new Unavailable(beyond);
    }
    return new Drawn(
        points.subList(Math.max(0, points.size() - Window.MAX_POINTS), points.size()), beyond);
  }

  /** What a person should know about an empty metric of {@code namespace}. */
  static String why(String namespace) {
    if (namespace.equals(ExecutionMetrics.NAMESPACE)) {
      return "the local cloud publishes these when a workflow execution ends";
    }
    return namespace.startsWith("AWS/")
        ? namespace
            + " metrics are published by AWS itself; the local cloud publishes only the"
            + " functions' own (EMF) and AWS/States"
        : "";
  }
}
