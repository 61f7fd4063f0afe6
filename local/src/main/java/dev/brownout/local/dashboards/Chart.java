package dev.brownout.local.dashboards;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws lines over a time window as an inline SVG chart: a time axis in UTC, a value axis from zero
 * (or below, for negative values) to a round number above the largest value, one polyline per line
 * and a dot per data point (so that a single point shows). A value that is not finite (infinite,
 * NaN) has no place on an axis and is left out, as a point outside the window is. Pure.
 *
 * <p>The {@code svg.chart} element says how many data points it drew in {@code data-points}; each
 * line is a {@code polyline.line} with its {@code data-label}.
 */
public final class Chart {
  static final int WIDTH = 960;
  static final int HEIGHT = 200;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 22;

  /** Above this many points a line has no dots: they would hide it. */
  static final int MAX_DOTS = 90;

  private static final List<Duration> TIME_STEPS =
      List.of(1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440).stream()
          .map(Duration::ofMinutes)
          .toList();

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Chart() {}

  /** One value at one time. */
  public record Point(Instant at, double value) {}

  /** One line: its points in time order. */
  public record Line(String label, String color, List<Point> points) {
    public Line {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(color, "color");
      points = List.copyOf(points);
    }
  }

  /**
   * The chart of {@code lines} from {@code from} to {@code to}; points outside the window and
   * values that are not finite are left out.
   *
   * @param title what the chart shows, for screen readers
   */
  public static String svg(String title, List<Line> lines, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the window " + from + " to " + to + " is empty");
    }
    double low = 0;
    double high = 0;
    int drawn = 0;
    for (Line line : lines) {
      for (Point p : line.points()) {
        if (inside(p, from, to)) {
          low = Math.min(low, p.value());
          high = Math.max(high, p.value());
          drawn++;
        }
      }
    }
    double top = high > 0 ? roundUp(high) : (low < 0 ? 0 : 1);
    double bottom = low < 0 ? -roundUp(-low) : 0;
    Scale scale = new Scale(from, to, bottom, top);

    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg class=\"chart\" data-points=\"")
        .append(drawn)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    valueAxis(svg, scale, bottom, top);
    timeAxis(svg, scale, from, to);
    for (Line line : lines) {
      line(svg, scale, line, from, to);
    }
    return svg.append("</svg>").toString();
  }

  private static boolean inside(Point p, Instant from, Instant to) {
    return !p.at().isBefore(from) && !p.at().isAfter(to) && Double.isFinite(p.value());
  }

  private record Scale(Instant from, Instant to, double bottom, double top) {
    double x(Instant at) {
      double span = Duration.between(from, to).toMillis();
      return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(from, at).toMillis() / span;
    }

    double y(double value) {
      // halved: top - bottom overflows a double when both are near its limits
      return TOP + (HEIGHT - TOP - BOTTOM) * ((top / 2 - value / 2) / (top / 2 - bottom / 2));
    }
  }

  private static void valueAxis(StringBuilder svg, Scale scale, double bottom, double top) {
    int ticks = 4;
    for (int i = 0; i <= ticks; i++) {
      // a weighted sum: top - bottom may overflow
      double value = bottom * ((ticks - i) / (double) ticks) + top * (i / (double) ticks);
      String y = coordinate(scale.y(value));
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>");
      svg.append("<text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(number(value))
          .append("</text>");
    }
  }

  private static void timeAxis(StringBuilder svg, Scale scale, Instant from, Instant to) {
    Duration window = Duration.between(from, to);
    Duration step = TIME_STEPS.get(TIME_STEPS.size() - 1);
    for (Duration candidate : TIME_STEPS) {
      if (window.dividedBy(candidate) <= 6) {
        step = candidate;
        break;
      }
    }
    long stepMillis = step.toMillis();
    long first = Math.ceilDiv(from.toEpochMilli(), stepMillis) * stepMillis;
    for (long t = first; t <= to.toEpochMilli(); t += stepMillis) {
      Instant at = Instant.ofEpochMilli(t);
      svg.append("<text class=\"tick\" x=\"")
          .append(coordinate(scale.x(at)))
          .append("\" y=\"")
          .append(HEIGHT - 4)
          .append("\" text-anchor=\"middle\">")
          .append(CLOCK.format(at))
          .append("</text>");
    }
  }

  private static void line(StringBuilder svg, Scale scale, Line line, Instant from, Instant to) {
    List<Point> points = line.points().stream().filter(p -> inside(p, from, to)).toList();
    if (points.isEmpty()) {
      return;
    }
    String color = Html.escape(line.color());
    svg.append("<polyline class=\"line\" data-label=\"")
        .append(Html.escape(line.label()))
        .append("\" fill=\"none\" stroke-width=\"2\" stroke=\"")
        .append(color)
        .append("\" points=\"");
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      svg.append(i == 0 ? "" : " ")
          .append(coordinate(scale.x(p.at())))
          .append(',')
          .append(coordinate(scale.y(p.value())));
    }
    svg.append("\"/>");
    if (points.size() <= MAX_DOTS) {
      for (Point p : points) {
        svg.append("<circle r=\"3\" fill=\"")
            .append(color)
            .append("\" cx=\"")
            .append(coordinate(scale.x(p.at())))
            .append("\" cy=\"")
            .append(coordinate(scale.y(p.value())))
            .append("\"/>");
      }
    }
  }

  /**
   * The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value} (finite, > 0),
   * or {@code value} itself when that would be beyond a double.
   */
  static double roundUp(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * power >= value) {
        return Double.isFinite(m * power) ? m * power : value;
      }
    }
    return value;
  }

  /** A value as a tick or a tooltip shows it: at most 3 significant digits, no exponent. */
  static String number(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
