package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.serving.ServedFrom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The answer tally in the status table: one item per minute, {@code pk=ANSWERS, sk=<the minute,
 * ISO-8601>}, one number per source named by its {@code X-Served-From} label (only {@link
 * ServedFrom}'s, never a client's words), and a {@code ttl} {@link #KEEP} after the minute.
 *
 * <p>Each {@link #add} is one {@code UpdateItem} that {@code ADD}s to the counts, so every
 * execution environment adds to the same minute without reading it. The counts are approximate: an
 * {@code ADD} is not idempotent, so the client must not retry it (give it {@code
 * AwsClients.dynamoDbWithoutRetries}); a write is tried once, on a request's path, gives up after
 * {@link #WRITE_TIMEOUT} and throws, and its caller ({@code AnswerCounter}) drops those answers.
 * {@link #since} is one query of one page, newest first, with a {@code Limit}, failing as the
 * client's calls do (one attempt, too); a minute that cannot be read is logged and left out.
 */
public final class DynamoDbAnswerTally implements AnswerTally {

  public static final Duration WRITE_TIMEOUT = Duration.ofMillis(250);

  /** How long a minute is kept: the page shows the last hour. */
  public static final Duration KEEP = Duration.ofHours(2);

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbAnswerTally.class);

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbAnswerTally(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void add(Minute minute) {
    List<String> adds = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    minute
        .answers()
        .forEach(
            (source, n) -> {
              if (n > 0) {
                adds.add("#" + source.label() + " :" + source.label());
                names.put("#" + source.label(), source.label());
                values.put(":" + source.label(), AttributeValue.fromN(Long.toString(n)));
              }
            });
    if (adds.isEmpty()) {
      return;
    }
    names.put("#ttl", "ttl");
    values.put(
        ":ttl", AttributeValue.fromN(Long.toString(minute.start().plus(KEEP).getEpochSecond())));
    dynamoDb.updateItem(
        u ->
            u.tableName(table)
                .key(
                    Map.of(
                        "pk",
                        AttributeValue.fromS(StatusTableKeys.ANSWERS),
                        "sk",
                        AttributeValue.fromS(minute.start().toString())))
                .updateExpression("ADD " + String.join(", ", adds) + " SET #ttl = :ttl")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .overrideConfiguration(o -> o.apiCallTimeout(WRITE_TIMEOUT)));
  }

  @Override
  public List<Minute> since(Instant from, int limit) {
    QueryResponse response =
        dynamoDb.query(
            q ->
                q.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk >= :from")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            AttributeValue.fromS(StatusTableKeys.ANSWERS),
                            ":from",
                            AttributeValue.fromS(from.toString())))
                    .scanIndexForward(false)
                    .limit(limit));
    List<Minute> minutes = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      try {
        Map<ServedFrom, Long> answers = new EnumMap<>(ServedFrom.class);
        for (ServedFrom source : ServedFrom.values()) {
          StatusItems.number(item, source.label()).ifPresent(n -> answers.put(source, n));
        }
        minutes.add(new Minute(Instant.parse(item.get("sk").s()), answers));
      } catch (RuntimeException e) {
        LOG.warn(
            "The answer tally of {} is malformed and not shown: {}", item.get("sk"), e.toString());
      }
    }
    return minutes;
  }
}
