package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.StatusStore;
import dev.brownout.core.text.Hashes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Dependency statuses in the status table. Each check is one transaction: the status item (written
 * only if its version is still the one read, so concurrent writers never lose a count) and the
 * check's history item (written only if absent, so a repeated delivery of the same check is
 * recognised and changes nothing).
 *
 * <p>Items: {@code pk=STATUS, sk=<dependency>} for the current status; {@code
 * pk=HISTORY#<dependency>, sk=<checkId>} for each check, with a {@code ttl}.
 */
public final class DynamoDbStatusStore implements StatusStore {
  private static final int MAX_CONFLICTS = 30;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration historyTtl;

  public DynamoDbStatusStore(DynamoDbClient dynamoDb, String table, Duration historyTtl) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.historyTtl = historyTtl;
  }

  @Override
  public Recorded record(Dependency dependency, CheckResult result, String checkId) {
    for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      Map<String, AttributeValue> stored = read(dependency.name());
      DependencyStatus before = StatusItems.status(dependency.name(), stored);
      long version = StatusItems.version(stored);
      DependencyStatus after =
          before.after(result, dependency.failureThreshold(), dependency.recoveryThreshold());
      try {
        // The token makes the SDK's own retry of this very transaction idempotent: a retry of
        // one that committed while its answer was lost succeeds instead of looking like a
        // duplicate (which would lose a flip). A new attempt after a conflict has a new token.
        String token = Hashes.sha256(checkId + "#" + version).substring(0, 36);
        dynamoDb.transactWriteItems(
            t ->
                t.clientRequestToken(token)
                    .transactItems(
                        statusWrite(after, before, stored, version),
                        historyWrite(after, result, checkId)));
        return new Recorded(before, after, false);
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.size() == 2 && conditionFailed(reasons.get(1))) {
          return new Recorded(before, before, true);
        }
        if (reasons.isEmpty() || !retryable(reasons.get(0))) {
          throw failure(dependency, e);
        }
        backOff(attempt);
      } catch (SdkException e) {
        throw failure(dependency, e);
      }
    }
    throw new StatusStoreException(
        "gave up writing the status of "
            + dependency.name()
            + " after "
            + MAX_CONFLICTS
            + " conflicting concurrent writes",
        null);
  }

  private Map<String, AttributeValue> read(String dependency) {
    try {
      return dynamoDb
          .getItem(
              g -> g.tableName(table).key(StatusItems.statusKey(dependency)).consistentRead(true))
          .item();
    } catch (SdkException e) {
      throw new StatusStoreException(
          "cannot read the status of "
              + dependency
              + " from table "
              + table
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private TransactWriteItem statusWrite(
      DependencyStatus after,
      DependencyStatus before,
      Map<String, AttributeValue> stored,
      long version) {
    Map<String, AttributeValue> item = StatusItems.statusItem(after, version + 1);
    long flips = StatusItems.number(stored, StatusItems.FLIP_COUNT).orElse(0L);
    if (before.flipsTo(after)) {
      item.put(StatusItems.FLIP_COUNT, n(flips + 1));
      item.put(
          StatusItems.LAST_FLIP, s(after.healthy() ? "unhealthy->healthy" : "healthy->unhealthy"));
    } else {
      item.put(StatusItems.FLIP_COUNT, n(flips));
      Optional.ofNullable(stored)
          .map(m -> m.get(StatusItems.LAST_FLIP))
          .ifPresent(v -> item.put(StatusItems.LAST_FLIP, v));
    }
    // Written only over exactly what was read: nothing, or the same version attribute.
    Put.Builder put = Put.builder().tableName(table).item(item);
    AttributeValue readVersion = stored == null ? null : stored.get(StatusItems.VERSION);
    if (stored == null || stored.isEmpty()) {
      put.conditionExpression("attribute_not_exists(pk)");
    } else if (readVersion == null) {
      put.conditionExpression("attribute_exists(pk) AND attribute_not_exists(#version)")
          .expressionAttributeNames(Map.of("#version", StatusItems.VERSION));
    } else {
      put.conditionExpression("#version = :version")
          .expressionAttributeNames(Map.of("#version", StatusItems.VERSION))
          .expressionAttributeValues(Map.of(":version", readVersion));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem historyWrite(
      DependencyStatus after, CheckResult result, String checkId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s(StatusTableKeys.history(after.dependency())));
    item.put("sk", s(checkId));
    item.put("dependency", s(after.dependency()));
    item.put("checkedAt", s(result.at().toString()));
    item.put("success", AttributeValue.fromBool(result.success()));
    item.put("latencyMs", n(result.latency().toMillis()));
    result.error().ifPresent(e -> item.put("error", s(e)));
    item.put("healthy", AttributeValue.fromBool(after.healthy()));
    item.put(
        "flipped", AttributeValue.fromBool(after.lastChange().equals(Optional.of(result.at()))));
    item.put("ttl", n(result.at().plus(historyTtl).getEpochSecond()));
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build())
        .build();
  }

  private static boolean conditionFailed(CancellationReason reason) {
    return "ConditionalCheckFailed".equals(reason.code());
  }

  /**
   * Another writer got there first (our version condition, or DynamoDB's own conflict between two
   * transactions on the item), or the item was throttled: read again and retry.
   */
  private static boolean retryable(CancellationReason reason) {
    return conditionFailed(reason)
        || "TransactionConflict".equals(reason.code())
        || "ThrottlingError".equals(reason.code());
  }

  private StatusStoreException failure(Dependency dependency, SdkException e) {
    return new StatusStoreException(
        "cannot write the status of "
            + dependency.name()
            + " to table "
            + table
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Full jitter, so writers that collided do not collide again in step. Drawn from a generator made
   * for the draw, not from {@code ThreadLocalRandom}: its threads' seeds follow from one seed taken
   * when the JVM started, which every environment SnapStart restores from one snapshot shares, so
   * two of them that collided would back off in step.
   */
  private static void backOff(int attempt) {
    long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(new SecureRandom().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatusStoreException("interrupted while writing a status", e);
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
