package dev.brownout.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.api.Replay.AfterFailure;
import dev.brownout.core.api.Replay.Next;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplayTest {

  @Test
  void aDeliveredKeyIsNeverDeliveredAgainWhateverElseHolds() {
    assertThat(Replay.next(true, true, true, 0, 5)).isEqualTo(Next.ALREADY_DELIVERED);
    assertThat(Replay.next(true, false, false, 9, 5)).isEqualTo(Next.ALREADY_DELIVERED);
  }

  @Test
  void anUnhealthyDependencyIsWaitedForWithoutSpendingAnAttempt() {
    assertThat(Replay.next(false, false, false, 2, 5)).isEqualTo(Next.WAIT_FOR_HEALTH);
  }

  @Test
  void aHealthyDependencyGetsTheDelivery() {
    assertThat(Replay.next(false, false, true, 4, 5)).isEqualTo(Next.DELIVER);
  }

  @Test
  void aKeyLeasedByAnotherReplayerIsLeftAlone() {
    assertThat(Replay.next(false, true, true, 0, 5)).isEqualTo(Next.IN_FLIGHT_ELSEWHERE);
  }

  @Test
  void theLastFailedAttemptDeadLetters() {
    assertThat(Replay.afterFailure(4, 5)).isEqualTo(AfterFailure.RETRY);
    assertThat(Replay.afterFailure(5, 5)).isEqualTo(AfterFailure.DEAD_LETTER);
  }

  @Property
  void neverMoreDeliveriesThanMaxAttempts(
      @ForAll @IntRange(min = 1, max = 20) int maxAttempts, @ForAll boolean[] health) {
    int attempts = 0;
    for (boolean healthy : health) {
      Next next = Replay.next(false, false, healthy, attempts, maxAttempts);
      if (next == Next.DELIVER) {
        attempts++;
        if (Replay.afterFailure(attempts, maxAttempts) == AfterFailure.DEAD_LETTER) {
          break;
        }
      }
    }
    assertThat(attempts).isLessThanOrEqualTo(maxAttempts);
  }
}
