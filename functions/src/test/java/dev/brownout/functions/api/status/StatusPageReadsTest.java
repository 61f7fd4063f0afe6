package dev.brownout.functions.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.StatusHistory;
import dev.brownout.functions.testing.InMemoryAnswerTally;
import dev.brownout.functions.testing.InMemoryStatusHistory;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.ShopCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one read of the status data reads: every part at once under one deadline, each part on its
 * own, and nothing again within ten seconds.
 */
class StatusPageReadsTest {
  private static final Catalog CATALOG =
      CatalogLoader.parse("shop.yaml", ShopCatalog.yaml("http://up.internal"));

  /** The board, the transitions, three dependencies' checks and the tally. */
  private static final int PARTS = 6;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T11:00:00Z"));
  private final InMemoryStatusHistory history = new InMemoryStatusHistory();
  private final InMemoryAnswerTally tally = new InMemoryAnswerTally();
  private final AtomicInteger boardReads = new AtomicInteger();
  private final CountDownLatch never = new CountDownLatch(1);
  private StatusBoard board =
      () -> {
        boardReads.incrementAndGet();
        return new StatusBoard.Board(List.of(), Optional.empty(), List.of());
      };

  @AfterEach
  void releaseHangingReads() {
    never.countDown();
  }

  private StatusPageReads reads(StatusHistory history, AnswerTally tally, Duration deadline) {
    return new StatusPageReads(CATALOG, () -> board.read(), history, tally, clock, deadline);
  }

  private StatusPageReads reads() {
    return reads(history, tally, StatusPageReads.DEADLINE);
  }

  @Test
  void aReadAsksForEveryPartOnceAndNothingIsMissing() {
    StatusPageReads.Snapshot snapshot = reads().current();

    assertThat(boardReads).hasValue(1);
    assertThat(history.reads).hasValue(1 + CATALOG.dependencies().size());
    assertThat(snapshot.unavailable()).isEmpty();
    assertThat(snapshot.checks()).containsOnlyKeys("catalog-service", "pricing", "orders");
    assertThat(snapshot.answers()).contains(List.of());
    assertThat(StatusPageReads.calls(CATALOG, 3)).isEqualTo(9);
  }

  @Test
  void aPageOrStatusWithinTenSecondsReusesTheReadAndOneTenSecondsLaterReadsAgain() {
    StatusPageReads reads = reads();
    StatusPageReads.Snapshot first = reads.current();
    clock.advance(Duration.ofMillis(9_999));

    assertThat(reads.current()).isSameAs(first);
    assertThat(boardReads).hasValue(1);
    assertThat(history.reads).hasValue(1 + CATALOG.dependencies().size());

    clock.advance(Duration.ofMillis(1));

    assertThat(reads.current().at()).isEqualTo(first.at().plus(StatusPageReads.REUSE_FOR));
    assertThat(boardReads).hasValue(2);
  }

  @Test
  void thePartsAreReadAtOnceSoSlowPartsWaitForEachOtherNotInTurn() {
    // Each part answers only once every part has started: read in turn, the first would wait
    // for ever and the deadline would find every part missing.
    CountDownLatch allStarted = new CountDownLatch(PARTS);
    Runnable slow =
        () -> {
          allStarted.countDown();
          try {
            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    board =
        () -> {
          slow.run();
          return new StatusBoard.Board(List.of(), Optional.empty(), List.of());
        };
    StatusHistory slowHistory =
        new StatusHistory() {
          @Override
          public Read<Transition> transitions(Instant from) {
            slow.run();
            return new Read<>(List.of(), true);
          }

          @Override
          public Read<Check> checks(String dependency, Instant from, int limit) {
            slow.run();
            return new Read<>(List.of(), true);
          }
        };
    AnswerTally slowTally =
        new AnswerTally() {
          @Override
          public void add(Minute minute) {}

          @Override
          public List<Minute> since(Instant from, int limit) {
            slow.run();
            return List.of();
          }
        };

    StatusPageReads.Snapshot snapshot =
        reads(slowHistory, slowTally, Duration.ofSeconds(5)).current();

    assertThat(snapshot.unavailable()).isEmpty();
    assertThat(snapshot.board()).isPresent();
    assertThat(snapshot.checks()).hasSize(3);
  }

  @Test
  void aPartThatHangsIsNamedUnavailableAtTheOneDeadlineAndTheOtherPartsAreShown() {
    StatusHistory hangingOnPricing =
        new StatusHistory() {
          @Override
          public Read<Transition> transitions(Instant from) {
            return history.transitions(from);
          }

          @Override
          public Read<Check> checks(String dependency, Instant from, int limit) {
            if (dependency.equals("pricing")) {
              try {
                never.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            return history.checks(dependency, from, limit);
          }
        };
    long started = System.nanoTime();

    StatusPageReads.Snapshot snapshot =
        reads(hangingOnPricing, tally, Duration.ofMillis(300)).current();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(snapshot.unavailable())
        .containsExactly("the health history of pricing (no answer within 300 ms)");
    assertThat(snapshot.checks()).containsOnlyKeys("catalog-service", "orders");
    assertThat(snapshot.board()).isPresent();
    assertThat(snapshot.transitions()).isPresent();
    assertThat(snapshot.answers()).isPresent();
  }

  @Test
  void aBoardThatCannotBeReadDoesNotBlankTheHistoryOrTheTally() {
    board =
        () -> {
          throw new IllegalStateException("connect timed out");
        };

    StatusPageReads.Snapshot snapshot = reads().current();

    assertThat(snapshot.unavailable())
        .containsExactly("dependency health and the level's reasons (the read failed)");
    assertThat(snapshot.board()).isEmpty();
    assertThat(snapshot.transitions()).isPresent();
    assertThat(snapshot.checks()).hasSize(3);
    assertThat(snapshot.answers()).isPresent();
  }

  @Test
  void aHistoryThatFailsIsNamedPartByPartAndTheBoardAndTallyAreShown() {
    history.failing = true;

    StatusPageReads.Snapshot snapshot = reads().current();

    assertThat(snapshot.unavailable())
        .containsExactly(
            "the level's history and its transitions (the read failed)",
            "the health history of catalog-service (the read failed)",
            "the health history of pricing (the read failed)",
            "the health history of orders (the read failed)");
    assertThat(snapshot.board()).isPresent();
    assertThat(snapshot.answers()).isPresent();
  }
}
