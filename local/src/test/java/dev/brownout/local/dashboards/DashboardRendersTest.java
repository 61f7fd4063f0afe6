package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.DashboardRenders.Rendered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DashboardRendersTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  private final List<String> console = new ArrayList<>();
  private Instant now = NOW;
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final DashboardRenders renders = new DashboardRenders(clock, console::add);

  @Test
  void aRenderThatThrowsIsA502PageWithoutTheExceptionWhichGoesToTheConsole() {
    Rendered rendered =
        renders
            .page(
                "shop",
                60,
                () -> {
                  throw new NullPointerException("getLocation() is null");
                })
            .orElseThrow();

    assertThat(rendered.status()).isEqualTo(502);
    assertThat(rendered.html())
        .contains("The local cloud failed to draw the dashboard shop; its console says why.")
        .doesNotContain("NullPointerException")
        .doesNotContain("getLocation");
    assertThat(console)
        .singleElement()
        .asString()
        .startsWith(
            "dashboards: the page of shop failed: java.lang.NullPointerException: getLocation() is"
                + " null at ");
  }

  @Test
  void aPageDrawnIsAnsweredAsItWasFor15SecondsPerDashboardAndWindowThenDrawnAgain() {
    AtomicInteger draws = new AtomicInteger();

    Rendered first = page("shop", 60, draws);
    now = NOW.plusSeconds(14);
    Rendered kept = page("shop", 60, draws);
    Rendered otherWindow = page("shop", 15, draws);
    now = NOW.plusSeconds(15);
    Rendered again = page("shop", 60, draws);

    assertThat(kept).isSameAs(first);
    assertThat(otherWindow.html()).isEqualTo("draw 2");
    assertThat(again.html()).isEqualTo("draw 3");
    assertThat(draws).hasValue(3);
  }

  @Test
  void aPageThatFailedIsNotKept() {
    renders.page("shop", 60, () -> new Rendered(502, "no"));

    assertThat(page("shop", 60, new AtomicInteger()).status()).isEqualTo(200);
  }

  @Test
  void whileTwoPagesAreBeingDrawnAThirdIsRefusedAndThenDrawn() throws Exception {
    CountDownLatch drawing = new CountDownLatch(2);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Optional<Rendered>>> slow = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        slow.add(
            threads.submit(
                () ->
                    renders.page(
                        name,
                        60,
                        () -> {
                          drawing.countDown();
                          await(finish);
                          return new Rendered(200, name);
                        })));
      }
      assertThat(drawing.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(renders.page("c", 60, () -> new Rendered(200, "c"))).isEmpty();

      finish.countDown();
      for (Future<Optional<Rendered>> f : slow) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isPresent();
      }
      assertThat(renders.page("c", 60, () -> new Rendered(200, "c")))
          .hasValue(new Rendered(200, "c"));
    } finally {
      finish.countDown();
      threads.shutdownNow();
    }
  }

  private Rendered page(String name, int minutes, AtomicInteger draws) {
    return renders
        .page(name, minutes, () -> new Rendered(200, "draw " + draws.incrementAndGet()))
        .orElseThrow();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
