package dev.brownout.functions.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.functions.api.status.HealthLane.Health;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A dependency's lane of the last hour, on a fixed clock: 10:00 to 11:00. */
class HealthLaneTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");

  private static Instant at(String time) {
    return Instant.parse("2026-11-27T" + time + "Z");
  }

  private static Check check(String time, boolean success, boolean healthy) {
    return new Check(at(time), success, healthy, Optional.empty());
  }

  @Test
  void failedChecksShowFailingUntilTheDependencyTurnsUnhealthyAndEachStateHoldsUntilTheNextCheck() {
    Read<Check> checks =
        new Read<>(
            List.of(
                check("10:59:00", true, true),
                check("10:58:00", true, false),
                check("10:57:00", false, false),
                check("10:56:00", false, true),
                check("10:55:00", true, true)),
            true);

    assertThat(HealthLane.of(START, NOW, checks))
        .containsExactly(
            new Span<>(START, at("10:55:00"), Health.NO_CHECKS),
            new Span<>(at("10:55:00"), at("10:56:00"), Health.HEALTHY),
            new Span<>(at("10:56:00"), at("10:57:00"), Health.FAILING),
            new Span<>(at("10:57:00"), at("10:59:00"), Health.UNHEALTHY),
            new Span<>(at("10:59:00"), NOW, Health.HEALTHY));
  }

  @Test
  void aCheckHoldsForTwoMinutesAtMostSoChecksThatStoppedShowAsNoChecks() {
    Read<Check> checks = new Read<>(List.of(check("10:30:00", true, true)), true);

    assertThat(HealthLane.of(START, NOW, checks))
        .containsExactly(
            new Span<>(START, at("10:30:00"), Health.NO_CHECKS),
            new Span<>(at("10:30:00"), at("10:32:00"), Health.HEALTHY),
            new Span<>(at("10:32:00"), NOW, Health.NO_CHECKS));
  }

  @Test
  void aReadCutOffAtItsLimitDrawsTheStretchBeforeTheOldestCheckReadAsNotReadNotAsNoChecks() {
    Read<Check> newestOnly =
        new Read<>(List.of(check("10:59:00", true, true), check("10:58:00", true, true)), false);

    assertThat(HealthLane.of(START, NOW, newestOnly))
        .containsExactly(
            new Span<>(START, at("10:58:00"), Health.NOT_READ),
            new Span<>(at("10:58:00"), NOW, Health.HEALTHY));
  }
}
