package dev.brownout.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.Fixtures;
import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import dev.brownout.local.metrics.CloudWatchMetricsWriter;
import dev.brownout.local.metrics.CloudWatchQueries;
import dev.brownout.local.metrics.MetricDatum;
import dev.brownout.local.metrics.TestCloudWatch;
import dev.brownout.local.testing.Browser;
import dev.brownout.local.testing.TestMoto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboards page of the edge against moto: the example app's dashboard body as deployed (the
 * captured GetDashboard answer), metric data published as the functions' EMF is, and the page read
 * over HTTP and in a real browser.
 */
class DashboardsIT {
  private static final String NAME = "brownout-shop";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private Edge edge;
  private URI dashboards;

  @BeforeEach
  void deployTheDashboardAndPublishTheLevel() {
    TestMoto.reset();
    TestCloudWatch.putDashboard(TestMoto.endpoint(), NAME, Fixtures.shopDashboardBody());
    try (CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(TestMoto.endpoint(), "us-east-1", 100, problems::add)) {
      // the level went from FULL (0) to REDUCED (1) two minutes ago
      writer.offer(List.of(level(NOW.minusSeconds(300), 0), level(NOW.minusSeconds(120), 1)));
    }
    assertThat(problems).isEmpty();
    edge =
        Edge.start(
            TestMoto.freePort(),
            TestMoto.endpoint(),
            new NoFunctions(),
            name -> {
              throw new FunctionNotFoundException(name);
            },
            problems::add);
    edge.route(
        new DashboardsRoute(
            new CloudWatchQueries(TestMoto.endpoint(), "us-east-1"),
            "us-east-1",
            Clock.systemUTC(),
            problems::add));
    dashboards = URI.create("http://localhost:" + edge.port() + "/_brownout/dashboards/");
  }

  @AfterEach
  void stop() {
    edge.close();
  }

  @Test
  void theIndexListsTheDeployedDashboard() {
    HttpResponse<String> index = get(dashboards);

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(index.body()).contains("<li><a href=\"brownout-shop\">brownout-shop</a></li>");
  }

  @Test
  void theDashboardPageDrawsThePublishedLevelAndSaysWhatHasNoData() {
    HttpResponse<String> page = get(dashboards.resolve(NAME));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<section class=\"widget\" data-title=\"Degradation level\" data-points=\"2\">")
        .contains(
            "pricing: no data for CheckLatency Dependency=pricing in the last hour (Average, 1 min)")
        .contains(
            "GET /products/{id} p99 (p99, 1 min): not drawn: p99 is a percentile, and the local"
                + " CloudWatch (moto) computes none")
        .containsPattern(
            "no data for ExecutionsFailed StateMachineArn=arn:aws:states:us-east-1:123456789012:"
                + "stateMachine:Brownout-shop-[^ ]+ in the last hour \\(Sum, 5 min\\); the local"
                + " cloud publishes these when a workflow execution ends");
    assertThat(page.body().getBytes(StandardCharsets.UTF_8).length)
        .as("the page of the example dashboard stays small")
        .isLessThan(64 * 1024);
  }

  @Test
  void aShorterWindowLeavesOutOlderPoints() {
    HttpResponse<String> page = get(URI.create(dashboards.resolve(NAME) + "?minutes=3"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("The last 3 minutes: ")
        .contains("<section class=\"widget\" data-title=\"Degradation level\" data-points=\"1\">");
  }

  @Test
  void anUnknownDashboardABadWindowAndAWriteAreRefusedWithAPage() {
    assertThat(get(dashboards.resolve("nothing-here")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(404);
              assertThat(r.body())
                  .contains("The local CloudWatch has no dashboard named nothing-here.");
            });
    assertThat(get(URI.create(dashboards.resolve(NAME) + "?minutes=10000")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(400);
              assertThat(r.body())
                  .contains(
                      "minutes is &quot;minutes=10000&quot;: expected a whole number of minutes"
                          + " from 1 to 360");
            });
    assertThat(get(dashboards.resolve("%3Cscript%3E")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(400);
              assertThat(r.body()).contains("&quot;&lt;script&gt;&quot; is not a dashboard name");
            });
    assertThat(get(URI.create(dashboards.toString().replaceAll("/$", ""))))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(301);
              assertThat(r.headers().firstValue("Location")).hasValue("/_brownout/dashboards/");
            });
    assertThat(send(HttpRequest.newBuilder(dashboards).POST(HttpRequest.BodyPublishers.noBody())))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(405));
  }

  @Test
  void aBodyMotoTakesWithANumberOfOver1000DigitsIsA502PageSayingItIsNotJson() {
    TestCloudWatch.putDashboard(
        TestMoto.endpoint(), "long-number", "{\"widgets\": [], \"x\": " + "9".repeat(1500) + "}");

    HttpResponse<String> page = get(dashboards.resolve("long-number"));

    assertThat(page.statusCode()).isEqualTo(502);
    assertThat(page.body())
        .contains("the body of dashboard &quot;long-number&quot; is not JSON: Number value length")
        .doesNotContain("Exception");
  }

  @Test
  void aSumBeyondADoubleThatMotoAnswersAsInfIsLeftOutOfAWholePage() {
    TestCloudWatch.putDashboard(
        TestMoto.endpoint(),
        "huge",
        "{\"widgets\": [{\"type\": \"metric\", \"properties\": {\"title\": \"Huge\","
            + " \"stat\": \"Sum\", \"period\": 60, \"metrics\": [[\"Test\", \"Huge\"]]}}]}");
    try (CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(TestMoto.endpoint(), "us-east-1", 100, problems::add)) {
      writer.offer(
          List.of(
              new MetricDatum(
                  "Test",
                  "Huge",
                  List.of(),
                  "None",
                  NOW.minusSeconds(120),
                  List.of(1.7e308, 1.7e308),
                  60)));
    }
    assertThat(problems).isEmpty();

    HttpResponse<String> page = get(dashboards.resolve("huge"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<section class=\"widget\" data-title=\"Huge\" data-points=\"0\">")
        .contains(
            "Huge (Sum, 1 min): not drawn: 1 value(s) beyond a double (moto&#39;s inf or nan) left"
                + " out");
  }

  @Test
  void inABrowserEachWidgetIsAChartWithItsTitleTheLevelALineAndTheEmptyOnesSaySo() {
    Browser.Page page =
        Browser.look(
            dashboards.resolve(NAME),
            "DashboardsIT-brownout-shop",
            List.of(
                "section.widget",
                "section.widget svg.chart",
                "section.widget h2",
                "section.widget[data-title='Degradation level'] polyline.line",
                "section.widget[data-title='Workflow failures'] .no-data",
                "section.widget[data-title='Primary latency (ms)'] .unavailable"));

    assertThat(page.all("section.widget"))
        .extracting(e -> e.attribute("data-title"))
        .containsExactlyElementsOf(Fixtures.SHOP_WIDGET_TITLES);
    assertThat(page.all("section.widget h2"))
        .extracting(Browser.Element::text)
        .containsExactlyElementsOf(
            page.all("section.widget").stream().map(e -> e.attribute("data-title")).toList());
    assertThat(page.all("section.widget svg.chart"))
        .hasSize(7)
        .allMatch(Browser.Element::visible)
        .extracting(e -> e.attribute("data-points"))
        .containsExactly("2", "0", "0", "0", "0", "0", "0");
    assertThat(page.all("section.widget[data-title='Degradation level'] polyline.line"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.attribute("data-label")).isEqualTo("level (0 FULL ... 3 EMERGENCY)");
              assertThat(line.attribute("points").split(" ")).hasSize(2);
            });
    assertThat(page.all("section.widget[data-title='Workflow failures'] .no-data"))
        .singleElement()
        .satisfies(
            empty -> {
              assertThat(empty.visible()).isTrue();
              assertThat(empty.text()).contains("no data for ExecutionsFailed StateMachineArn=");
            });
    assertThat(page.all("section.widget[data-title='Primary latency (ms)'] .unavailable"))
        .hasSize(8)
        .extracting(Browser.Element::text)
        .satisfies(
            texts -> {
              assertThat(texts.get(0))
                  .isEqualTo(
                      "GET /products/{id} p50 (p50, 1 min): not drawn: p50 is a percentile, and"
                          + " the local CloudWatch (moto) computes none; it computes Sum, Average,"
                          + " Minimum, Maximum, SampleCount");
              assertThat(texts.get(7))
                  .isEqualTo("POST /orders p99 (p99, 1 min): not drawn: as above");
            });
    assertThat(page.consoleErrors()).isEmpty();
  }

  private static MetricDatum level(Instant at, double level) {
    return new MetricDatum(
        "Brownout/shop",
        "DegradationLevel",
        List.of(new MetricDatum.Dimension("Service", "evaluator")),
        "None",
        at,
        List.of(level),
        60);
  }

  private static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The dashboards need no function. */
  private static final class NoFunctions implements Invoker {
    @Override
    public InvokeResult invoke(String function, byte[] payload) {
      throw new FunctionNotFoundException(function);
    }

    @Override
    public void invokeAsync(String function, byte[] payload) {
      throw new FunctionNotFoundException(function);
    }
  }
}
