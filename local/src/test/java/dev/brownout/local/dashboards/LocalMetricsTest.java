package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.Dashboard.Dimension;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.DashboardPage.Unavailable;
import dev.brownout.local.dashboards.DashboardPage.Window;
import dev.brownout.local.metrics.CloudWatchQueries;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is decided before CloudWatch is asked: none of these cases sends a call. */
class LocalMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  // a port nothing listens on: a call would be an Unavailable "no answer", not these reasons
  private static final CloudWatchQueries NOWHERE =
      new CloudWatchQueries(URI.create("http://127.0.0.1:9"), "us-east-1");

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

  private static LocalMetrics metrics(Clock clock) {
    return new LocalMetrics(
        NOWHERE, "us-east-1", Window.last(Duration.ofHours(1), NOW), clock, Duration.ofSeconds(10));
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
