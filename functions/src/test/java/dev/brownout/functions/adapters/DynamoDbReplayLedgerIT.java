package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.functions.adapters.dynamodb.DynamoDbReplayLedger;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.replay.ReplayLedger;
import dev.brownout.functions.replay.ReplayLedger.State;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbReplayLedgerIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private DynamoDbReplayLedger ledger;

  @BeforeEach
  void table() {
    MOTO.reset();
    StatusTable.create(dynamoDb, "shop-status");
    ledger = new DynamoDbReplayLedger(dynamoDb, "shop-status");
  }

  @Test
  void aKeyIsHeldByOneReplayerAtATimeAndCountsItsAttempts() {
    var first = ledger.lease("POST /orders k1", "fp-1", T0, Duration.ofSeconds(10)).orElseThrow();

    assertThat(ledger.lease("POST /orders k1", "fp-1", T0.plusSeconds(1), Duration.ofSeconds(10)))
        .isEmpty();
    assertThat(
            ledger.settle("POST /orders k1", Optional.of(first), State.PENDING, Optional.of("503")))
        .isTrue();
    assertThat(
            ledger
                .lease("POST /orders k1", "fp-1", T0.plusSeconds(2), Duration.ofSeconds(10))
                .orElseThrow()
                .attempts())
        .isEqualTo(2);
  }

  @Test
  void aReplayerWhoseLeaseExpiredCannotUndoWhatTheNextOneRecorded() {
    ReplayLedger.Lease slow =
        ledger.lease("POST /orders k2", "fp-1", T0, Duration.ofSeconds(1)).orElseThrow();
    ReplayLedger.Lease next =
        ledger
            .lease("POST /orders k2", "fp-1", T0.plusSeconds(5), Duration.ofSeconds(10))
            .orElseThrow();
    assertThat(
            ledger.settle("POST /orders k2", Optional.of(next), State.DELIVERED, Optional.empty()))
        .isTrue();

    boolean recorded =
        ledger.settle(
            "POST /orders k2", Optional.of(slow), State.PENDING, Optional.of("timed out"));

    assertThat(recorded).isFalse();
    assertThat(ledger.read("POST /orders k2").state()).isEqualTo(State.DELIVERED);
    assertThat(ledger.lease("POST /orders k2", "fp-1", T0.plusSeconds(60), Duration.ofSeconds(10)))
        .isEmpty();
  }

  @Test
  void aKeyFirstLeasedForOneRequestIsNeverLeasedForADifferentOneAndRemembersTheFirst() {
    var first = ledger.lease("POST /orders k3", "fp-a", T0, Duration.ofSeconds(10)).orElseThrow();
    ledger.settle("POST /orders k3", Optional.of(first), State.PENDING, Optional.of("503"));

    assertThat(ledger.lease("POST /orders k3", "fp-b", T0.plusSeconds(60), Duration.ofSeconds(10)))
        .isEmpty();
    ReplayLedger.Entry entry = ledger.read("POST /orders k3");
    assertThat(entry.fingerprint()).contains("fp-a");
    assertThat(entry.sameRequest("fp-a")).isTrue();
    assertThat(entry.sameRequest("fp-b")).isFalse();
    assertThat(ledger.lease("POST /orders k3", "fp-a", T0.plusSeconds(60), Duration.ofSeconds(10)))
        .isPresent();
  }

  @Test
  void aKeyDeadLetteredBeforeAnyDeliveryReadsAsDeadWithNoAttempts() {
    ledger.settle("POST /orders k4", Optional.empty(), State.DEAD, Optional.of("waited"));

    assertThat(ledger.read("POST /orders k4").state()).isEqualTo(State.DEAD);
    assertThat(ledger.read("POST /orders k4").attempts()).isZero();
  }
}
