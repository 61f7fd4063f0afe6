package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.Level;
import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.StatusBoard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the status table: every status item in one query ({@code pk=STATUS}) and the level record
 * ({@code pk=LEVEL, sk=CURRENT}) that the degradation workflow writes.
 */
public final class DynamoDbStatusBoard implements StatusBoard {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbStatusBoard(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Board read() {
    List<DependencyStatus> statuses = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            q ->
                q.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(StatusTableKeys.STATUS))))
        .items()
        .forEach(
            item -> {
              String name = item.get("sk").s();
              try {
                statuses.add(StatusItems.parse(name, item));
              } catch (RuntimeException e) {
                malformed.add("the status item of " + name + " is malformed: " + e.getMessage());
              }
            });
    Map<String, AttributeValue> level =
        dynamoDb
            .getItem(
                g ->
                    g.tableName(table)
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS(StatusTableKeys.LEVEL),
                                "sk",
                                AttributeValue.fromS(StatusTableKeys.CURRENT_LEVEL))))
            .item();
    Optional<LevelRecord> record = Optional.empty();
    if (level != null && !level.isEmpty()) {
      try {
        record =
            Optional.of(
                new LevelRecord(
                    Level.named(level.get("level").s())
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "unknown level " + level.get("level").s())),
                    Instant.parse(level.get("since").s()),
                    level.getOrDefault("reasons", AttributeValue.fromL(List.of())).l().stream()
                        .map(AttributeValue::s)
                        .toList(),
                    Long.parseLong(level.get("version").n()),
                    Optional.ofNullable(level.get("override")).map(AttributeValue::s)));
      } catch (RuntimeException e) {
        malformed.add("the level record is malformed: " + e.getMessage());
      }
    }
    boolean unreadable = level != null && !level.isEmpty() && record.isEmpty();
    return new Board(statuses, record, malformed, unreadable);
  }
}
