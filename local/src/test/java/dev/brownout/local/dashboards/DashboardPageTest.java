package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.DashboardPage.Drawn;
import dev.brownout.local.dashboards.DashboardPage.NoData;
import dev.brownout.local.dashboards.DashboardPage.Outcome;
import dev.brownout.local.dashboards.DashboardPage.Unavailable;
import dev.brownout.local.dashboards.DashboardPage.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardPageTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Window HOUR = Window.last(Duration.ofHours(1), NOW);

  /** The level has data, the percentiles cannot be computed, everything else is empty. */
  private static final Function<MetricSeries, Outcome> DATA =
      m ->
          switch (m.name()) {
            case "DegradationLevel" ->
                new Drawn(
                    List.of(
                        new Chart.Point(NOW.minusSeconds(120), 0),
                        new Chart.Point(NOW.minusSeconds(60), 1)),
                    "");
            case "PrimaryLatency" -> new Unavailable(m.stat() + " is a percentile");
            case "ExecutionsFailed" -> new NoData("none ended");
            default -> new NoData("");
          };

  @Test
  void theShopDashboardHasOneSectionAndChartPerWidgetWithTheDataDrawnAndTheGapsSaid() {
    String html = page(Fixtures.shopDashboardBody());

    assertThat(all(html, "<section class=\"widget\" data-title=\"([^\"]*)\""))
        .containsExactlyElementsOf(Fixtures.SHOP_WIDGET_TITLES);
    assertThat(all(html, "<svg class=\"chart\" data-points=\"(\\d+)\""))
        .containsExactly("2", "0", "0", "0", "0", "0", "0");
    assertThat(html)
        .contains(
            "<li class=\"series\" data-label=\"level (0 FULL ... 3 EMERGENCY)\"><span"
                + " class=\"swatch\" style=\"background:#1f77b4\"></span>level (0 FULL ... 3"
                + " EMERGENCY): 1 at 09:59 UTC (Maximum, 1 min)</li>")
        .contains(
            "<li class=\"series no-data\" data-label=\"pricing\">pricing: no data for CheckLatency"
                + " Dependency=pricing in the last hour (Average, 1 min)</li>")
        .contains(
            "<li class=\"series unavailable\" data-label=\"GET /products/{id} p99\">GET"
                + " /products/{id} p99 (p99, 1 min): not drawn: p99 is a percentile</li>")
        .as("a reason is said once per widget")
        .contains(
            "<li class=\"series unavailable\" data-label=\"POST /orders p99\">POST /orders p99 (p99,"
                + " 1 min): not drawn: as above</li>")
        .contains("in the last hour (Sum, 5 min); none ended</li>")
        .contains("<p class=\"meta\">p50, p99 · period 1 min</p>");
    assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"60\">");
    assertThat(html).as("self-contained").doesNotContainPattern("(src|href)=\"(https?:)?//");
  }

  @Test
  void hostileTextInTheBodyIsEscapedEverywhere() {
    String html =
        page(
            """
            {"widgets":[{"type":"metric","properties":{"title":"<img src=x onerror=alert(1)>",
              "metrics":[["N","M","D","\\"><script>",{"label":"<script>alert(2)</script>"}]]}},
              {"type":"<b>","properties":{"title":"'quoted'"}}]}
            """);

    assertThat(html).doesNotContain("<img").doesNotContain("<script").doesNotContain("<b>");
    assertThat(html)
        .contains("data-title=\"&lt;img src=x onerror=alert(1)&gt;\"")
        .contains("no data for M D=&quot;&gt;&lt;script&gt;")
        .contains("data-title=\"&#39;quoted&#39;\"");
  }

  @Test
  void theIndexLinksEachDashboardByItsEncodedName() {
    String html = DashboardPage.index(List.of("brownout-shop", "a&b"), 2);

    assertThat(html)
        .contains("<li><a href=\"brownout-shop\">brownout-shop</a></li>")
        .contains("<li><a href=\"a%26b\">a&amp;b</a></li>")
        .contains("2 more not listed.");
  }

  @Test
  void windowsAreDescribedAsAPersonSaysThem() {
    assertThat(
            List.of(1, 15, 60, 180).stream()
                .map(m -> Window.last(Duration.ofMinutes(m), NOW).describe())
                .toList())
        .containsExactly(
            "the last minute", "the last 15 minutes", "the last hour", "the last 3 hours");
  }

  @Test
  void aPeriodTooShortForTheWindowIsRaisedAsTheConsoleDoesAndTheLegendSaysSo() {
    Window sixHours = Window.last(Duration.ofHours(6), NOW);
    assertThat(List.of(1, 10, 60, 300).stream().map(sixHours::periodFor))
        .containsExactly(60, 60, 60, 300);
    assertThat(Window.last(Duration.ofMinutes(15), NOW).periodFor(1)).isEqualTo(5);
    assertThat(HOUR.periodFor(1)).isEqualTo(10);

    String html =
        DashboardPage.page(
            DashboardBody.parse(
                "d",
                "{\"widgets\": [{\"type\": \"metric\", \"properties\": {\"period\": 10,"
                    + " \"metrics\": [[\"Brownout/shop\", \"Fast\"]]}}]}",
                "us-east-1"),
            sixHours,
            m -> new NoData(""),
            List.of(60));

    assertThat(html)
        .contains(
            "Fast: no data for Fast in the last 6 hours (Average, 1 min, not the dashboard&#39;s 10"
                + " s: at most 400 points over the last 6 hours)");
  }

  private static String page(String body) {
    return DashboardPage.page(
        DashboardBody.parse("brownout-shop", body, "us-east-1"), HOUR, DATA, List.of(15, 60));
  }

  private static List<String> all(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
