package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.Level;
import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.ports.StatusHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the status table's history: the level's transitions from the workflow's audit ({@code
 * pk=AUDIT, sk=<at>#<execution>}, filtered on {@code kind=transition}: runs that changed only flags
 * or the override cannot crowd them out) and each dependency's checks ({@code
 * pk=HISTORY#<dependency>, sk=<checkId>}, which sorts by time). Reads are newest first and bounded:
 * the transitions by a budget of pages, the checks to one query of one page with a {@code Limit}. A
 * read fails as the client's calls do (the API's give up after {@code
 * ApiService.STORE_CALL_TIMEOUT}); an item that cannot be read (edited by hand) is logged and left
 * out.
 */
public final class DynamoDbStatusHistory implements StatusHistory {

  /** The audit's kind of a run that changed the level ({@code EvaluationService}). */
  static final String TRANSITION = "transition";

  /**
   * The audit items one {@link #transitions} read evaluates at most: {@value #AUDIT_PAGES} pages of
   * {@value #AUDIT_PAGE_SIZE}, transitions or not (a query's limit counts items before its filter),
   * at most {@value #AUDIT_PAGES} calls.
   */
  public static final int AUDIT_PAGES = 3;

  public static final int AUDIT_PAGE_SIZE = 200;

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStatusHistory.class);

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbStatusHistory(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Read<Transition> transitions(Instant from) {
    List<Transition> transitions = new ArrayList<>();
    Map<String, AttributeValue> next = null;
    for (int page = 0; page < AUDIT_PAGES; page++) {
      Map<String, AttributeValue> startKey = next;
      QueryResponse response =
          dynamoDb.query(
              q ->
                  q.tableName(table)
                      .keyConditionExpression("pk = :pk AND sk >= :from")
                      .filterExpression("#kind = :transition")
                      .expressionAttributeNames(Map.of("#kind", "kind"))
                      .expressionAttributeValues(
                          Map.of(
                              ":pk", AttributeValue.fromS(StatusTableKeys.AUDIT),
                              ":from", AttributeValue.fromS(from.toString()),
                              ":transition", AttributeValue.fromS(TRANSITION)))
                      .scanIndexForward(false)
                      .limit(AUDIT_PAGE_SIZE)
                      .exclusiveStartKey(startKey));
      response.items().forEach(item -> transition(item).ifPresent(transitions::add));
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new Read<>(transitions, true);
      }
      next = response.lastEvaluatedKey();
    }
    return new Read<>(transitions, false);
  }

  private static Optional<Transition> transition(Map<String, AttributeValue> item) {
    try {
      return Optional.of(
          new Transition(
              Instant.parse(text(item, "at")),
              level(item, "from"),
              level(item, "to"),
              item.getOrDefault("reasons", AttributeValue.fromL(List.of())).l().stream()
                  .map(AttributeValue::s)
                  .toList(),
              Optional.ofNullable(item.get("override")).map(AttributeValue::s)));
    } catch (RuntimeException e) {
      LOG.warn("The audit item {} is malformed and not shown: {}", item.get("sk"), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public Read<Check> checks(String dependency, Instant from, int limit) {
    QueryResponse response =
        dynamoDb.query(
            q ->
                q.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk >= :from")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            AttributeValue.fromS(StatusTableKeys.history(dependency)),
                            ":from",
                            AttributeValue.fromS(from.toString())))
                    .projectionExpression("#at, #success, #healthy, #latency")
                    .expressionAttributeNames(
                        Map.of(
                            "#at", "checkedAt",
                            "#success", "success",
                            "#healthy", "healthy",
                            "#latency", "latencyMs"))
                    .scanIndexForward(false)
                    .limit(limit));
    List<Check> checks = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      try {
        checks.add(
            new Check(
                Instant.parse(text(item, "checkedAt")),
                bool(item, "success"),
                bool(item, "healthy"),
                StatusItems.number(item, "latencyMs").map(Duration::ofMillis)));
      } catch (RuntimeException e) {
        LOG.warn("A check of {} is malformed and not shown: {}", dependency, e.toString());
      }
    }
    return new Read<>(checks, !response.hasLastEvaluatedKey());
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.s() == null) {
      throw new IllegalArgumentException(name + " is missing or not a string");
    }
    return value.s();
  }

  private static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.bool() == null) {
      throw new IllegalArgumentException(name + " is missing or not a boolean");
    }
    return value.bool();
  }

  private static Level level(Map<String, AttributeValue> item, String name) {
    String text = text(item, name);
    return Level.named(text)
        .orElseThrow(() -> new IllegalArgumentException(name + " is not a level: " + text));
  }
}
