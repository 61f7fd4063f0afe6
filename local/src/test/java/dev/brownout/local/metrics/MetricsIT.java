package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.brownout.local.metrics.CloudWatchQueries.Datapoint;
import dev.brownout.local.metrics.CloudWatchQueries.Listed;
import dev.brownout.local.metrics.EmfRecords.Emf;
import dev.brownout.local.testing.TestMoto;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EMF lines of the real functions, through {@link EmfRecords} and {@link CloudWatchMetricsWriter}
 * into moto's CloudWatch, read back as a dashboard or {@code aws cloudwatch} would.
 */
class MetricsIT {
  private static final String NAMESPACE = "Brownout/shop";
  private static final List<String> STATISTICS = List.of("Sum", "SampleCount", "Maximum");
  private static final Instant API_AT = Instant.ofEpochMilli(1795754824991L);

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final CloudWatchQueries cloudWatch =
      new CloudWatchQueries(TestMoto.endpoint(), "us-east-1");

  @BeforeEach
  void emptyMoto() {
    TestMoto.reset();
  }

  @Test
  void theFunctionsEmfLinesBecomeMetricsWithTheirDimensionsUnitsAndValues() {
    int values =
        write(
            EmfLines.HEALTH_CHECK_PRICING,
            EmfLines.API_ROUTE,
            EmfLines.API_LATENCIES,
            EmfLines.API_FALLBACK,
            EmfLines.EVALUATOR);

    // API_ROUTE gave one latency (24), API_LATENCIES an array of three (24, 31, 18).
    assertThat(statistics("PrimaryLatency", Map.of("Route", "GET:/products/{id}"), API_AT))
        .containsExactly(
            new Datapoint(
                API_AT, Map.of("Sum", 97.0, "SampleCount", 4.0, "Maximum", 31.0), "Milliseconds"));
    assertThat(statistics("PrimaryLatency", Map.of("Service", "api"), API_AT))
        .extracting(Datapoint::statistics)
        .containsExactly(Map.of("Sum", 97.0, "SampleCount", 4.0, "Maximum", 31.0));
    assertThat(statistics("Requests", Map.of("Route", "GET:/products/{id}"), API_AT))
        .extracting(Datapoint::statistics, Datapoint::unit)
        .containsExactly(tuple(Map.of("Sum", 4.0, "SampleCount", 2.0, "Maximum", 3.0), "Count"));
    Instant checkedAt = Instant.ofEpochMilli(1795754820508L);
    assertThat(statistics("CheckLatency", Map.of("Dependency", "pricing"), checkedAt))
        .containsExactly(
            new Datapoint(
                checkedAt,
                Map.of("Sum", 511.0, "SampleCount", 1.0, "Maximum", 511.0),
                "Milliseconds"));
    Instant evaluatedAt = Instant.ofEpochMilli(1795754840641L);
    assertThat(statistics("DegradationLevel", Map.of("Service", "evaluator"), evaluatedAt))
        .containsExactly(
            new Datapoint(
                evaluatedAt, Map.of("Sum", 3.0, "SampleCount", 1.0, "Maximum", 3.0), "None"));
    assertThat(problems).isEmpty();
    // Values times dimension sets: 3x2 + 3x2 + (1 + 1 + 3)x2 + 1x2 + 2x1.
    assertThat(values).isEqualTo(26);
  }

  @Test
  void listMetricsNamesEachMetricOnceUnderEachOfItsDimensionSets() {
    write(
        EmfLines.HEALTH_CHECK_PRICING,
        EmfLines.API_ROUTE,
        EmfLines.API_LATENCIES,
        EmfLines.API_FALLBACK,
        EmfLines.EVALUATOR);

    List<Listed> expected = new ArrayList<>();
    for (String m : List.of("CheckLatency", "CheckFailures", "DependencyHealthy")) {
      expected.add(listed(m, "Service", "health-check"));
      expected.add(listed(m, "Dependency", "pricing"));
    }
    for (String m : List.of("BreakerOpen", "Requests", "PrimaryLatency")) {
      expected.add(listed(m, "Service", "api"));
      expected.add(listed(m, "Route", "GET:/products/{id}"));
    }
    expected.add(listed("FallbackServed", "Service", "api"));
    expected.add(listed("FallbackServed", "Source", "alternative"));
    expected.add(listed("LevelTransitions", "Service", "evaluator"));
    expected.add(listed("DegradationLevel", "Service", "evaluator"));
    assertThat(cloudWatch.listMetrics(NAMESPACE)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void motoKeepsTheEmfTimestampEvenOneOlderThanCloudWatchsTwoWeeks() {
    Instant longAgo = Instant.parse("2020-01-01T00:00:07.123Z");
    write(
        EmfLines.EVALUATOR.replace(
            "\"Timestamp\":1795754840641", "\"Timestamp\":" + longAgo.toEpochMilli()));

    assertThat(statistics("DegradationLevel", Map.of("Service", "evaluator"), longAgo))
        .extracting(Datapoint::timestamp)
        .as("moto answers the data point at its own time, not aligned to the period")
        .containsExactly(longAgo);
    assertThat(
            cloudWatch.getMetricStatistics(
                NAMESPACE,
                "DegradationLevel",
                Map.of("Service", "evaluator"),
                longAgo.plusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)),
                60,
                STATISTICS))
        .as("nothing was stored at the time of writing")
        .isEmpty();
  }

  @Test
  void aCallThatIsAnsweredWithAnErrorIsReportedThroughTheSink() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                      + "<Message>try later</Message></Error></ErrorResponse>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(503, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try {
      CloudWatchMetricsWriter writer =
          new CloudWatchMetricsWriter(endpoint, "us-east-1", 100, problems::add);
      assertThat(writer.offer(data(EmfLines.EVALUATOR))).isTrue();
      writer.close();

      assertThat(problems)
          .containsExactly(
              "PutMetricData of 2 data point(s) in namespace \"Brownout/shop\" to "
                  + endpoint
                  + "/ failed: HTTP 503 ServiceUnavailable: try later");
      assertThat(writer.failed()).isEqualTo(2);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aWriterWithNothingListeningReportsTheFailureAndNeverThrows() {
    URI nowhere = URI.create("http://127.0.0.1:" + TestMoto.freePort());
    CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(nowhere, "us-east-1", 100, problems::add);

    assertThat(writer.offer(data(EmfLines.API_FALLBACK))).isTrue();
    writer.close();

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "PutMetricData of 2 data point(s) in namespace \"Brownout/shop\" to "
                + nowhere
                + "/ failed: java.net.ConnectException");
    assertThat(writer.failed()).isEqualTo(2);
  }

  /** Reads the lines as the edge does and writes their data to moto; returns the values sent. */
  private int write(String... lines) {
    CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(TestMoto.endpoint(), "us-east-1", 1000, problems::add);
    int values = 0;
    for (String line : lines) {
      List<MetricDatum> data = data(line);
      values += data.stream().mapToInt(d -> d.values().size()).sum();
      assertThat(writer.offer(data)).isTrue();
    }
    writer.close();
    assertThat(writer.published()).isEqualTo(values);
    return values;
  }

  private static List<MetricDatum> data(String line) {
    return ((Emf) EmfRecords.parse(line)).data();
  }

  private List<Datapoint> statistics(String metric, Map<String, String> dimensions, Instant at) {
    return cloudWatch.getMetricStatistics(
        NAMESPACE, metric, dimensions, at.minusSeconds(60), at.plusSeconds(60), 60, STATISTICS);
  }

  private static Listed listed(String metric, String dimension, String value) {
    return new Listed(NAMESPACE, metric, Map.of(dimension, value));
  }
}
