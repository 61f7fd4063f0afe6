package dev.brownout.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.ports.AnswerTally.Minute;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.testing.InMemoryAnswerTally;
import dev.brownout.functions.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answers are counted in memory and added to the tally in one write at a time, on a fake clock. */
class AnswerCounterTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:50Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryAnswerTally tally = new InMemoryAnswerTally();
  private final AnswerCounter counter = new AnswerCounter(tally, clock);

  private void answer(ServedFrom source) {
    counter.answered(
        Optional.of("GET:/products/{id}"), source, 200, Optional.empty(), false, false);
  }

  private static Minute minute(String start, Map<ServedFrom, Long> answers) {
    return new Minute(Instant.parse(start), answers);
  }

  @Test
  void theFirstAnswerIsAddedAtOnceAndTheNextOnesOnlyOnceTenSecondsHavePassed() {
    answer(ServedFrom.PRIMARY);
    clock.advance(Duration.ofSeconds(4));
    answer(ServedFrom.CACHE);
    answer(ServedFrom.CACHE);
    clock.advance(Duration.ofMillis(5_999));
    answer(ServedFrom.PRIMARY);

    assertThat(tally.added)
        .containsExactly(minute("2026-11-27T10:00:00Z", Map.of(ServedFrom.PRIMARY, 1L)));

    clock.advance(Duration.ofMillis(1));
    answer(ServedFrom.STATIC);

    assertThat(tally.added)
        .containsExactly(
            minute("2026-11-27T10:00:00Z", Map.of(ServedFrom.PRIMARY, 1L)),
            minute("2026-11-27T10:00:00Z", Map.of(ServedFrom.CACHE, 2L, ServedFrom.PRIMARY, 1L)));

    clock.advance(Duration.ofSeconds(10));
    answer(ServedFrom.STATIC);

    assertThat(tally.added)
        .last()
        .isEqualTo(minute("2026-11-27T10:01:00Z", Map.of(ServedFrom.STATIC, 2L)));
  }

  @Test
  void aNewMinutesFirstAnswerWritesOnlyTheLastMinutesCountsOneWriteForTheRequest() {
    answer(ServedFrom.PRIMARY);
    clock.advance(Duration.ofSeconds(5));
    answer(ServedFrom.DEGRADED);
    clock.advance(Duration.ofSeconds(6));
    answer(ServedFrom.DEGRADED);

    assertThat(tally.writes).isEqualTo(2);
    assertThat(tally.added)
        .containsExactly(
            minute("2026-11-27T10:00:00Z", Map.of(ServedFrom.PRIMARY, 1L)),
            minute("2026-11-27T10:00:00Z", Map.of(ServedFrom.DEGRADED, 1L)));
  }

  @Test
  void afterAFailedWriteNothingIsCountedOrWrittenForSixtySecondsAndTheFailedAnswersAreDropped() {
    tally.failing = true;
    answer(ServedFrom.PRIMARY);
    tally.failing = false;
    for (int s = 0; s < 60; s++) {
      clock.advance(Duration.ofSeconds(1));
      if (s < 59) {
        answer(ServedFrom.CACHE);
      }
    }

    assertThat(tally.writes).isEqualTo(1);

    answer(ServedFrom.CACHE);

    assertThat(tally.writes).isEqualTo(2);
    assertThat(tally.since(Instant.EPOCH, 60))
        .containsExactly(minute("2026-11-27T10:01:00Z", Map.of(ServedFrom.CACHE, 1L)));
  }

  @Test
  void answersWithoutARouteAndRequestsTheGuardRefusedAreNotTheAppsAndAreNotCounted() {
    counter.answered(Optional.empty(), ServedFrom.PRIMARY, 200, Optional.empty(), false, false);
    counter.answered(Optional.empty(), ServedFrom.STATIC, 404, Optional.empty(), false, false);
    counter.answered(
        Optional.of("POST:/orders"), ServedFrom.STATIC, 400, Optional.empty(), false, true);

    assertThat(tally.writes).isZero();
    assertThat(tally.since(Instant.EPOCH, 60)).isEqualTo(List.of());
  }
}
