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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
            ledger.settle(
                "POST /orders k1",
                "fp-1",
                Optional.of(first),
                State.PENDING,
                Optional.of("503"),
                T0))
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
            ledger.settle(
                "POST /orders k2",
                "fp-1",
                Optional.of(next),
                State.DELIVERED,
                Optional.empty(),
                T0))
        .isTrue();

    boolean recorded =
        ledger.settle(
            "POST /orders k2",
            "fp-1",
            Optional.of(slow),
            State.PENDING,
            Optional.of("timed out"),
            T0.plusSeconds(6));

    assertThat(recorded).isFalse();
    assertThat(ledger.read("POST /orders k2").state()).isEqualTo(State.DELIVERED);
    assertThat(ledger.lease("POST /orders k2", "fp-1", T0.plusSeconds(60), Duration.ofSeconds(10)))
        .isEmpty();
  }

  @Test
  void aKeyFirstLeasedForOneRequestIsNeverLeasedForADifferentOneAndRemembersTheFirst() {
    var first = ledger.lease("POST /orders k3", "fp-a", T0, Duration.ofSeconds(10)).orElseThrow();
    ledger.settle(
        "POST /orders k3", "fp-a", Optional.of(first), State.PENDING, Optional.of("503"), T0);

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
    ledger.settle(
        "POST /orders k4", "fp-1", Optional.empty(), State.DEAD, Optional.of("waited"), T0);

    assertThat(ledger.read("POST /orders k4").state()).isEqualTo(State.DEAD);
    assertThat(ledger.read("POST /orders k4").attempts()).isZero();
  }

  @Test
  void aKeyDeadLetteredWithoutALeaseKeepsItsWritesFingerprintAndExpiresLikeALeasedOne() {
    ledger.settle(
        "POST /orders k5", "fp-1", Optional.empty(), State.DEAD, Optional.of("waited"), T0);

    Map<String, AttributeValue> item = item("POST /orders k5");
    assertThat(item.get("ttl").n())
        .isEqualTo(Long.toString(T0.plus(Duration.ofDays(15)).getEpochSecond()));
    assertThat(ledger.read("POST /orders k5").sameRequest("fp-1")).isTrue();
    assertThat(ledger.read("POST /orders k5").sameRequest("fp-2")).isFalse();
  }

  @Test
  void aDeadLetterWithoutALeaseNeverOverwritesADeliveredKey() {
    var lease = ledger.lease("POST /orders k6", "fp-1", T0, Duration.ofSeconds(10)).orElseThrow();
    ledger.settle(
        "POST /orders k6", "fp-1", Optional.of(lease), State.DELIVERED, Optional.empty(), T0);

    boolean recorded =
        ledger.settle(
            "POST /orders k6",
            "fp-1",
            Optional.empty(),
            State.DEAD,
            Optional.of("waited 9 receives for orders to become healthy"),
            T0.plusSeconds(1));

    assertThat(recorded).isFalse();
    assertThat(ledger.read("POST /orders k6").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void aSettleWithoutALeaseWaitsForAnotherReplayersLeaseToExpireAndNeverTakesAnotherWritesKey() {
    ledger.lease("POST /orders k7", "fp-1", T0, Duration.ofSeconds(10)).orElseThrow();

    assertThat(
            ledger.settle(
                "POST /orders k7",
                "fp-1",
                Optional.empty(),
                State.DEAD,
                Optional.of("x"),
                T0.plusSeconds(5)))
        .isFalse();
    assertThat(
            ledger.settle(
                "POST /orders k7",
                "fp-2",
                Optional.empty(),
                State.DEAD,
                Optional.of("x"),
                T0.plusSeconds(60)))
        .isFalse();
    assertThat(
            ledger.settle(
                "POST /orders k7",
                "fp-1",
                Optional.empty(),
                State.DEAD,
                Optional.of("x"),
                T0.plusSeconds(60)))
        .isTrue();
    assertThat(ledger.read("POST /orders k7").state()).isEqualTo(State.DEAD);
  }

  @Test
  void aDeadKeyIsReopenedForItsOwnWriteOnlyWithItsAttemptsReset() {
    var lease = ledger.lease("POST /orders k8", "fp-1", T0, Duration.ofSeconds(10)).orElseThrow();
    ledger.settle(
        "POST /orders k8", "fp-1", Optional.of(lease), State.DEAD, Optional.of("403"), T0);

    assertThat(ledger.reopen("POST /orders k8", "fp-2", T0.plusSeconds(60))).isFalse();
    assertThat(ledger.reopen("POST /orders k8", "fp-1", T0.plusSeconds(60))).isTrue();
    assertThat(ledger.reopen("POST /orders k8", "fp-1", T0.plusSeconds(61))).isFalse();

    ReplayLedger.Entry entry = ledger.read("POST /orders k8");
    assertThat(entry.state()).isEqualTo(State.PENDING);
    assertThat(entry.attempts()).isZero();
    assertThat(item("POST /orders k8").get("ttl").n())
        .isEqualTo(Long.toString(T0.plusSeconds(60).plus(Duration.ofDays(15)).getEpochSecond()));
    assertThat(
            ledger
                .lease("POST /orders k8", "fp-1", T0.plusSeconds(62), Duration.ofSeconds(10))
                .orElseThrow()
                .attempts())
        .isEqualTo(1);
  }

  private Map<String, AttributeValue> item(String key) {
    return dynamoDb
        .getItem(
            g ->
                g.tableName("shop-status")
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("REPLAY"), "sk", AttributeValue.fromS(key))))
        .item();
  }
}
