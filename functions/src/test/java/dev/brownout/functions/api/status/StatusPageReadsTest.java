package dev.brownout.functions.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.api.FlagSnapshot;
import dev.brownout.core.api.StatusBoard;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.functions.testing.InMemoryAnswerTally;
import dev.brownout.functions.testing.InMemoryStatusHistory;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.ShopCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What one page reads, and that a table that stopped answering is not asked again. */
class StatusPageReadsTest {
  private static final Catalog CATALOG =
      CatalogLoader.parse("shop.yaml", ShopCatalog.yaml("http://up.internal"));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T11:00:00Z"));
  private final InMemoryStatusHistory history = new InMemoryStatusHistory();
  private final InMemoryAnswerTally tally = new InMemoryAnswerTally();
  private final AtomicInteger boardReads = new AtomicInteger();

  private StatusPage.Model read(boolean boardAnswers) {
    StatusBoard board =
        () -> {
          boardReads.incrementAndGet();
          if (!boardAnswers) {
            throw new IllegalStateException("connect timed out");
          }
          return new StatusBoard.Board(List.of(), Optional.empty(), List.of());
        };
    return new StatusPageReads(CATALOG, board, history, tally, clock)
        .read(FlagSnapshot.defaults(CATALOG));
  }

  @Test
  void aPageReadsTheBoardTheAuditAndEachDependencysChecksOnceAndNothingIsMissing() {
    StatusPage.Model model = read(true);

    assertThat(boardReads).hasValue(1);
    assertThat(history.reads).hasValue(1 + CATALOG.dependencies().size());
    assertThat(model.unavailable()).isEmpty();
    assertThat(model.checks()).containsOnlyKeys("catalog-service", "pricing", "orders");
    assertThat(model.answers()).contains(List.of());
    assertThat(StatusPageReads.calls(CATALOG)).isEqualTo(7);
  }

  @Test
  void aBoardThatCannotBeReadStopsEveryOtherReadAndTheModelSaysWhatIsMissing() {
    StatusPage.Model model = read(false);

    assertThat(history.reads).hasValue(0);
    assertThat(model.unavailable())
        .containsExactly(
            "dependency health and the level's reasons",
            "the level's history and its transitions",
            "the health history of catalog-service",
            "the health history of pricing",
            "the health history of orders",
            "the share of answers by source");
  }

  @Test
  void aHistoryReadThatFailsStopsTheReadsAfterIt() {
    history.failing = true;

    StatusPage.Model model = read(true);

    assertThat(history.reads).hasValue(1);
    assertThat(model.audit()).isEmpty();
    assertThat(model.checks()).isEmpty();
    assertThat(model.answers()).isEmpty();
    assertThat(model.unavailable()).hasSize(5);
  }
}
