package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.brownout.local.dashboards.Dashboard.Dimension;
import dev.brownout.local.dashboards.Dashboard.Expression;
import dev.brownout.local.dashboards.Dashboard.Graph;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.Dashboard.NotDrawn;
import dev.brownout.local.dashboards.Dashboard.Widget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardBodyTest {
  private static final String REGION = "us-east-1";

  @Test
  void theCdkAppsDashboardIsSevenGraphsWithTheTitlesStatisticsAndPeriodsOfMonitoring() {
    Dashboard dashboard =
        DashboardBody.parse("brownout-shop", Fixtures.shopDashboardBody(), REGION);

    assertThat(dashboard.widgets())
        .extracting(Widget::title)
        .containsExactlyElementsOf(Fixtures.SHOP_WIDGET_TITLES);
    assertThat(dashboard.widgets()).allMatch(Graph.class::isInstance);
    assertThat(series(dashboard, 0))
        .containsExactly(
            new MetricSeries(
                "Brownout/shop",
                "DegradationLevel",
                List.of(new Dimension("Service", "evaluator")),
                "Maximum",
                60,
                REGION,
                "level (0 FULL ... 3 EMERGENCY)",
                Optional.empty(),
                true));
    assertThat(series(dashboard, 2))
        .as("CDK leaves out the default statistic")
        .extracting(MetricSeries::label, MetricSeries::stat, MetricSeries::period)
        .contains(tuple("pricing", "Average", 60));
    assertThat(series(dashboard, 4))
        .extracting(MetricSeries::label, MetricSeries::stat)
        .startsWith(tuple("GET /products/{id} p50", "p50"), tuple("GET /products/{id} p99", "p99"));
    assertThat(series(dashboard, 6))
        .singleElement()
        .satisfies(
            failed -> {
              assertThat(failed.namespace()).isEqualTo("AWS/States");
              assertThat(failed.name()).isEqualTo("ExecutionsFailed");
              assertThat(failed.stat()).isEqualTo("Sum");
              assertThat(failed.period()).as("no period: CloudWatch's 300 s").isEqualTo(300);
              assertThat(failed.dimensions())
                  .extracting(Dimension::name)
                  .containsExactly("StateMachineArn");
            });
  }

  @Test
  void theDotRepeatsThePreviousElementAndLeadingDotsTheLeadingElements() {
    Dashboard dashboard =
        parse(
            """
            {"widgets":[{"type":"metric","properties":{"title":"CPU","stat":"Maximum","period":60,
              "metrics":[["AWS/EC2","CPUUtilization","InstanceId","i-1"],
                         [".",".",".","i-2"],
                         ["...","i-3",{"stat":"Sum","label":"third"}]]}}]}
            """);

    assertThat(series(dashboard, 0))
        .extracting(
            MetricSeries::describe, MetricSeries::stat, MetricSeries::period, MetricSeries::label)
        .containsExactly(
            tuple("CPUUtilization InstanceId=i-1", "Maximum", 60, "CPUUtilization"),
            tuple("CPUUtilization InstanceId=i-2", "Maximum", 60, "CPUUtilization"),
            tuple("CPUUtilization InstanceId=i-3", "Sum", 60, "third"));
  }

  @Test
  void aMalformedMetricMakesItsWidgetNotDrawnSayingWhereAndTheOthersStay() {
    Dashboard dashboard =
        parse(
            """
            {"widgets":[
              {"type":"metric","properties":{"title":"dots","metrics":[["...","x"]]}},
              {"type":"metric","properties":{"title":"odd","metrics":[["N","M","Dim"]]}},
              {"type":"metric","properties":{"title":"period","metrics":[["N","M",{"period":"soon"}]]}},
              {"type":"metric","properties":{"title":"fine","metrics":[["N","M"]]}}]}
            """);

    assertThat(dashboard.widgets())
        .extracting(Widget::title, w -> w instanceof NotDrawn n ? n.reason() : "drawn")
        .containsExactly(
            tuple(
                "dots",
                "widgets[0].properties.metrics[0][0] is \"...\", but there is no previous metric to"
                    + " repeat"),
            tuple("odd", "widgets[1].properties.metrics[0]: the dimension \"Dim\" has no value"),
            tuple(
                "period",
                "widgets[2].properties.metrics[0].period is \"soon\", expected whole seconds from 1"
                    + " to 604800"),
            tuple("fine", "drawn"));
  }

  @Test
  void widgetsOfOtherKindsAndMetricMathAreKeptWithWhyTheyAreNotDrawn() {
    Dashboard dashboard =
        parse(
            """
            {"widgets":[{"type":"text","properties":{"markdown":"# hi"}},
              {"type":"metric","properties":{"title":"math","metrics":[
                ["N","M",{"id":"m1"}],[{"expression":"m1*2","label":"doubled","id":"e1"}]]}}]}
            """);

    assertThat(dashboard.widgets().get(0))
        .isEqualTo(
            new NotDrawn(
                "",
                "text",
                "widgets[0] is a widget of type \"text\": only metric widgets are drawn locally"));
    assertThat(((Graph) dashboard.widgets().get(1)).series())
        .last()
        .isEqualTo(new Expression("m1*2", "doubled"));
  }

  @Test
  void metricsPastTheBoundAreCountedNotRead() {
    StringBuilder metrics = new StringBuilder("[\"N\",\"M0\"]");
    for (int i = 1; i < DashboardBody.MAX_SERIES + 3; i++) {
      metrics.append(",[\"N\",\"M").append(i).append("\"]");
    }
    Dashboard dashboard =
        parse(
            "{\"widgets\":[{\"type\":\"metric\",\"properties\":{\"metrics\":[" + metrics + "]}}]}");

    Graph graph = (Graph) dashboard.widgets().get(0);
    assertThat(graph.series()).hasSize(DashboardBody.MAX_SERIES);
    assertThat(graph.seriesLeftOut()).isEqualTo(3);
    assertThat(graph.title()).as("untitled: named for its metrics").startsWith("M0, M1, M2");
  }

  @Test
  void aBodyThatIsNotJsonOrHasNoWidgetsIsRefusedSayingWhere() {
    assertThatThrownBy(() -> parse("{\"widgets\": [}"))
        .isInstanceOf(DashboardBody.Invalid.class)
        .hasMessageStartingWith("the body of dashboard \"d\" is not JSON: ")
        .hasMessageContaining("line 1, column 14");
    assertThatThrownBy(() -> parse("{\"widget\": []}"))
        .isInstanceOf(DashboardBody.Invalid.class)
        .hasMessage("the body of dashboard \"d\" has no \"widgets\" array: {\"widget\":[]}");
  }

  @Test
  void aNumberOfOver1000DigitsWhichMotoTakesIsRefusedAsNotJsonWithoutAPosition() {
    assertThatThrownBy(() -> parse("{\"widgets\": [], \"x\": " + "9".repeat(1500) + "}"))
        .isInstanceOf(DashboardBody.Invalid.class)
        .hasMessageStartingWith("the body of dashboard \"d\" is not JSON: Number value length")
        .hasMessageContaining("1500")
        .hasMessageNotContaining(" at line ");
  }

  private static Dashboard parse(String body) {
    return DashboardBody.parse("d", body, REGION);
  }

  private static List<MetricSeries> series(Dashboard dashboard, int widget) {
    return ((Graph) dashboard.widgets().get(widget))
        .series().stream().map(MetricSeries.class::cast).toList();
  }
}
