package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.Chart.Line;
import dev.brownout.local.dashboards.Chart.Point;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {
  private static final Instant FROM = Instant.parse("2026-11-27T09:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void pointsInTheWindowAreDrawnAsALineWithDotsScaledFromZeroToARoundTop() {
    String svg =
        Chart.svg(
            "latency",
            List.of(
                new Line(
                    "p",
                    "#1f77b4",
                    List.of(
                        new Point(FROM, 40),
                        new Point(FROM.plusSeconds(1800), 80),
                        new Point(TO, 0),
                        new Point(FROM.minusSeconds(60), 1000)))),
            FROM,
            TO);

    assertThat(svg).startsWith("<svg class=\"chart\" data-points=\"3\" ");
    // x from 56 to 948 over the hour, y from 178 (0) to 10 (the top, 100)
    assertThat(svg)
        .contains(
            "<polyline class=\"line\" data-label=\"p\" fill=\"none\" stroke-width=\"2\""
                + " stroke=\"#1f77b4\" points=\"56.0,110.8 502.0,43.6 948.0,178.0\"/>");
    assertThat(svg).containsOnlyOnce(">100</text>").contains(">50</text>").contains(">0</text>");
    assertThat(svg).contains(">09:00</text>").contains(">09:30</text>").contains(">10:00</text>");
    assertThat(count(svg, "<circle ")).isEqualTo(3);
  }

  @Test
  void valuesThatAreNotFiniteAreLeftOutAndOnesNearADoublesLimitAreDrawnOnAnAxisToThem() {
    String svg =
        Chart.svg(
            "sum",
            List.of(
                new Line(
                    "s",
                    "#1f77b4",
                    List.of(
                        new Point(FROM, Double.POSITIVE_INFINITY),
                        new Point(FROM.plusSeconds(60), Double.NaN),
                        new Point(FROM.plusSeconds(1800), 1.7e308),
                        new Point(TO, -1.7e308)))),
            FROM,
            TO);

    assertThat(svg).startsWith("<svg class=\"chart\" data-points=\"2\" ");
    assertThat(svg)
        .contains("points=\"502.0,10.0 948.0,178.0\"")
        .contains(">170000000000000000")
        .doesNotContain("NaN")
        .doesNotContain("Infinity");
  }

  @Test
  void noLinesGiveTheAxesAndZeroPoints() {
    String svg = Chart.svg("empty", List.of(), FROM, TO);

    assertThat(svg).startsWith("<svg class=\"chart\" data-points=\"0\" ");
    assertThat(svg).doesNotContain("<polyline").contains("<title>empty</title>");
  }

  @Test
  void labelsAndTitlesAreEscaped() {
    String svg =
        Chart.svg(
            "<b>\"t\"</b>",
            List.of(new Line("<script>x</script>", "#000000", List.of(new Point(FROM, 1)))),
            FROM,
            TO);

    assertThat(svg)
        .doesNotContain("<script>")
        .doesNotContain("<b>")
        .contains("data-label=\"&lt;script&gt;x&lt;/script&gt;\"")
        .contains("aria-label=\"&lt;b&gt;&quot;t&quot;&lt;/b&gt;\"");
  }

  @Test
  void aLongLineHasNoDots() {
    List<Point> points =
        java.util.stream.IntStream.range(0, Chart.MAX_DOTS + 1)
            .mapToObj(i -> new Point(FROM.plusSeconds(i * 30L), i))
            .toList();

    String svg = Chart.svg("long", List.of(new Line("l", "#000000", points)), FROM, TO);

    assertThat(svg).contains("data-points=\"" + points.size() + "\"").doesNotContain("<circle");
  }

  @Test
  void topsAreRoundAndNumbersShort() {
    assertThat(List.of(Chart.roundUp(0.3), Chart.roundUp(7), Chart.roundUp(21), Chart.roundUp(100)))
        .containsExactly(0.5, 10.0, 25.0, 100.0);
    assertThat(
            List.of(Chart.number(0), Chart.number(2.5), Chart.number(1234.5), Chart.number(1e-4)))
        .containsExactly("0", "2.5", "1230", "0.0001");
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
