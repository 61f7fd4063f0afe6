package dev.brownout.functions.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The level lane of the last hour, on a fixed clock: 10:00 to 11:00. */
class LevelTimelineTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");

  private static Transition entry(String at, Level from, Level to) {
    return new Transition(
        Instant.parse("2026-11-27T" + at + "Z"), from, to, List.of(), Optional.empty());
  }

  private static Span<Optional<Level>> span(String from, String to, Level level) {
    return new Span<>(
        Instant.parse("2026-11-27T" + from + "Z"),
        Instant.parse("2026-11-27T" + to + "Z"),
        Optional.ofNullable(level));
  }

  @Test
  void theLevelAtTheWindowsStartIsTheLastChangeBeforeItAndEachChangeStartsASpanUntilNow() {
    Read<Transition> audit =
        new Read<>(
            List.of(
                entry("10:40:00", Level.REDUCED, Level.FULL),
                entry("10:20:00", Level.MINIMAL, Level.REDUCED),
                entry("09:30:00", Level.FULL, Level.MINIMAL)),
            false);

    assertThat(LevelTimeline.of(START, NOW, audit, Level.FULL))
        .containsExactly(
            span("10:00:00", "10:20:00", Level.MINIMAL),
            span("10:20:00", "10:40:00", Level.REDUCED),
            span("10:40:00", "11:00:00", Level.FULL));
  }

  @Test
  void withTheWholeAuditReadAndNothingOlderTheFirstChangesFromLevelHeldBeforeIt() {
    Read<Transition> audit =
        new Read<>(List.of(entry("10:15:00", Level.FULL, Level.REDUCED)), true);

    assertThat(LevelTimeline.of(START, NOW, audit, Level.REDUCED))
        .containsExactly(
            span("10:00:00", "10:15:00", Level.FULL), span("10:15:00", "11:00:00", Level.REDUCED));
  }

  @Test
  void withNoAuditAtAllTheLevelInForceNowSpansTheWholeHour() {
    assertThat(LevelTimeline.of(START, NOW, new Read<>(List.of(), true), Level.MINIMAL))
        .containsExactly(span("10:00:00", "11:00:00", Level.MINIMAL));
  }

  @Test
  void whenTheReadStoppedAtItsLimitInsideTheHourTheTimeBeforeTheOldestEntryReadIsUnknown() {
    Read<Transition> audit =
        new Read<>(
            List.of(
                entry("10:50:00", Level.REDUCED, Level.EMERGENCY),
                entry("10:30:00", Level.FULL, Level.REDUCED)),
            false);

    assertThat(LevelTimeline.of(START, NOW, audit, Level.EMERGENCY))
        .containsExactly(
            span("10:00:00", "10:30:00", null),
            span("10:30:00", "10:50:00", Level.REDUCED),
            span("10:50:00", "11:00:00", Level.EMERGENCY));
  }

  @Test
  void entriesThatChangeNothingMergeIntoOneSpanAndEntriesAfterNowAreIgnored() {
    Read<Transition> audit =
        new Read<>(
            List.of(
                entry("11:05:00", Level.REDUCED, Level.EMERGENCY),
                entry("10:45:00", Level.REDUCED, Level.REDUCED),
                entry("10:10:00", Level.FULL, Level.REDUCED)),
            true);

    assertThat(LevelTimeline.of(START, NOW, audit, Level.REDUCED))
        .containsExactly(
            span("10:00:00", "10:10:00", Level.FULL), span("10:10:00", "11:00:00", Level.REDUCED));
  }
}
