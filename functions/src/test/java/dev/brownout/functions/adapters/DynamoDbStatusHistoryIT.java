package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusHistory;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusStore;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.Dependencies;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The status page's history reads against moto, over items as the functions write them. */
class DynamoDbStatusHistoryIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final Dependency pricing = Dependencies.http("pricing", "http://localhost:1/health");
  private StatusTable table;
  private DynamoDbStatusHistory history;

  @BeforeEach
  void freshTable() {
    MOTO.reset();
    table = StatusTable.create(dynamoDb, "shop-status");
    history = new DynamoDbStatusHistory(dynamoDb, "shop-status");
  }

  private void audit(String kind, Instant at, Level from, Level to, String reason) {
    table.put(
        Map.of(
            "pk", AttributeValue.fromS("AUDIT"),
            "sk", AttributeValue.fromS(at + "#execution-" + at.toEpochMilli()),
            "kind", AttributeValue.fromS(kind),
            "from", AttributeValue.fromS(from.name()),
            "to", AttributeValue.fromS(to.name()),
            "reasons", AttributeValue.fromL(List.of(AttributeValue.fromS(reason))),
            "executionId", AttributeValue.fromS("execution"),
            "at", AttributeValue.fromS(at.toString())));
  }

  private void transition(Instant at, Level from, Level to, String reason) {
    audit("transition", at, from, to, reason);
  }

  @Test
  void checksRecordedByTheHealthCheckAreReadBackNewestFirstFromTheWindowsStartUpToTheLimit() {
    var store = new DynamoDbStatusStore(dynamoDb, "shop-status", Duration.ofDays(7));
    for (int i = 0; i < 8; i++) {
      Instant at = T0.plusSeconds(10L * i);
      CheckResult result =
          i < 5
              ? CheckResult.success(Duration.ofMillis(20 + i), at)
              : CheckResult.failure("status 503, expected 2xx", Duration.ofMillis(3), at);
      store.record(pricing, result, at + "#run#pricing#" + i);
    }

    Read<Check> all = history.checks("pricing", T0.plusSeconds(20), 100);
    Read<Check> newest = history.checks("pricing", T0, 3);

    assertThat(all.complete()).isTrue();
    assertThat(all.entries()).extracting(Check::at).first().isEqualTo(T0.plusSeconds(70));
    assertThat(all.entries()).extracting(Check::at).last().isEqualTo(T0.plusSeconds(20));
    assertThat(all.entries()).hasSize(6);
    assertThat(all.entries().get(5))
        .isEqualTo(new Check(T0.plusSeconds(20), true, true, Optional.of(Duration.ofMillis(22))));
    assertThat(newest.complete()).isFalse();
    assertThat(newest.entries())
        .containsExactly(
            new Check(T0.plusSeconds(70), false, false, Optional.of(Duration.ofMillis(3))),
            new Check(T0.plusSeconds(60), false, true, Optional.of(Duration.ofMillis(3))),
            new Check(T0.plusSeconds(50), false, true, Optional.of(Duration.ofMillis(3))));
    assertThat(history.checks("orders", T0, 10)).isEqualTo(new Read<>(List.of(), true));
  }

  @Test
  void theTransitionsFromTheWindowsStartAreReadNewestFirstAndAMalformedOneIsLeftOut() {
    transition(T0.minusSeconds(1), Level.REDUCED, Level.FULL, "before the window");
    transition(T0, Level.FULL, Level.REDUCED, "pricing is unhealthy");
    transition(T0.plusSeconds(300), Level.REDUCED, Level.FULL, "all healthy");
    audit("override", T0.plusSeconds(400), Level.FULL, Level.FULL, "override set");
    transition(T0.plusSeconds(600), Level.FULL, Level.EMERGENCY, "product-db is unhealthy");
    table.put(
        Map.of(
            "pk", AttributeValue.fromS("AUDIT"),
            "sk", AttributeValue.fromS(T0.plusSeconds(900) + "#edited"),
            "kind", AttributeValue.fromS("transition"),
            "to", AttributeValue.fromS("SEVERE")));

    Read<Transition> read = history.transitions(T0);

    assertThat(read.complete()).isTrue();
    assertThat(read.entries())
        .containsExactly(
            new Transition(
                T0.plusSeconds(600),
                Level.FULL,
                Level.EMERGENCY,
                List.of("product-db is unhealthy"),
                Optional.empty()),
            new Transition(
                T0.plusSeconds(300),
                Level.REDUCED,
                Level.FULL,
                List.of("all healthy"),
                Optional.empty()),
            new Transition(
                T0, Level.FULL, Level.REDUCED, List.of("pricing is unhealthy"), Optional.empty()));
  }

  @Test
  void aHundredFlagsEntriesAfterAReducedTransitionDoNotPushItOut() {
    transition(T0, Level.FULL, Level.REDUCED, "pricing is unhealthy");
    for (int i = 1; i <= 100; i++) {
      audit("flags", T0.plusSeconds(6L * i), Level.REDUCED, Level.REDUCED, "a feature flipped");
    }

    Read<Transition> read = history.transitions(T0.minusSeconds(60));

    assertThat(read.complete()).isTrue();
    assertThat(read.entries()).extracting(Transition::to).containsExactly(Level.REDUCED);
  }

  @Test
  void moreAuditItemsThanTheBudgetOfPagesEndTheReadIncompleteAfterThatManyQueries() {
    transition(T0, Level.FULL, Level.REDUCED, "pricing is unhealthy");
    int budget = DynamoDbStatusHistory.AUDIT_PAGES * DynamoDbStatusHistory.AUDIT_PAGE_SIZE;
    for (int i = 1; i <= budget; i++) {
      audit("flags", T0.plusSeconds(i), Level.REDUCED, Level.REDUCED, "a feature flipped");
    }

    Read<Transition> read = history.transitions(T0.minusSeconds(60));

    assertThat(read.complete()).isFalse();
    assertThat(read.entries()).isEmpty();
  }
}
