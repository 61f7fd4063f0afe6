package dev.brownout.functions.api.status;

import static dev.brownout.functions.api.status.Html.escape;

import dev.brownout.core.Level;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.AnswerTally.Minute;
import dev.brownout.core.ports.StatusBoard.LevelRecord;
import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import dev.brownout.core.serving.PublicReasons;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.status.HealthLane.Health;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status page as HTML: one self-contained document (inline CSS and SVG, no script, no external
 * URL) that refreshes itself. Every text from the status table, the flags or the override is
 * escaped. Elements a test or an operator's tool can rely on: {@code #level} (the level's name, and
 * {@code data-level}), {@code #since}, {@code #reasons}, {@code svg#timeline}, {@code
 * table#dependencies} (one body row per catalog dependency, {@code data-dependency}, {@code
 * data-health}), {@code #answers}, {@code #flags}, {@code #override}, {@code #transitions}, and
 * {@code #unavailable} listing what could not be read.
 */
public final class StatusPage {
  /** The page's headers: no caching, and nothing but its own inline styles may load or run. */
  public static final Map<String, String> HEADERS = headers();

  public static final int REFRESH_SECONDS = 15;

  /** Transitions listed, newest first. */
  public static final int TRANSITIONS_SHOWN = 10;

  /**
   * Each lane of the timeline is drawn in this many equal stretches (30 s of the hour), each in the
   * worst state it saw: a lane has at most this many shapes, however often its state changed.
   */
  public static final int BINS = 120;

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR_MINUTE =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  // The timeline's geometry, in SVG user units (the drawing scales to the page's width).
  private static final int WIDTH = 960;
  private static final int PLOT_LEFT = 150;
  private static final int PLOT_RIGHT = 944;
  private static final int LEVEL_TOP = 10;
  private static final int LEVEL_HEIGHT = 26;
  private static final int LANE_TOP = 48;
  private static final int LANE_HEIGHT = 14;
  private static final int LANE_STEP = 22;

  /**
   * What the page shows.
   *
   * @param transitions the window's level transitions; empty when they could not be read
   * @param checks the window's checks by dependency; a dependency is absent when they could not be
   *     read
   * @param answers the tally's last minutes; empty when they could not be read
   * @param unavailable what could not be read, in words
   */
  public record Model(
      Instant now,
      StatusView view,
      Optional<Read<Transition>> transitions,
      Map<String, Read<Check>> checks,
      Optional<List<Minute>> answers,
      List<String> unavailable) {
    public Model {
      checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
      unavailable = List.copyOf(unavailable);
    }
  }

  private StatusPage() {}

  private static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    headers.put(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    headers.put("X-Content-Type-Options", "nosniff");
    return java.util.Collections.unmodifiableMap(headers);
  }

  public static String render(Model model) {
    StringBuilder html = new StringBuilder(24 * 1024);
    StatusView view = model.view();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(view.app()))
        .append(": ")
        .append(view.level().name())
        .append(" - Brownout</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(escape(view.app()))
        .append(" <span class=\"muted\">Brownout status</span></h1>\n<p class=\"muted\">As of ")
        .append(time(model.now(), DATE_TIME))
        .append("; this page refreshes every ")
        .append(REFRESH_SECONDS)
        .append(" s.</p>\n</header>\n<main>\n");
    unavailable(html, model);
    level(html, model);
    timeline(html, model);
    dependencies(html, model);
    answers(html, model);
    transitions(html, model);
    flags(html, view);
    override(html, view);
    problems(html, view);
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void unavailable(StringBuilder html, Model model) {
    if (model.unavailable().isEmpty()) {
      return;
    }
    html.append(
        "<section id=\"unavailable\" class=\"notice\" role=\"alert\">\n"
            + "<h2>Status data unavailable</h2>\n"
            + "<p>The status table could not be read, so this page cannot show:</p>\n<ul>\n");
    model.unavailable().forEach(what -> html.append("<li>").append(escape(what)).append("</li>\n"));
    html.append(
        "</ul>\n<p>What follows is what the API function itself knows: the level and flags it"
            + " acts on.</p>\n</section>\n");
  }

  private static void level(StringBuilder html, Model model) {
    StatusView view = model.view();
    Level level = view.level();
    html.append("<section class=\"current ")
        .append(levelClass(level))
        .append("\">\n<div id=\"level\" class=\"level\" data-level=\"")
        .append(level.name())
        .append("\">")
        .append(level.name())
        .append("</div>\n<p id=\"since\">");
    Optional<LevelRecord> record = view.record();
    if (record.isPresent() && record.get().level() == level) {
      html.append("since ")
          .append(time(record.get().since(), DATE_TIME))
          .append(" (")
          .append(ago(record.get().since(), model.now()))
          .append(")");
    } else if (record.isPresent()) {
      html.append("since: unknown; the workflow's record says ")
          .append(record.get().level().name())
          .append(" since ")
          .append(time(record.get().since(), DATE_TIME));
    } else {
      html.append(
          view.boardRead()
              ? "since: unknown (the workflow has not recorded a level yet)"
              : "since: unknown (the status table could not be read)");
    }
    html.append("</p>\n");
    List<String> reasons = record.map(LevelRecord::reasons).orElse(List.of());
    if (!reasons.isEmpty()) {
      html.append("<ul id=\"reasons\">\n");
      reasons.forEach(r -> html.append("<li>").append(escape(r)).append("</li>\n"));
      html.append("</ul>\n");
    }
    html.append("</section>\n");
  }

  private static void timeline(StringBuilder html, Model model) {
    Instant end = model.now();
    Instant start = end.minus(StatusPageReads.WINDOW);
    List<StatusView.DependencyView> dependencies = model.view().dependencies();
    int axisTop = LANE_TOP + dependencies.size() * LANE_STEP + 4;
    int height = axisTop + 26;
    html.append("<section>\n<h2>The last hour</h2>\n<svg id=\"timeline\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"The level and each dependency's")
        .append(" health over the last hour\">\n");
    label(html, "level", LEVEL_TOP + LEVEL_HEIGHT / 2 + 5, "lane-title");
    if (model.transitions().isPresent()) {
      Level current = model.view().record().map(LevelRecord::level).orElse(model.view().level());
      for (Span<Optional<Level>> span :
          Span.binned(
              LevelTimeline.of(start, end, model.transitions().get(), current),
              start,
              end,
              BINS,
              Comparator.comparing(level -> level.map(l -> l.ordinal() + 1).orElse(0)))) {
        rect(
            html,
            span,
            start,
            LEVEL_TOP,
            LEVEL_HEIGHT,
            span.state().map(StatusPage::levelClass).orElse("unknown"),
            span.state().map(Level::name).orElse("level not known (older changes not read)"));
      }
    } else {
      missing(html, LEVEL_TOP, LEVEL_HEIGHT);
    }
    for (int i = 0; i < dependencies.size(); i++) {
      String name = dependencies.get(i).name();
      int top = LANE_TOP + i * LANE_STEP;
      label(html, name, top + LANE_HEIGHT - 2, "lane-name");
      Read<Check> checks = model.checks().get(name);
      if (checks == null) {
        missing(html, top, LANE_HEIGHT);
        continue;
      }
      for (Span<Health> span :
          Span.binned(
              HealthLane.of(start, end, checks), start, end, BINS, Comparator.naturalOrder())) {
        rect(
            html,
            span,
            start,
            top,
            LANE_HEIGHT,
            "h-" + span.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            name + ": " + span.state().label());
      }
    }
    axis(html, start, end, axisTop);
    html.append("</svg>\n<p class=\"legend\">")
        .append(legend("full", "FULL"))
        .append(legend("reduced", "REDUCED"))
        .append(legend("minimal", "MINIMAL"))
        .append(legend("emergency", "EMERGENCY"))
        .append(" &nbsp; ")
        .append(legend("h-healthy", "healthy"))
        .append(legend("h-failing", "failing, not yet unhealthy"))
        .append(legend("h-unhealthy", "unhealthy"))
        .append(legend("h-no-checks", "no checks"))
        .append(legend("h-not-read", "older checks not read"))
        .append("</p>\n</section>\n");
  }

  private static String legend(String cssClass, String text) {
    return "<span class=\"key " + cssClass + "\"></span>" + text + " ";
  }

  private static void label(StringBuilder html, String text, int y, String cssClass) {
    html.append("<text x=\"0\" y=\"")
        .append(y)
        .append("\" class=\"")
        .append(cssClass)
        .append("\">")
        .append(escape(text))
        .append("</text>\n");
  }

  private static void missing(StringBuilder html, int top, int height) {
    html.append("<rect x=\"")
        .append(PLOT_LEFT)
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(PLOT_RIGHT - PLOT_LEFT)
        .append("\" height=\"")
        .append(height)
        .append("\" class=\"unknown\"><title>could not be read</title></rect>\n<text x=\"")
        .append(PLOT_LEFT + 8)
        .append("\" y=\"")
        .append(top + height - 3)
        .append("\" class=\"lane-name\">could not be read</text>\n");
  }

  private static void rect(
      StringBuilder html,
      Span<?> span,
      Instant start,
      int top,
      int height,
      String cssClass,
      String title) {
    double x = x(span.from(), start);
    html.append("<rect x=\"")
        .append(units(x))
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(units(Math.max(x(span.to(), start) - x, 0.5)))
        .append("\" height=\"")
        .append(height)
        .append("\" class=\"")
        .append(cssClass)
        .append("\"><title>")
        .append(escape(title))
        .append(", ")
        .append(TIME.format(span.from()))
        .append(" to ")
        .append(TIME.format(span.to()))
        .append(" UTC</title></rect>\n");
  }

  /** A tick and label every ten minutes of the clock, and "now" at the right. */
  private static void axis(StringBuilder html, Instant start, Instant end, int top) {
    html.append("<line x1=\"")
        .append(PLOT_LEFT)
        .append("\" y1=\"")
        .append(top)
        .append("\" x2=\"")
        .append(PLOT_RIGHT)
        .append("\" y2=\"")
        .append(top)
        .append("\" class=\"axis\"/>\n");
    Instant tick = start.truncatedTo(ChronoUnit.HOURS);
    while (!tick.isAfter(end)) {
      // the "now (HH:MM UTC)" label takes about nine minutes' width at the right
      if (!tick.isBefore(start) && Duration.between(tick, end).toMinutes() >= 9) {
        String x = units(x(tick, start));
        html.append("<line x1=\"")
            .append(x)
            .append("\" y1=\"")
            .append(top)
            .append("\" x2=\"")
            .append(x)
            .append("\" y2=\"")
            .append(top + 5)
            .append("\" class=\"axis\"/>\n<text x=\"")
            .append(x)
            .append("\" y=\"")
            .append(top + 18)
            .append("\" class=\"tick\">")
            .append(HOUR_MINUTE.format(tick))
            .append("</text>\n");
      }
      tick = tick.plus(Duration.ofMinutes(10));
    }
    html.append("<text x=\"")
        .append(PLOT_RIGHT)
        .append("\" y=\"")
        .append(top + 18)
        .append("\" class=\"tick now\">now (")
        .append(HOUR_MINUTE.format(end))
        .append(" UTC)</text>\n");
  }

  private static double x(Instant t, Instant start) {
    double share =
        (double) Duration.between(start, t).toMillis() / StatusPageReads.WINDOW.toMillis();
    return PLOT_LEFT + Math.clamp(share, 0, 1) * (PLOT_RIGHT - PLOT_LEFT);
  }

  private static String units(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static void dependencies(StringBuilder html, Model model) {
    html.append(
        "<section>\n<h2>Dependencies</h2>\n<table id=\"dependencies\">\n<thead><tr><th>Dependency</th>"
            + "<th>Criticality</th><th>Health</th><th>Latency</th><th>Last check</th>"
            + "<th>Last change</th><th>In a row</th><th>Last error</th></tr></thead>\n<tbody>\n");
    for (StatusView.DependencyView d : model.view().dependencies()) {
      String health =
          !model.view().boardRead()
              ? "unknown"
              : d.status().map(s -> s.healthy() ? "healthy" : "unhealthy").orElse("not checked");
      html.append("<tr data-dependency=\"")
          .append(escape(d.name()))
          .append("\" data-health=\"")
          .append(health)
          .append("\"><td class=\"name\">")
          .append(escape(d.name()))
          .append("</td><td>")
          .append(d.criticality().label())
          .append("</td><td><span class=\"badge h-")
          .append(health.replace(' ', '-'))
          .append("\">")
          .append(health)
          .append("</span></td>");
      Optional<DependencyStatus> s = d.status();
      html.append("<td class=\"num\">")
          .append(
              s.flatMap(DependencyStatus::lastLatency).map(l -> l.toMillis() + " ms").orElse("-"))
          .append("</td><td>")
          .append(s.flatMap(DependencyStatus::lastCheck).map(t -> when(t, model.now())).orElse("-"))
          .append("</td><td>")
          .append(
              s.flatMap(DependencyStatus::lastChange).map(t -> when(t, model.now())).orElse("-"))
          .append("</td><td>")
          .append(s.map(StatusPage::inARow).orElse("-"))
          .append("</td><td>")
          .append(s.flatMap(DependencyStatus::lastError).map(Html::escape).orElse("-"))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static String inARow(DependencyStatus s) {
    if (s.consecutiveFailures() > 0) {
      return s.consecutiveFailures() + (s.consecutiveFailures() == 1 ? " failure" : " failures");
    }
    return s.consecutiveSuccesses() + (s.consecutiveSuccesses() == 1 ? " success" : " successes");
  }

  private static void answers(StringBuilder html, Model model) {
    html.append(
        "<section id=\"answers\">\n<h2>Answers by source (<code>X-Served-From</code>)</h2>\n");
    if (model.answers().isEmpty()) {
      html.append(
          "<p class=\"muted\">Not available: the tally could not be read.</p>\n</section>\n");
      return;
    }
    AnswerShares shares = AnswerShares.of(model.answers().get(), model.now());
    long hour = AnswerShares.total(shares.lastHour());
    long five = AnswerShares.total(shares.lastFiveMinutes());
    if (hour == 0) {
      html.append("<p class=\"muted\">No answers in the last hour.</p>\n</section>\n");
      return;
    }
    html.append("<div class=\"bar\" title=\"the last hour\">");
    shares
        .lastHour()
        .forEach(
            (source, n) -> {
              if (n > 0) {
                html.append("<span class=\"s-")
                    .append(source.label())
                    .append("\" style=\"width:")
                    .append(units(100.0 * n / hour))
                    .append("%\"></span>");
              }
            });
    html.append(
        "</div>\n<table>\n<thead><tr><th>Source</th><th>Last 5 minutes</th><th>Share</th>"
            + "<th>Last hour</th><th>Share</th></tr></thead>\n<tbody>\n");
    for (ServedFrom source : ServedFrom.values()) {
      long n5 = shares.lastFiveMinutes().get(source);
      long n60 = shares.lastHour().get(source);
      html.append("<tr data-source=\"")
          .append(source.label())
          .append("\"><td><span class=\"key s-")
          .append(source.label())
          .append("\"></span>")
          .append(source.label())
          .append("</td><td class=\"num\">")
          .append(n5)
          .append("</td><td class=\"num\">")
          .append(percent(n5, five))
          .append("</td><td class=\"num\">")
          .append(n60)
          .append("</td><td class=\"num\">")
          .append(percent(n60, hour))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n<tfoot><tr><td>all</td><td class=\"num\">")
        .append(five)
        .append("</td><td></td><td class=\"num\">")
        .append(hour)
        .append("</td><td></td></tr></tfoot>\n</table>\n")
        .append(
            "<p class=\"muted\">Answers to the catalog's routes, from every instance of the API"
                + " function; each instance reports at most every 10 s.</p>\n</section>\n");
  }

  private static String percent(long n, long total) {
    return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * n / total);
  }

  private static void transitions(StringBuilder html, Model model) {
    html.append("<section id=\"transitions\">\n<h2>Recent transitions</h2>\n");
    if (model.transitions().isEmpty()) {
      html.append(
          "<p class=\"muted\">Not available: the audit could not be read.</p>\n</section>\n");
      return;
    }
    List<Transition> entries =
        model.transitions().get().entries().stream().limit(TRANSITIONS_SHOWN).toList();
    if (entries.isEmpty()) {
      html.append("<p class=\"muted\">None in the last hour.</p>\n</section>\n");
      return;
    }
    html.append(
        "<table>\n<thead><tr><th>When</th><th>Level</th><th>Reasons</th></tr></thead>\n"
            + "<tbody>\n");
    for (Transition e : entries) {
      html.append("<tr data-to=\"")
          .append(e.to().name())
          .append("\"><td>")
          .append(when(e.at(), model.now()))
          .append("</td><td class=\"change\"><span class=\"badge ")
          .append(levelClass(e.from()))
          .append("\">")
          .append(e.from().name())
          .append("</span> &rarr; <span class=\"badge ")
          .append(levelClass(e.to()))
          .append("\">")
          .append(e.to().name())
          .append("</span></td><td><ul>");
      e.reasons()
          .forEach(
              r ->
                  html.append("<li>")
                      .append(escape(PublicReasons.ofLevelReason(r)))
                      .append("</li>"));
      e.override()
          .ifPresent(
              o -> html.append("<li>override: <code>").append(escape(o)).append("</code></li>"));
      html.append("</ul></td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void flags(StringBuilder html, StatusView view) {
    html.append("<section id=\"flags\">\n<h2>Feature flags</h2>\n");
    if (view.features().isEmpty()) {
      html.append("<p class=\"muted\">The catalog has no features.</p>\n");
    } else {
      html.append("<table>\n<thead><tr><th>Feature</th><th>Flag</th></tr></thead>\n<tbody>\n");
      view.features()
          .forEach(
              (feature, on) ->
                  html.append("<tr data-feature=\"")
                      .append(escape(feature))
                      .append("\" data-on=\"")
                      .append(on)
                      .append("\"><td class=\"name\">")
                      .append(escape(feature))
                      .append("</td><td><span class=\"badge ")
                      .append(on ? "on\">on" : "off\">off")
                      .append("</span></td></tr>\n"));
      html.append("</tbody>\n</table>\n");
    }
    html.append("<p class=\"muted\">")
        .append(
            view.flagsReadAt()
                .map(t -> "Read from SSM at " + time(t, DATE_TIME) + ".")
                .orElse("Never read from SSM: the catalog's defaults."))
        .append("</p>\n</section>\n");
  }

  private static void override(StringBuilder html, StatusView view) {
    html.append("<section id=\"override\">\n<h2>Override</h2>\n")
        .append(
            view.override()
                .filter(o -> !o.isBlank())
                .map(o -> "<pre>" + escape(o) + "</pre>\n")
                .orElse("<p class=\"muted\">None: the policy decides.</p>\n"))
        .append("</section>\n");
  }

  private static void problems(StringBuilder html, StatusView view) {
    if (view.problems().isEmpty()) {
      return;
    }
    html.append("<section id=\"problems\" class=\"notice\">\n<h2>Unreadable items</h2>\n<ul>\n");
    view.problems().forEach(p -> html.append("<li>").append(escape(p)).append("</li>\n"));
    html.append("</ul>\n</section>\n");
  }

  private static String levelClass(Level level) {
    return level.name().toLowerCase(Locale.ROOT);
  }

  private static String time(Instant t, DateTimeFormatter format) {
    return "<time datetime=\"" + t + "\">" + format.format(t) + "</time>";
  }

  /** The time of day, with how long ago, and the full date in its tooltip. */
  private static String when(Instant t, Instant now) {
    return "<time datetime=\""
        + t
        + "\" title=\""
        + DATE_TIME.format(t)
        + "\">"
        + TIME.format(t)
        + "</time> <span class=\"muted\">("
        + ago(t, now)
        + ")</span>";
  }

  static String ago(Instant t, Instant now) {
    Duration d = Duration.between(t, now);
    if (d.isNegative()) {
      return "ahead of this page's clock";
    }
    if (d.toSeconds() < 60) {
      return d.toSeconds() + " s ago";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + " min ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + " h " + d.toMinutesPart() + " min ago";
    }
    return d.toDays() + " days ago";
  }

  private static final String CSS =
      """
      :root{--full:#2e7d32;--reduced:#f9a825;--minimal:#ef6c00;--emergency:#c62828;\
      --ok:#43a047;--failing:#fbc02d;--bad:#e53935;--none:#e0e0e0;--ink:#1f2328;--muted:#636c76;\
      --line:#d0d7de}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:var(--ink);background:#f6f8fa}
      header,main{max-width:1100px;margin:0 auto;padding:0 16px}
      header{padding-top:12px}
      h1{font-size:22px;margin:8px 0 0}
      h2{font-size:16px;margin:0 0 8px}
      section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;\
      margin:12px 0}
      .muted{color:var(--muted);font-weight:normal}
      .notice{border-color:var(--bad);background:#fff5f5}
      .current{border-left:10px solid var(--line)}
      .current.full{border-left-color:var(--full)}
      .current.reduced{border-left-color:var(--reduced)}
      .current.minimal{border-left-color:var(--minimal)}
      .current.emergency{border-left-color:var(--emergency)}
      .level{display:inline-block;font-size:28px;font-weight:700;letter-spacing:.04em;\
      padding:2px 14px;border-radius:6px;color:#fff;background:var(--muted)}
      .current.full .level{background:var(--full)}
      .current.reduced .level{background:var(--reduced);color:#1f2328}
      .current.minimal .level{background:var(--minimal)}
      .current.emergency .level{background:var(--emergency)}
      #since{margin:6px 0}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      td.name{font-weight:600}
      td ul,#reasons{margin:0;padding-left:18px}
      .badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;\
      background:var(--none)}
      .badge.h-healthy,.badge.on,.badge.full{background:var(--ok);color:#fff}
      .badge.h-unhealthy,.badge.emergency{background:var(--bad);color:#fff}
      .badge.reduced{background:var(--reduced)}
      .badge.minimal{background:var(--minimal);color:#fff}
      .badge.off{background:#57606a;color:#fff}
      svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
      svg .lane-title{font-weight:700}
      svg .tick{fill:var(--muted);text-anchor:middle}
      svg .now{text-anchor:end}
      svg .axis{stroke:var(--muted);stroke-width:1}
      rect.full{fill:var(--full)}rect.reduced{fill:var(--reduced)}rect.minimal{fill:var(--minimal)}
      rect.emergency{fill:var(--emergency)}rect.unknown,rect.h-no-checks{fill:var(--none)}
      rect.h-not-read{fill:#fff;stroke:var(--muted);stroke-dasharray:3 2}
      .key.h-not-read{background:#fff;border:1px dashed var(--muted)}
      rect.h-healthy{fill:var(--ok)}rect.h-failing{fill:var(--failing)}rect.h-unhealthy{fill:var(--bad)}
      .legend{font-size:12px;color:var(--muted);margin:6px 0 0}
      .key{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 8px;\
      vertical-align:-1px;background:var(--none)}
      .key.full{background:var(--full)}.key.reduced{background:var(--reduced)}
      .key.minimal{background:var(--minimal)}.key.emergency{background:var(--emergency)}
      .key.h-healthy{background:var(--ok)}.key.h-failing{background:var(--failing)}
      .key.h-unhealthy{background:var(--bad)}
      .bar{display:flex;height:18px;border-radius:4px;overflow:hidden;background:var(--none);\
      margin-bottom:8px}
      .s-primary{background:#2e7d32}.s-cache{background:#1565c0}.s-alternative{background:#6a1b9a}
      .s-static{background:#78909c}.s-degraded{background:#ef6c00}.s-queue{background:#00838f}
      pre{margin:0;white-space:pre-wrap;word-break:break-word}
      """;
}
