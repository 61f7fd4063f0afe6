package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.CoolOff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The response cache table: one item per cache key ({@code pk}), with a {@code ttl} attribute.
 * DynamoDB deletes expired items late, so reads ignore them; a write never replaces a newer copy
 * that another environment stored meanwhile.
 *
 * <p>Failure behaviour: a read that fails answers "nothing cached" and a write that fails is only
 * logged. After either, the table is left alone for a {@link CoolOff} period (reads answer nothing
 * cached, writes are skipped), so a cache table that does not answer costs one timeout per
 * environment per period instead of one per request. A conditional-write refusal is not a failure.
 */
public final class DynamoDbResponseCache implements ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbResponseCache.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final CoolOff coolOff;

  public DynamoDbResponseCache(DynamoDbClient dynamoDb, String table, Clock clock) {
    this(dynamoDb, table, clock, new CoolOff());
  }

  public DynamoDbResponseCache(
      DynamoDbClient dynamoDb, String table, Clock clock, CoolOff coolOff) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.coolOff = coolOff;
  }

  @Override
  public Optional<CachedAnswer> get(String key) {
    if (!coolOff.open(clock.instant())) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item;
    try {
      item =
          dynamoDb
              .getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))))
              .item();
    } catch (SdkException e) {
      coolOff.failed(clock.instant());
      LOG.warn(
          "Cannot read the cache ({}); answering without it, and not asking it again for {}s",
          e.getMessage(),
          coolOff.period().toSeconds());
      return Optional.empty();
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (Long.parseLong(item.get("ttl").n()) <= clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      Map<String, String> headers = new HashMap<>();
      item.getOrDefault("headers", AttributeValue.fromM(Map.of()))
          .m()
          .forEach((k, v) -> headers.put(k, v.s()));
      return Optional.of(
          new CachedAnswer(
              Integer.parseInt(item.get("status").n()),
              headers,
              item.get("body").b().asByteArray(),
              Instant.ofEpochMilli(Long.parseLong(item.get("storedAt").n())),
              Duration.ofSeconds(Long.parseLong(item.get("freshFor").n()))));
    } catch (RuntimeException e) {
      LOG.warn("Cache item {} is malformed ({}); ignored", key, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, CachedAnswer answer, Duration keepFor) {
    if (!coolOff.open(clock.instant())) {
      return;
    }
    Map<String, AttributeValue> headers = new HashMap<>();
    answer.headers().forEach((k, v) -> headers.put(k, AttributeValue.fromS(v)));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(key));
    item.put("status", AttributeValue.fromN(Integer.toString(answer.status())));
    item.put("headers", AttributeValue.fromM(headers));
    item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(answer.body())));
    // Epoch milliseconds: comparable as numbers in the condition below.
    item.put("storedAt", AttributeValue.fromN(Long.toString(answer.storedAt().toEpochMilli())));
    item.put("freshFor", AttributeValue.fromN(Long.toString(answer.freshFor().toSeconds())));
    item.put(
        "ttl",
        AttributeValue.fromN(Long.toString(answer.storedAt().plus(keepFor).getEpochSecond())));
    try {
      dynamoDb.putItem(
          p ->
              p.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(pk) OR storedAt < :storedAt")
                  .expressionAttributeValues(
                      Map.of(
                          ":storedAt",
                          AttributeValue.fromN(Long.toString(answer.storedAt().toEpochMilli())))));
    } catch (ConditionalCheckFailedException e) {
      LOG.debug("A newer copy of {} is already cached", key);
    } catch (SdkException e) {
      coolOff.failed(clock.instant());
      LOG.warn(
          "Cannot write the cache ({}); the answer was still served, and the cache is left alone"
              + " for {}s",
          e.getMessage(),
          coolOff.period().toSeconds());
    }
  }
}
