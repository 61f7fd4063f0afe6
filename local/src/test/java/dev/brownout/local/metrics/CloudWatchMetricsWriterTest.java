package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer's queue and sender thread, with a stand-in for the HTTP call. */
@Timeout(20)
class CloudWatchMetricsWriterTest {
  private static final QueryApi.Response OK =
      new QueryApi.Response(200, "<PutMetricDataResponse/>");
  private static final Instant AT = Instant.parse("2026-11-27T04:47:04.991Z");

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<String> sent = new CopyOnWriteArrayList<>();

  @Test
  void offeredDataIsSentOneCallPerNamespaceAndCountedAsPublished() {
    CloudWatchMetricsWriter writer = writer(100, form -> record(form, OK));

    assertThat(writer.offer(List.of(datum("A", "M1"), datum("B", "M2")))).isTrue();
    assertThat(writer.offer(List.of(datum("A", "M3")))).isTrue();
    writer.close();

    assertThat(writer.published()).isEqualTo(3);
    assertThat(sent.stream().mapToInt(f -> PutMetricDataCallsTest.params(f).size()).sum())
        .as("every datum's parameters went out")
        .isEqualTo(sent.size() * 3 + 3 * 5);
    assertThat(problems).isEmpty();
  }

  @Test
  void aCallCloudWatchRejectsIsReportedWithItsErrorAndTheSenderGoesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch firstDone = new CountDownLatch(1);
    CloudWatchMetricsWriter writer =
        writer(
            100,
            form -> {
              if (calls.incrementAndGet() == 1) {
                firstDone.countDown();
                return new QueryApi.Response(
                    400,
                    "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<Error><Type>Sender</Type><Code>InvalidParameterValue</Code>"
                        + "<Message>The value NaN for parameter MetricData.member.1.Value is"
                        + " invalid.</Message></Error></ErrorResponse>");
              }
              return record(form, OK);
            });

    writer.offer(List.of(datum("Brownout/shop", "Bad"), datum("Brownout/shop", "Bad2")));
    firstDone.await();
    writer.offer(List.of(datum("Brownout/shop", "Good")));
    writer.close();

    assertThat(problems)
        .containsExactly(
            "PutMetricData of 2 data point(s) in namespace \"Brownout/shop\" to test-target failed:"
                + " HTTP 400 InvalidParameterValue: The value NaN for parameter"
                + " MetricData.member.1.Value is invalid.");
    assertThat(writer.failed()).isEqualTo(2);
    assertThat(writer.published()).isEqualTo(1);
  }

  @Test
  void aCallWithNoAnswerIsReportedAndNothingIsThrownToTheCaller() {
    CloudWatchMetricsWriter writer =
        writer(
            100,
            form -> {
              throw new ConnectException("Connection refused");
            });

    assertThat(writer.offer(List.of(datum("N", "M")))).isTrue();
    writer.close();

    assertThat(problems)
        .containsExactly(
            "PutMetricData of 1 data point(s) in namespace \"N\" to test-target failed:"
                + " java.net.ConnectException: Connection refused");
    assertThat(writer.failed()).isEqualTo(1);
  }

  @Test
  void anErrorAnswerThatIsNotCloudWatchsIsQuotedShortened() {
    CloudWatchMetricsWriter writer =
        writer(100, form -> new QueryApi.Response(502, "<html>" + "x".repeat(1000) + "</html>"));

    writer.offer(List.of(datum("N", "M")));
    writer.close();

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("HTTP 502 <html>xxx")
        .contains("... (1013 characters)");
  }

  @Test
  void whileTheSenderIsStuckOffersReturnAtOnceAndRecordsThatDoNotFitAreDroppedWhole()
      throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch drained = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CloudWatchMetricsWriter writer =
        writer(
            5,
            form -> {
              int call = calls.incrementAndGet();
              if (call == 1) {
                sending.countDown();
                release.await();
              } else if (call == 2) {
                drained.countDown();
              }
              return record(form, OK);
            });

    writer.offer(data(2));
    sending.await(); // the sender holds those two and waits
    boolean[] offered = {
      writer.offer(data(2)),
      writer.offer(data(2)),
      writer.offer(data(2)), // 6 would not fit in 5
      writer.offer(data(1)),
      writer.offer(data(1)) // full
    };

    assertThat(offered).containsExactly(true, true, false, true, false);
    assertThat(writer.dropped()).isEqualTo(3);
    assertThat(problems)
        .containsExactly(
            "metrics queue is full (5 data points waiting for test-target): dropping new records"
                + " until it drains; 2 data point(s) dropped so far");

    release.countDown();
    drained.await();
    assertThat(writer.offer(data(1))).isTrue();
    writer.close();

    assertThat(problems)
        .last()
        .isEqualTo("metrics queue has room again; 3 data point(s) dropped so far");
    assertThat(writer.published()).isEqualTo(2 + 5 + 1);
    assertThat(writer.dropped()).isEqualTo(3);
  }

  @Test
  void aRecordWithMoreDataPointsThanTheQueueHoldsIsDroppedWhole() {
    CloudWatchMetricsWriter writer = writer(3, form -> record(form, OK));

    assertThat(writer.offer(data(4))).isFalse();
    writer.close();

    assertThat(writer.dropped()).isEqualTo(4);
    assertThat(writer.published()).isZero();
    assertThat(sent).isEmpty();
  }

  @Test
  void capacityCountsValuesSoAnArrayOfValuesTakesOnePlaceEach() {
    CloudWatchMetricsWriter writer = writer(4, form -> record(form, OK));
    MetricDatum threeValues =
        new MetricDatum("N", "M", List.of(), "Count", AT, List.of(1.0, 2.0, 3.0), 60);
    MetricDatum twoValues =
        new MetricDatum("N", "M", List.of(), "Count", AT, List.of(1.0, 2.0), 60);

    assertThat(writer.offer(List.of(threeValues, twoValues))).isFalse();
    writer.close();

    assertThat(writer.dropped()).isEqualTo(5);
  }

  @Test
  void closeSendsEverythingQueuedBeforeItReturns() {
    CloudWatchMetricsWriter writer = writer(10_000, form -> record(form, OK));

    for (int i = 0; i < 25; i++) {
      writer.offer(data(100));
    }
    writer.close();

    assertThat(writer.published()).isEqualTo(2500);
    assertThat(problems).isEmpty();
  }

  @Test
  void afterCloseOffersAreDroppedCountedAndReported() {
    CloudWatchMetricsWriter writer = writer(10, form -> record(form, OK));
    writer.close();

    assertThat(writer.offer(data(2))).isFalse();

    assertThat(writer.dropped()).isEqualTo(2);
    assertThat(problems).containsExactly("metrics writer is closed: 2 data point(s) dropped");
  }

  @Test
  void aSinkThatThrowsStopsNeitherTheSenderNorTheCaller() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch firstDone = new CountDownLatch(1);
    CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(
            10,
            problem -> {
              throw new IllegalStateException("log is gone");
            },
            "test-target",
            form -> {
              if (calls.incrementAndGet() == 1) {
                firstDone.countDown();
                throw new IOException("reset");
              }
              return OK;
            });

    writer.offer(data(1));
    firstDone.await();
    writer.offer(data(1));
    writer.close();

    assertThat(writer.failed()).isEqualTo(1);
    assertThat(writer.published()).isEqualTo(1);
  }

  @Test
  void aQueueOfNoPlacesIsRefused() {
    assertThatThrownBy(() -> writer(0, form -> OK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity is 0, expected at least 1");
  }

  private CloudWatchMetricsWriter writer(
      int capacity, CloudWatchMetricsWriter.Transport transport) {
    return new CloudWatchMetricsWriter(capacity, problems::add, "test-target", transport);
  }

  private QueryApi.Response record(String form, QueryApi.Response answer) {
    sent.add(form);
    return answer;
  }

  private static List<MetricDatum> data(int count) {
    return IntStream.range(0, count).mapToObj(i -> datum("N", "M" + i)).toList();
  }

  private static MetricDatum datum(String namespace, String name) {
    return new MetricDatum(namespace, name, List.of(), "Count", AT, List.of(1.0), 60);
  }
}
