package dev.brownout.core.replay;

import static dev.brownout.core.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.brownout.core.replay.Replay.AfterFailure;
import dev.brownout.core.replay.Replay.Delivery;
import dev.brownout.core.replay.Replay.Next;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayTest {

  @Test
  void aDeliveredKeyIsNeverDeliveredAgainWhateverElseHolds() {
    assertThat(Replay.next(true, true, false, true, true, 0, 5)).isEqualTo(Next.ALREADY_DELIVERED);
    assertThat(Replay.next(true, true, false, false, false, 9, 5))
        .isEqualTo(Next.ALREADY_DELIVERED);
  }

  @Test
  void anUnhealthyDependencyIsWaitedForWithoutSpendingAnAttempt() {
    assertThat(Replay.next(true, false, false, false, false, 2, 5)).isEqualTo(Next.WAIT_FOR_HEALTH);
  }

  @Test
  void aHealthyDependencyGetsTheDelivery() {
    assertThat(Replay.next(true, false, false, false, true, 4, 5)).isEqualTo(Next.DELIVER);
  }

  @Test
  void aKeyLeasedByAnotherReplayerIsLeftAlone() {
    assertThat(Replay.next(true, false, false, true, true, 0, 5))
        .isEqualTo(Next.IN_FLIGHT_ELSEWHERE);
  }

  @Test
  void theLastFailedAttemptDeadLetters() {
    assertThat(Replay.afterFailure(4, 5)).isEqualTo(AfterFailure.RETRY);
    assertThat(Replay.afterFailure(5, 5)).isEqualTo(AfterFailure.DEAD_LETTER);
  }

  @Test
  void aKeyFirstReplayedWithAnotherWriteIsReusedWhateverElseHolds() {
    assertThat(Replay.next(false, true, false, false, true, 0, 5)).isEqualTo(Next.KEY_REUSED);
    assertThat(Replay.next(false, false, false, true, false, 9, 5)).isEqualTo(Next.KEY_REUSED);
  }

  @Test
  void theSameWriteUnderADeadLetteredKeyIsTriedAfreshAndAnotherIsAKeyReuse() {
    assertThat(Replay.next(true, false, true, false, true, 5, 5)).isEqualTo(Next.TRY_AFRESH);
    assertThat(Replay.next(true, false, true, false, false, 0, 5)).isEqualTo(Next.TRY_AFRESH);
    assertThat(Replay.next(false, false, true, false, true, 0, 5)).isEqualTo(Next.KEY_REUSED);
  }

  @Test
  void aWaitingWriteIsDeadLetteredOneReceiveBeforeTheQueueWouldMoveItWithoutAReason() {
    assertThat(Replay.afterWait(8, 10)).isEqualTo(AfterFailure.RETRY);
    assertThat(Replay.afterWait(9, 10)).isEqualTo(AfterFailure.DEAD_LETTER);
    assertThat(Replay.afterWait(10, 10)).isEqualTo(AfterFailure.DEAD_LETTER);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, DELIVERED",
    "201, DELIVERED",
    "202, DELIVERED",
    "204, DELIVERED",
    "300, REDIRECTED",
    "301, REDIRECTED",
    "302, REDIRECTED",
    "303, REDIRECTED",
    "304, REDIRECTED",
    "307, REDIRECTED",
    "308, REDIRECTED",
    "400, REFUSED",
    "401, CREDENTIAL_REFUSED",
    "403, CREDENTIAL_REFUSED",
    "404, REFUSED",
    "408, RETRY",
    "409, REFUSED",
    "422, REFUSED",
    "425, RETRY",
    "429, RETRY",
    "500, RETRY",
    "503, RETRY",
    "504, RETRY"
  })
  void onlyA2xxIsADeliveryAndA3xxIsNeitherDeliveredNorRetried(int status, Delivery delivery) {
    assertThat(Replay.delivery(status)).isEqualTo(delivery);
  }

  /** Up to 255 health checks in a row, healthy or not at random, as the replayer meets them. */
  @Test
  void neverMoreDeliveriesThanMaxAttempts() {
    qt().forAll(integers().between(1, 20), lists().of(booleans().all()).ofSizeBetween(0, 255))
        .checkAssert(
            (maxAttempts, health) -> {
              // No stop after the dead letter: next itself must refuse a delivery past the limit.
              int attempts = 0;
              for (boolean healthy : health) {
                Next next = Replay.next(true, false, false, false, healthy, attempts, maxAttempts);
                if (next == Next.DELIVER) {
                  assertThat(attempts)
                      .as("delivered after %s of %s attempts", attempts, maxAttempts)
                      .isLessThan(maxAttempts);
                  attempts++;
                  assertThat(Replay.afterFailure(attempts, maxAttempts))
                      .isEqualTo(
                          attempts < maxAttempts ? AfterFailure.RETRY : AfterFailure.DEAD_LETTER);
                }
              }
              assertThat(attempts).isLessThanOrEqualTo(maxAttempts);
            });
  }
}
