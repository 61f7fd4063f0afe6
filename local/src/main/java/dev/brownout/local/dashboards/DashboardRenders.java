package dev.brownout.local.dashboards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Renders the pages of dashboards for the edge, within what a view may cost: a page reads up to
 * hundreds of metrics, and any web page may have a browser ask for one (a GET without {@code
 * Origin} passes the loopback guard) and reload it. So at most {@link #AT_ONCE} pages are rendered
 * at once, and a page that was drawn is answered as it was for {@link #KEPT} (its window ends when
 * it was drawn).
 *
 * <p>Failure behaviour: a render that throws anything unforeseen (a bug, an answer of a shape no
 * one expected) is a 502 page saying that the page cannot be drawn and that the local cloud's
 * console says why; the exception goes to the console only, never to the page. Only pages drawn
 * whole (200) are kept.
 */
public final class DashboardRenders {
  public static final int AT_ONCE = 2;
  public static final Duration KEPT = Duration.ofSeconds(15);

  /** Pages kept at most; the oldest goes first. */
  static final int MAX_KEPT = 32;

  private final Clock clock;
  private final Consumer<String> console;
  private final Semaphore rendering = new Semaphore(AT_ONCE);
  private final Map<Key, Kept> kept = new LinkedHashMap<>();

  /**
   * @param clock when a kept page expires
   * @param console where unforeseen failures are told
   */
  public DashboardRenders(Clock clock, Consumer<String> console) {
    this.clock = clock;
    this.console = console;
  }

  /** A page and its HTTP status. */
  public record Rendered(int status, String html) {}

  private record Key(String name, int minutes) {}

  private record Kept(Rendered page, Instant until) {}

  /**
   * The page of dashboard {@code name} over the last {@code minutes} as {@code render} draws it, or
   * as it was drawn less than {@link #KEPT} ago; empty when {@link #AT_ONCE} pages are being drawn.
   */
  public Optional<Rendered> page(String name, int minutes, Supplier<Rendered> render) {
    Key key = new Key(name, minutes);
    Optional<Rendered> fresh = fresh(key);
    if (fresh.isPresent()) {
      return fresh;
    }
    if (!rendering.tryAcquire()) {
      return Optional.empty();
    }
    try {
      Rendered page = render(name, render);
      if (page.status() == 200) {
        keep(key, page);
      }
      return Optional.of(page);
    } finally {
      rendering.release();
    }
  }

  private synchronized Optional<Rendered> fresh(Key key) {
    Kept page = kept.get(key);
    return page != null && clock.instant().isBefore(page.until())
        ? Optional.of(page.page())
        : Optional.empty();
  }

  private synchronized void keep(Key key, Rendered page) {
    Instant now = clock.instant();
    kept.values().removeIf(k -> !now.isBefore(k.until()));
    kept.remove(key);
    if (kept.size() >= MAX_KEPT) {
      kept.remove(kept.keySet().iterator().next());
    }
    kept.put(key, new Kept(page, now.plus(KEPT)));
  }

  private Rendered render(String name, Supplier<Rendered> render) {
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
