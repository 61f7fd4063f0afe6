package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.Dashboard.Dimension;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.DashboardPage.Drawn;
import dev.brownout.local.dashboards.DashboardPage.Unavailable;
import dev.brownout.local.dashboards.DashboardPage.Window;
import dev.brownout.local.dashboards.LocalMetrics.Budget;
import dev.brownout.local.dashboards.LocalMetrics.Reader;
import dev.brownout.local.metrics.CloudWatchQueries.Datapoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Reader NOWHERE =
      (namespace, metric, dimensions, start, end, period, statistics) -> {
        throw new AssertionError("CloudWatch was asked for " + metric);
      };

  private final List<String> console = new ArrayList<>();

  @Test
  void aPercentileIsNotDrawnAndTheReasonSaysMotoComputesNone() {
    assertThat(metrics(Clock.fixed(NOW, ZoneId.of("UTC"))).apply(metric("p99", "us-east-1")))
        .isEqualTo(
            new Unavailable(
                "p99 is a percentile, and the local CloudWatch (moto) computes none; it computes"
                    + " Sum, Average, Minimum, Maximum, SampleCount"));
  }

  @Test
  void anotherStatisticOrRegionIsNotDrawnEither() {
    LocalMetrics metrics = metrics(Clock.fixed(NOW, ZoneId.of("UTC")));

    assertThat(metrics.apply(metric("IQM", "us-east-1")))
        .isEqualTo(
            new Unavailable(
                "the local CloudWatch (moto) does not compute the statistic IQM; it computes Sum,"
                    + " Average, Minimum, Maximum, SampleCount"));
    assertThat(metrics.apply(metric("Sum", "eu-west-1")))
        .isEqualTo(
            new Unavailable("the widget is in region eu-west-1; the local cloud is us-east-1"));
  }

  @Test
  void onceThePagesBudgetIsSpentTheRestIsNotRead() {
    Instant[] now = {NOW};
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneId.of("UTC");
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    LocalMetrics metrics = metrics(clock);
    now[0] = NOW.plusSeconds(11);

    assertThat(metrics.apply(metric("Sum", "us-east-1")))
        .isEqualTo(new Unavailable("not read: the page spent its 10 s for CloudWatch"));
  }

  @Test
  void anEmptyMetricSaysWhoPublishesItsNamespaceLocally() {
    assertThat(LocalMetrics.why("AWS/States"))
        .isEqualTo("the local cloud publishes these when a workflow execution ends");
    assertThat(LocalMetrics.why("AWS/Lambda"))
        .isEqualTo(
            "AWS/Lambda metrics are published by AWS itself; the local cloud publishes only the"
                + " functions' own (EMF) and AWS/States");
    assertThat(LocalMetrics.why("Brownout/shop")).isEmpty();
  }

  @Test
  void sumsBeyondADoubleThatMotoAnswersAsInfAreLeftOutAndTheNoteSaysHowMany() {
    Reader answers =
        (namespace, metric, dimensions, start, end, period, statistics) ->
            List.of(
                point(NOW.minusSeconds(60), Double.POSITIVE_INFINITY),
                point(NOW.minusSeconds(180), 3),
                point(NOW.minusSeconds(120), Double.NaN));

    assertThat(metrics(fixed(), answers).apply(metric("Sum", "us-east-1")))
        .isEqualTo(
            new Drawn(
                List.of(new Chart.Point(NOW.minusSeconds(180), 3)),
                "2 value(s) beyond a double (moto's inf or nan) left out"));
  }

  @Test
  void aMetricWithOnlyValuesBeyondADoubleIsNotDrawnSayingWhy() {
    Reader answers =
        (namespace, metric, dimensions, start, end, period, statistics) ->
            List.of(point(NOW.minusSeconds(60), Double.POSITIVE_INFINITY));

    assertThat(metrics(fixed(), answers).apply(metric("Sum", "us-east-1")))
        .isEqualTo(new Unavailable("1 value(s) beyond a double (moto's inf or nan) left out"));
  }

  @Test
  void aMetricThatFailsUnforeseenIsNotDrawnAndTheConsoleSaysWhyNotThePage() {
    Reader broken =
        (namespace, metric, dimensions, start, end, period, statistics) -> {
          throw new NumberFormatException("For input string: \"inf\"");
        };

    assertThat(metrics(fixed(), broken).apply(metric("Sum", "us-east-1")))
        .isEqualTo(new Unavailable("the local cloud failed to read it; its console says why"));
    assertThat(console)
        .containsExactly(
            "dashboards: reading PrimaryLatency Route=GET:/products/{id} failed:"
                + " java.lang.NumberFormatException: For input string: \"inf\"");
  }

  @Test
  void aTenSecondMetricOverSixHoursIsReadByTheMinuteNotCutTo400Points() {
    List<Integer> periods = new ArrayList<>();
    Reader answers =
        (namespace, metric, dimensions, start, end, period, statistics) -> {
          periods.add(period);
          return List.of();
        };
    MetricSeries tenSeconds =
        new MetricSeries(
            "Brownout/shop",
            "Fast",
            List.of(),
            "Sum",
            10,
            "us-east-1",
            "fast",
            Optional.empty(),
            true);

    new LocalMetrics(
            answers,
            "us-east-1",
            Window.last(Duration.ofHours(6), NOW),
            fixed(),
            new Budget(Duration.ofSeconds(10), 2),
            console::add)
        .apply(tenSeconds);

    assertThat(periods).containsExactly(60);
  }

  @Test
  void pastThePagesNumberOfCallsTheRestIsNotReadAndSaysSo() {
    List<String> asked = new ArrayList<>();
    Reader answers =
        (namespace, metric, dimensions, start, end, period, statistics) -> {
          asked.add(metric);
          return List.of();
        };
    LocalMetrics metrics = metrics(fixed(), answers);

    metrics.apply(metric("Sum", "us-east-1"));
    metrics.apply(metric("Sum", "us-east-1"));

    assertThat(metrics.apply(metric("Sum", "us-east-1")))
        .isEqualTo(new Unavailable("not read: a page reads at most 2 metrics from CloudWatch"));
    assertThat(asked).hasSize(2);
  }

  private static Datapoint point(Instant at, double sum) {
    return new Datapoint(at, Map.of("Sum", sum), "None");
  }

  private static Clock fixed() {
    return Clock.fixed(NOW, ZoneId.of("UTC"));
  }

  private LocalMetrics metrics(Clock clock) {
    return metrics(clock, NOWHERE);
  }

  private LocalMetrics metrics(Clock clock, Reader reader) {
    return new LocalMetrics(
        reader,
        "us-east-1",
        Window.last(Duration.ofHours(1), NOW),
        clock,
        new Budget(Duration.ofSeconds(10), 2),
        console::add);
  }

  private static MetricSeries metric(String stat, String region) {
    return new MetricSeries(
        "Brownout/shop",
        "PrimaryLatency",
        List.of(new Dimension("Route", "GET:/products/{id}")),
        stat,
        60,
        region,
        "latency",
        Optional.empty(),
        true);
  }
}
