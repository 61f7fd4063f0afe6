package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.functions.replay.ReplayLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The replay ledger in the status table: {@code pk=REPLAY, sk=<route> <idempotency key>[
 * client:<hash>]}, with the state ({@code PENDING}, {@code DELIVERED}, {@code DEAD}), the attempts,
 * the {@code fingerprint} of the write it was first leased or settled for, a lease while a replayer
 * delivers it, the last error and a {@code ttl} that every write renews.
 *
 * <p>DynamoDB failures are thrown as they come (the replay leaves the message on its queue); a lost
 * conditional write is an empty lease, or a {@code false} reopen or settle.
 */
public final class DynamoDbReplayLedger implements ReplayLedger {

  /** Longer than SQS keeps a message (14 days at most), so a late duplicate is still recognised. */
  static final Duration KEEP_FOR = Duration.ofDays(15);

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbReplayLedger(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String idempotencyKey) {
    return Map.of(
        "pk",
        AttributeValue.fromS(StatusTableKeys.REPLAY),
        "sk",
        AttributeValue.fromS(idempotencyKey));
  }

  @Override
  public Entry read(String idempotencyKey) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(g -> g.tableName(table).key(key(idempotencyKey)).consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return new Entry(State.PENDING, 0, Optional.empty(), Optional.empty());
    }
    return new Entry(
        State.valueOf(item.get("state").s()),
        // A write dead-lettered before any delivery (it waited too long) has no attempts.
        Optional.ofNullable(item.get("attempts")).map(v -> Integer.parseInt(v.n())).orElse(0),
        Optional.ofNullable(item.get("leaseUntil"))
            .map(v -> Instant.ofEpochMilli(Long.parseLong(v.n()))),
        Optional.ofNullable(item.get("fingerprint")).map(AttributeValue::s));
  }

  @Override
  public Optional<Lease> lease(
      String idempotencyKey, String fingerprint, Instant now, Duration leaseFor) {
    String token = UUID.randomUUID().toString();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pending", AttributeValue.fromS(State.PENDING.name()));
    values.put(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
    values.put(":until", AttributeValue.fromN(Long.toString(now.plus(leaseFor).toEpochMilli())));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":ttl", ttl(now));
    values.put(":token", AttributeValue.fromS(token));
    values.put(":fingerprint", AttributeValue.fromS(fingerprint));
    try {
      var updated =
          dynamoDb.updateItem(
              u ->
                  u.tableName(table)
                      .key(key(idempotencyKey))
                      .updateExpression(
                          "SET #state = :pending, leaseUntil = :until, leaseToken = :token,"
                              + " attempts = if_not_exists(attempts, :zero) + :one, #ttl = :ttl,"
                              + " fingerprint = if_not_exists(fingerprint, :fingerprint)")
                      .conditionExpression(
                          "attribute_not_exists(pk) OR (#state = :pending"
                              + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)"
                              + " AND (attribute_not_exists(fingerprint) OR fingerprint = :fingerprint))")
                      .expressionAttributeNames(Map.of("#state", "state", "#ttl", "ttl"))
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.ALL_NEW));
      return Optional.of(
          new Lease(Integer.parseInt(updated.attributes().get("attempts").n()), token));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean reopen(String idempotencyKey, String fingerprint, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pending", AttributeValue.fromS(State.PENDING.name()));
    values.put(":dead", AttributeValue.fromS(State.DEAD.name()));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":ttl", ttl(now));
    values.put(":fingerprint", AttributeValue.fromS(fingerprint));
    try {
      dynamoDb.updateItem(
          u ->
              u.tableName(table)
                  .key(key(idempotencyKey))
                  .updateExpression(
                      "SET #state = :pending, attempts = :zero, #ttl = :ttl,"
                          + " fingerprint = if_not_exists(fingerprint, :fingerprint)")
                  .conditionExpression(
                      "#state = :dead"
                          + " AND (attribute_not_exists(fingerprint) OR fingerprint = :fingerprint)")
                  .expressionAttributeNames(Map.of("#state", "state", "#ttl", "ttl"))
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean settle(
      String idempotencyKey,
      String fingerprint,
      Optional<Lease> lease,
      State state,
      Optional<String> error,
      Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":state", AttributeValue.fromS(state.name()));
    values.put(":ttl", ttl(now));
    values.put(":fingerprint", AttributeValue.fromS(fingerprint));
    String set =
        "SET #state = :state, #ttl = :ttl, fingerprint = if_not_exists(fingerprint, :fingerprint)";
    if (error.isPresent()) {
      values.put(":error", AttributeValue.fromS(error.get()));
      set += ", lastError = :error";
    }
    String expression = set + " REMOVE leaseUntil, leaseToken";
    String condition;
    if (lease.isPresent()) {
      values.put(":token", AttributeValue.fromS(lease.get().token()));
      condition = "leaseToken = :token";
    } else {
      values.put(":pending", AttributeValue.fromS(State.PENDING.name()));
      values.put(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
      condition =
          "attribute_not_exists(pk) OR (#state = :pending"
              + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)"
              + " AND (attribute_not_exists(fingerprint) OR fingerprint = :fingerprint))";
    }
    try {
      dynamoDb.updateItem(
          u ->
              u.tableName(table)
                  .key(key(idempotencyKey))
                  .updateExpression(expression)
                  .conditionExpression(condition)
                  .expressionAttributeNames(Map.of("#state", "state", "#ttl", "ttl"))
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Every write to a key keeps it until after SQS could hand out its last copy. */
  private static AttributeValue ttl(Instant now) {
    return AttributeValue.fromN(Long.toString(now.plus(KEEP_FOR).getEpochSecond()));
  }
}
