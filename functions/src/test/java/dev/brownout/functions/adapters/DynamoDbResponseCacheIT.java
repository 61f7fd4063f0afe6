package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.CoolOff;
import dev.brownout.functions.adapters.dynamodb.DynamoDbResponseCache;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cache table when it fails, through real SDK calls to a local server that answers every call
 * with DynamoDB's 500: the cache is left alone for the cool-off period instead of asked (and waited
 * on) for every request.
 */
class DynamoDbResponseCacheIT {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private final AtomicInteger calls = new AtomicInteger();
  private HttpServer failing;
  private DynamoDbClient dynamoDb;

  @BeforeEach
  void start() throws Exception {
    failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"down\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    failing.start();
    dynamoDb =
        AwsClients.dynamoDb(
            Optional.of(URI.create("http://127.0.0.1:" + failing.getAddress().getPort())),
            Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    dynamoDb.close();
    failing.stop(0);
  }

  @Test
  void aCacheTableThatFailsIsNotAskedAgainUntilTheCoolOffIsOverThenAskedOnce() {
    MutableClock clock = new MutableClock(T0);
    DynamoDbResponseCache cache =
        new DynamoDbResponseCache(dynamoDb, "cache", clock, new CoolOff(Duration.ofSeconds(30)));

    assertThat(cache.get("GET /products/1")).isEmpty();
    int firstFailure = calls.get();
    assertThat(firstFailure).as("the failed read reached the table").isPositive();

    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.get("GET /products/1")).isEmpty();
    cache.put("GET /products/1", answer(clock.instant()), Duration.ofMinutes(10));
    assertThat(calls.get()).as("nothing asked while cooling off").isEqualTo(firstFailure);

    clock.advance(Duration.ofSeconds(1));
    cache.put("GET /products/1", answer(clock.instant()), Duration.ofMinutes(10));
    int afterRetry = calls.get();
    assertThat(afterRetry).as("asked again once the period is over").isGreaterThan(firstFailure);
    assertThat(cache.get("GET /products/1")).isEmpty();
    assertThat(calls.get()).as("the failed write started a new period").isEqualTo(afterRetry);
  }

  private static CachedAnswer answer(Instant at) {
    return new CachedAnswer(
        200,
        Map.of("Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8),
        at,
        Duration.ofSeconds(60));
  }
}
