package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import dev.brownout.local.dashboards.Dashboard;
import dev.brownout.local.dashboards.DashboardBody;
import dev.brownout.local.dashboards.DashboardPage;
import dev.brownout.local.dashboards.DashboardPage.Window;
import dev.brownout.local.dashboards.DashboardRenders;
import dev.brownout.local.dashboards.DashboardRenders.Rendered;
import dev.brownout.local.dashboards.LocalMetrics;
import dev.brownout.local.metrics.CloudWatchQueries;
import dev.brownout.local.metrics.CloudWatchQueries.CloudWatchException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The deployed CloudWatch dashboards, drawn by the edge: {@code GET /_brownout/dashboards/} lists
 * them (ListDashboards), {@code GET /_brownout/dashboards/<name>} draws one from its body
 * (GetDashboard) and its metrics' data in the local CloudWatch, over the last hour or {@code
 * ?minutes=} (1 to 360).
 *
 * <p>Failure behaviour: an unknown dashboard is a 404 page, a bad name or {@code minutes} a 400
 * page quoting it, a CloudWatch that does not answer or a body that cannot be read a 502 page with
 * the reason, anything unforeseen a 502 page that leaves the reason to the console (see {@link
 * DashboardRenders}); a metric whose data cannot be read is shown as such on an otherwise whole
 * page (see {@link LocalMetrics}); while {@link DashboardRenders#AT_ONCE} pages are being drawn,
 * another is a 503 page with {@code Retry-After}. A page is drawn at most every {@link
 * DashboardRenders#KEPT}. Only GET and HEAD are answered (else 405).
 */
public final class DashboardsRoute implements Edge.Route {
  static final String PATH = "/_brownout/dashboards";
  static final int MAX_DASHBOARDS = 100;
  static final int DEFAULT_MINUTES = 60;
  static final int MAX_MINUTES = 360;
  static final List<Integer> WINDOW_CHOICES = List.of(15, 60, 180, 360);

  /** What a page may spend on CloudWatch before it shows the rest as not read. */
  static final LocalMetrics.Budget BUDGET = new LocalMetrics.Budget(Duration.ofSeconds(10), 100);

  static final int RETRY_AFTER_SECONDS = 5;

  private static final String HTML = "text/html; charset=utf-8";

  private final CloudWatchQueries cloudWatch;
  private final String region;
  private final Clock clock;
  private final Consumer<String> console;
  private final DashboardRenders renders;

  /**
   * @param cloudWatch the local CloudWatch, in {@code region}
   * @param console where a page that fails unforeseen says why (the page does not)
   */
  public DashboardsRoute(
      CloudWatchQueries cloudWatch, String region, Clock clock, Consumer<String> console) {
    this.cloudWatch = cloudWatch;
    this.region = region;
    this.clock = clock;
    this.console = console;
    this.renders = new DashboardRenders(clock, console);
  }

  @Override
  public boolean handle(HttpExchange exchange, RequestBody body) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
      return false;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      page(
          exchange,
          405,
          DashboardPage.problem(
              "Method not allowed", method + " " + path + ": the dashboards are read with GET"));
      return true;
    }
    if (path.equals(PATH)) {
      // the pages' relative links need the slash
      exchange.getResponseHeaders().set("Location", PATH + "/");
      Edges.respond(exchange, 301, null, new byte[0]);
      return true;
    }
    String rest = path.substring(PATH.length() + 1);
    try {
      if (rest.isEmpty()) {
        List<String> names = cloudWatch.listDashboards();
        page(
            exchange,
            200,
            DashboardPage.index(
                names.subList(0, Math.min(names.size(), MAX_DASHBOARDS)),
                Math.max(0, names.size() - MAX_DASHBOARDS)));
        return true;
      }
      String name = URLDecoder.decode(rest, StandardCharsets.UTF_8);
      if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
        page(
            exchange,
            400,
            DashboardPage.problem(
                "No such dashboard",
                "\""
                    + cut(name)
                    + "\" is not a dashboard name: CloudWatch's have 1 to 255 of A-Z a-z 0-9 - _"));
        return true;
      }
      Optional<Integer> minutes = minutes(exchange.getRequestURI().getRawQuery());
      if (minutes.isEmpty()) {
        page(
            exchange,
            400,
            DashboardPage.problem(
                "Bad window",
                "minutes is \""
                    + cut(exchange.getRequestURI().getRawQuery())
                    + "\": expected a whole number of minutes from 1 to "
                    + MAX_MINUTES));
        return true;
      }
      Optional<Rendered> rendered =
          renders.page(name, minutes.get(), () -> render(name, minutes.get()));
      if (rendered.isEmpty()) {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        page(
            exchange,
            503,
            DashboardPage.problem(
                "Busy",
                DashboardRenders.AT_ONCE
                    + " dashboard pages are being drawn; try again in "
                    + RETRY_AFTER_SECONDS
                    + " s."));
        return true;
      }
      page(exchange, rendered.get().status(), rendered.get().html());
    } catch (CloudWatchException e) {
      page(exchange, 502, DashboardPage.problem("The dashboard cannot be drawn", e.getMessage()));
    }
    return true;
  }

  private Rendered render(String name, int minutes) {
    try {
      Optional<String> dashboardBody = cloudWatch.getDashboard(name);
      if (dashboardBody.isEmpty()) {
        return new Rendered(
            404,
            DashboardPage.problem(
                "No such dashboard", "The local CloudWatch has no dashboard named " + name + "."));
      }
      Dashboard dashboard = DashboardBody.parse(name, dashboardBody.get(), region);
      Window window = Window.last(Duration.ofMinutes(minutes), clock.instant());
      return new Rendered(
          200,
          DashboardPage.page(
              dashboard,
              window,
              new LocalMetrics(
                  cloudWatch::getMetricStatistics, region, window, clock, BUDGET, console),
              WINDOW_CHOICES));
    } catch (CloudWatchException | DashboardBody.Invalid e) {
      return new Rendered(
          502, DashboardPage.problem("The dashboard cannot be drawn", e.getMessage()));
    }
  }

  /** {@code minutes=} of the query, the default when absent, empty when it is bad. */
  static Optional<Integer> minutes(String rawQuery) {
    if (rawQuery == null) {
      return Optional.of(DEFAULT_MINUTES);
    }
    Optional<Integer> minutes = Optional.of(DEFAULT_MINUTES);
    for (String parameter : rawQuery.split("&")) {
      if (parameter.startsWith("minutes=")) {
        String value = parameter.substring("minutes=".length());
        if (!value.matches("\\d{1,4}")) {
          return Optional.empty();
        }
        int n = Integer.parseInt(value);
        if (n < 1 || n > MAX_MINUTES) {
          return Optional.empty();
        }
        minutes = Optional.of(n);
      }
    }
    return minutes;
  }

  private static String cut(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private static void page(HttpExchange exchange, int status, String html) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    Edges.respond(exchange, status, HTML, html.getBytes(StandardCharsets.UTF_8));
  }
}
