package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.StatusStore;
import dev.brownout.core.ports.StatusStore.Recorded;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusStore;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.Dependencies;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbStatusStoreIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final Dependency inventory = Dependencies.http("inventory", "http://localhost:1/health");
  private StatusTable table;
  private DynamoDbStatusStore store;

  @BeforeEach
  void freshTable() {
    MOTO.reset();
    table = StatusTable.create(dynamoDb, "shop-status");
    store = new DynamoDbStatusStore(dynamoDb, "shop-status", Duration.ofDays(7));
  }

  private static CheckResult failure(int second) {
    return CheckResult.failure("connection refused", Duration.ofMillis(4), T0.plusSeconds(second));
  }

  private static CheckResult success(int second) {
    return CheckResult.success(Duration.ofMillis(25), T0.plusSeconds(second));
  }

  @Test
  void failuresUpToTheThresholdFlipTheStoredStatusAndKeepAHistoryItemPerCheck() {
    store.record(inventory, failure(0), "t0#run#inventory#0");
    store.record(inventory, failure(10), "t1#run#inventory#1");
    Recorded third = store.record(inventory, failure(20), "t2#run#inventory#2");

    assertThat(third.flipped()).isTrue();
    Map<String, AttributeValue> status = table.status("inventory");
    assertThat(status.get("healthy").bool()).isFalse();
    assertThat(status.get("consecutiveFailures").n()).isEqualTo("3");
    assertThat(status.get("consecutiveSuccesses").n()).isEqualTo("0");
    assertThat(status.get("lastCheck").s()).isEqualTo("2026-11-26T10:00:20Z");
    assertThat(status.get("lastChange").s()).isEqualTo("2026-11-26T10:00:20Z");
    assertThat(status.get("lastError").s()).isEqualTo("connection refused");
    assertThat(status.get("latencyMs").n()).isEqualTo("4");
    assertThat(status.get("lastFlip").s()).isEqualTo("healthy->unhealthy");
    assertThat(status.get("flipCount").n()).isEqualTo("1");
    List<Map<String, AttributeValue>> history = table.history("inventory");
    assertThat(history).hasSize(3);
    assertThat(history)
        .extracting(h -> h.get("flipped").bool())
        .containsExactly(false, false, true);
    assertThat(history.get(0).get("ttl").n())
        .isEqualTo(Long.toString(T0.plus(Duration.ofDays(7)).getEpochSecond()));
    assertThat(history.get(0).get("error").s()).isEqualTo("connection refused");
  }

  @Test
  void recoveryNeedsTheRecoveryThresholdAndIsRecordedAsAFlipBack() {
    for (int i = 0; i < 3; i++) {
      store.record(inventory, failure(i), "f" + i);
    }
    Recorded first = store.record(inventory, success(10), "s0");
    Recorded second = store.record(inventory, success(20), "s1");

    assertThat(first.after().healthy()).isFalse();
    assertThat(second.flipped()).isTrue();
    assertThat(table.status("inventory").get("lastFlip").s()).isEqualTo("unhealthy->healthy");
    assertThat(table.status("inventory").get("flipCount").n()).isEqualTo("2");
    assertThat(table.status("inventory").get("lastError").s()).isEqualTo("connection refused");
  }

  @Test
  void theSameCheckDeliveredTwiceCountsOnce() {
    Recorded first =
        store.record(inventory, failure(0), "2026-11-26T10:00:00Z#event-1#inventory#0");
    Recorded again =
        store.record(inventory, failure(5), "2026-11-26T10:00:00Z#event-1#inventory#0");

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.flipped()).isFalse();
    assertThat(table.status("inventory").get("consecutiveFailures").n()).isEqualTo("1");
    assertThat(table.history("inventory")).hasSize(1);
  }

  @Test
  void twoWritersAtOnceNeverLoseACount() throws Exception {
    var otherStore =
        new DynamoDbStatusStore(
            AwsClients.dynamoDb(Optional.of(MOTO.endpoint())), "shop-status", Duration.ofDays(7));
    int perWriter = 15;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      for (StatusStore writer : List.of(store, otherStore)) {
        String name = writer == store ? "a" : "b";
        writers.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    writer.record(inventory, failure(i), name + "#" + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
    }

    assertThat(table.status("inventory").get("consecutiveFailures").n())
        .isEqualTo(Integer.toString(2 * perWriter));
    assertThat(table.status("inventory").get("version").n())
        .isEqualTo(Integer.toString(2 * perWriter));
    assertThat(table.history("inventory")).hasSize(2 * perWriter);
  }

  @Test
  void aMalformedStoredStatusIsRepairedByTheNextCheck() {
    table.put(
        Map.of(
            "pk", AttributeValue.fromS("STATUS"),
            "sk", AttributeValue.fromS("inventory"),
            "healthy", AttributeValue.fromS("maybe"),
            "version", AttributeValue.fromS("seven")));

    Recorded recorded = store.record(inventory, failure(0), "c0");

    assertThat(recorded.before().consecutiveFailures()).isZero();
    assertThat(table.status("inventory").get("healthy").bool()).isTrue();
    assertThat(table.status("inventory").get("consecutiveFailures").n()).isEqualTo("1");
    assertThat(table.status("inventory").get("version").n()).isEqualTo("1");
  }

  @Test
  void aTableThatCannotBeWrittenIsAStoreErrorNotASilentDrop() {
    var missing = new DynamoDbStatusStore(dynamoDb, "no-such-table", Duration.ofDays(7));

    assertThatThrownBy(() -> missing.record(inventory, failure(0), "c0"))
        .isInstanceOf(StatusStore.StatusStoreException.class)
        .hasMessageContaining("inventory")
        .hasMessageContaining("no-such-table");
  }
}
