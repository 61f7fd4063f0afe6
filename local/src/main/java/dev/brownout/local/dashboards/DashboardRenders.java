package dev.brownout.local.dashboards;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Renders the pages of dashboards for the edge.
 *
 * <p>Failure behaviour: a render that throws anything unforeseen (a bug, an answer of a shape no
 * one expected) is a 502 page saying that the page cannot be drawn and that the local cloud's
 * console says why; the exception goes to the console only, never to the page.
 */
public final class DashboardRenders {
  private final Consumer<String> console;

  /**
   * @param console where unforeseen failures are told
   */
  public DashboardRenders(Consumer<String> console) {
    this.console = console;
  }

  /** A page and its HTTP status. */
  public record Rendered(int status, String html) {}

  /** The page of dashboard {@code name} as {@code render} draws it. */
  public Rendered page(String name, Supplier<Rendered> render) {
    try {
      return render.get();
    } catch (RuntimeException e) {
      StackTraceElement[] where = e.getStackTrace();
      console.accept(
          "dashboards: the page of "
              + name
              + " failed: "
              + e
              + (where.length == 0 ? "" : " at " + where[0]));
      return new Rendered(
          502,
          DashboardPage.problem(
              "The dashboard cannot be drawn",
              "The local cloud failed to draw the dashboard " + name + "; its console says why."));
    }
  }
}
