package dev.brownout.local.dashboards;

import dev.brownout.local.dashboards.Dashboard.Expression;
import dev.brownout.local.dashboards.Dashboard.Graph;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.Dashboard.NotDrawn;
import dev.brownout.local.dashboards.Dashboard.Series;
import dev.brownout.local.dashboards.Dashboard.Widget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The local dashboards as self-contained HTML pages (no external assets, every text escaped) that
 * reload themselves every minute. Pure: the data comes from the function it is given.
 *
 * <p>Hooks for tests, stable: each widget is a {@code section.widget} with {@code data-title} and
 * {@code data-points} (data points drawn); a metric widget holds one {@code svg.chart} (see {@link
 * Chart}) and a legend of {@code li.series} with {@code data-label}, each with class {@code
 * no-data} when its metric has no data in the window ("no data for ...") or {@code unavailable}
 * when it cannot be computed locally (the reason follows); a widget that is not drawn has the class
 * {@code not-drawn} and a {@code p.unavailable} saying why.
 */
public final class DashboardPage {
  public static final int REFRESH_SECONDS = 60;

  /** CloudWatch's default palette, in its order. */
  static final List<String> PALETTE =
      List.of(
          "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:0 24px 24px;color:#16191f;background:#f2f3f3}
      header{padding:12px 0}h1{font-size:20px;margin:0 0 4px}p{margin:4px 0}
      a{color:#0073bb}.window a{margin-right:8px}
      .widget{background:#fff;border:1px solid #d5dbdb;border-radius:4px;margin:0 0 16px;padding:8px 12px}
      .widget h2{font-size:16px;margin:0}.meta{color:#545b64;font-size:12px}
      svg.chart{display:block;width:100%;height:200px}
      .grid{stroke:#e9ebed;stroke-width:1}.tick{font-size:11px;fill:#545b64}
      ul.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:2px 16px}
      .swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
      .how{color:#545b64;font-size:12px}.no-data,.unavailable{color:#8a6d00}
      .not-drawn{border-style:dashed}
      """;

  private DashboardPage() {}

  /**
   * The time window shown.
   *
   * @param from its start, before {@code to}
   */
  public record Window(Instant from, Instant to) {
    /** The most points a metric is read with over a window. */
    public static final int MAX_POINTS = 400;

    public Window {
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("the window " + from + " to " + to + " is empty");
      }
    }

    public static Window last(Duration length, Instant now) {
      return new Window(now.minus(length), now);
    }

    /**
     * The period a metric of the dashboard's {@code period} is read with over this window: raised,
     * as the CloudWatch console does, to the least of CloudWatch's periods (1, 5, 10, 30 s, a
     * multiple of a minute) that gives at most {@link #MAX_POINTS} points.
     */
    public int periodFor(int period) {
      long least = Math.ceilDiv(Duration.between(from, to).toSeconds(), MAX_POINTS);
      if (period >= least) {
        return period;
      }
      for (int seconds : new int[] {1, 5, 10, 30}) {
        if (seconds >= least) {
          return seconds;
        }
      }
      return Math.toIntExact(Math.ceilDiv(least, 60) * 60);
    }

    /** {@code the last hour}, {@code the last 15 minutes}. */
    public String describe() {
      long minutes = Duration.between(from, to).toMinutes();
      if (minutes == 1 || minutes == 60) {
        return minutes == 1 ? "the last minute" : "the last hour";
      }
      return minutes % 60 == 0
          ? "the last " + minutes / 60 + " hours"
          : "the last " + minutes + " minutes";
    }
  }

  /** What there is to draw for one metric. */
  public sealed interface Outcome permits Drawn, NoData, Unavailable {}

  /**
   * Its data points in time order, at least one.
   *
   * @param note what the legend should add about them (points left out...), or empty
   */
  public record Drawn(List<Chart.Point> points, String note) implements Outcome {
    public Drawn {
      points = List.copyOf(points);
      Objects.requireNonNull(note, "note");
      if (points.isEmpty()) {
        throw new IllegalArgumentException("no points: that is NoData");
      }
    }
  }

  /**
   * No data point in the window.
   *
   * @param why what the page can tell about the reason, or empty
   */
  public record NoData(String why) implements Outcome {
    public NoData {
      Objects.requireNonNull(why, "why");
    }
  }

  /** The metric cannot be read locally, and why. */
  public record Unavailable(String reason) implements Outcome {}

  /**
   * The page of a dashboard.
   *
   * @param data what there is for each visible metric of the dashboard, asked in page order
   * @param windowChoices the lengths offered as links ({@code ?minutes=})
   */
  public static String page(
      Dashboard dashboard,
      Window window,
      Function<MetricSeries, Outcome> data,
      List<Integer> windowChoices) {
    StringBuilder html = head(dashboard.name() + " (local CloudWatch dashboard)");
    html.append("<header><h1>")
        .append(Html.escape(dashboard.name()))
        .append("</h1><p>")
        .append(Html.escape(capitalized(window.describe())))
        .append(": ")
        .append(TIME.format(window.from()))
        .append(" to ")
        .append(TIME.format(window.to()))
        .append(" UTC, from the local CloudWatch; this page reloads every ")
        .append(REFRESH_SECONDS)
        .append(" s. <a href=\"./\">All dashboards</a></p><p class=\"window\">Show: ");
    for (int minutes : windowChoices) {
      html.append("<a href=\"?minutes=")
          .append(minutes)
          .append("\">")
          .append(minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min")
          .append("</a>");
    }
    html.append("</p></header><main>");
    for (Widget widget : dashboard.widgets()) {
      switch (widget) {
        case Graph graph -> graph(html, graph, window, data);
        case NotDrawn notDrawn -> notDrawn(html, notDrawn);
      }
    }
    if (dashboard.widgetsLeftOut() > 0) {
      html.append("<p class=\"unavailable\">")
          .append(dashboard.widgetsLeftOut())
          .append(" more widget(s) not drawn: the local page draws at most ")
          .append(DashboardBody.MAX_WIDGETS)
          .append(".</p>");
    }
    return html.append("</main></body></html>").toString();
  }

  /**
   * The index of the dashboards.
   *
   * @param leftOut dashboards past the page's bound, not listed
   */
  public static String index(List<String> names, int leftOut) {
    StringBuilder html = head("Local CloudWatch dashboards");
    html.append("<header><h1>Local CloudWatch dashboards</h1><p>")
        .append(
            names.isEmpty() ? "No dashboard is deployed." : "Deployed dashboards (ListDashboards):")
        .append("</p></header><main><ul class=\"dashboards\">");
    for (String name : names) {
      html.append("<li><a href=\"")
          .append(Html.escape(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
          .append("\">")
          .append(Html.escape(name))
          .append("</a></li>");
    }
    html.append("</ul>");
    if (leftOut > 0) {
      html.append("<p class=\"unavailable\">").append(leftOut).append(" more not listed.</p>");
    }
    return html.append("</main></body></html>").toString();
  }

  /** A page that says what went wrong, e.g. an unknown dashboard. */
  public static String problem(String title, String message) {
    return head(title)
        .append("<header><h1>")
        .append(Html.escape(title))
        .append("</h1></header><main><p class=\"problem\">")
        .append(Html.escape(message))
        .append("</p><p><a href=\"./\">All dashboards</a></p></main></body></html>")
        .toString();
  }

  private static StringBuilder head(String title) {
    return new StringBuilder(16_384)
        .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\"><meta name=\"viewport\" content=\"width=device-width\">")
        .append("<link rel=\"icon\" href=\"data:,\"><title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
  }

  private static void graph(
      StringBuilder html, Graph graph, Window window, Function<MetricSeries, Outcome> data) {
    List<Chart.Line> lines = new ArrayList<>();
    StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
    Set<String> stats = new LinkedHashSet<>();
    Set<String> periods = new LinkedHashSet<>();
    // a reason is said once per widget: eight percentiles need not say eight times why
    Set<String> reasons = new LinkedHashSet<>();
    int points = 0;
    int index = 0;
    for (Series series : graph.series()) {
      String color = PALETTE.get(index++ % PALETTE.size());
      switch (series) {
        case Expression e ->
            item(
                legend,
                "series unavailable",
                e.label(),
                null,
                e.label() + ": metric math is not computed locally (" + e.expression() + ")");
        case MetricSeries m when !m.visible() -> {
          stats.add(m.stat());
          periods.add(period(m.period()));
          item(legend, "series hidden", m.label(), null, m.label() + " (hidden on the dashboard)");
        }
        case MetricSeries m -> {
          stats.add(m.stat());
          periods.add(period(m.period()));
          int read = window.periodFor(m.period());
          String how =
              m.stat()
                  + ", "
                  + period(read)
                  + (read == m.period()
                      ? ""
                      : ", not the dashboard's "
                          + period(m.period())
                          + ": at most "
                          + Window.MAX_POINTS
                          + " points over "
                          + window.describe());
          String own = m.color().orElse(color);
          switch (data.apply(m)) {
            case Drawn drawn -> {
              lines.add(new Chart.Line(m.label(), own, drawn.points()));
              points += drawn.points().size();
              Chart.Point last = drawn.points().get(drawn.points().size() - 1);
              item(
                  legend,
                  "series",
                  m.label(),
                  own,
                  m.label()
                      + ": "
                      + Chart.number(last.value())
                      + " at "
                      + CLOCK.format(last.at())
                      + " UTC ("
                      + how
                      + ")"
                      + (drawn.note().isEmpty() ? "" : "; " + drawn.note()));
            }
            case NoData none ->
                item(
                    legend,
                    "series no-data",
                    m.label(),
                    null,
                    m.label()
                        + ": no data for "
                        + m.describe()
                        + " in "
                        + window.describe()
                        + " ("
                        + how
                        + ")"
                        + (none.why().isEmpty() ? "" : "; " + none.why()));
            case Unavailable unavailable ->
                item(
                    legend,
                    "series unavailable",
                    m.label(),
                    null,
                    m.label()
                        + " ("
                        + how
                        + "): not drawn: "
                        + (reasons.add(unavailable.reason()) ? unavailable.reason() : "as above"));
          }
        }
      }
    }
    if (graph.seriesLeftOut() > 0) {
      legend
          .append("<li class=\"unavailable\">")
          .append(graph.seriesLeftOut())
          .append(" more metric(s) not drawn: the local page draws at most ")
          .append(DashboardBody.MAX_SERIES)
          .append(" per widget</li>");
    }
    legend.append("</ul>");
    html.append("<section class=\"widget\" data-title=\"")
        .append(Html.escape(graph.title()))
        .append("\" data-points=\"")
        .append(points)
        .append("\"><h2>")
        .append(Html.escape(graph.title()))
        .append("</h2><p class=\"meta\">")
        .append(Html.escape(String.join(", ", stats)))
        .append(" · period ")
        .append(Html.escape(String.join(", ", periods)))
        .append(
            graph.view().equals("timeSeries")
                ? ""
                : " · drawn as a time series (the dashboard's view: "
                    + Html.escape(graph.view())
                    + ")")
        .append("</p>")
        .append(Chart.svg(graph.title(), lines, window.from(), window.to()))
        .append(legend)
        .append("</section>");
  }

  private static void notDrawn(StringBuilder html, NotDrawn widget) {
    html.append("<section class=\"widget not-drawn\" data-title=\"")
        .append(Html.escape(widget.title()))
        .append("\" data-points=\"0\"><h2>")
        .append(
            Html.escape(
                widget.title().isEmpty()
                    ? "(untitled " + widget.type() + " widget)"
                    : widget.title()))
        .append("</h2><p class=\"unavailable\">Not drawn: ")
        .append(Html.escape(widget.reason()))
        .append("</p></section>");
  }

  private static void item(
      StringBuilder legend, String classes, String label, String color, String text) {
    legend
        .append("<li class=\"")
        .append(classes)
        .append("\" data-label=\"")
        .append(Html.escape(label))
        .append("\">");
    if (color != null) {
      legend
          .append("<span class=\"swatch\" style=\"background:")
          .append(Html.escape(color))
          .append("\"></span>");
    }
    legend.append(Html.escape(text)).append("</li>");
  }

  /** {@code 60 s}, {@code 5 min}. */
  static String period(int seconds) {
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
