package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.ports.AnswerTally.Minute;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.adapters.dynamodb.DynamoDbAnswerTally;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.RawHttpServer;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The answer tally in moto: minutes summed by ADD, read newest first, bounded. */
class DynamoDbAnswerTallyIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private StatusTable table;
  private DynamoDbAnswerTally tally;

  @BeforeEach
  void freshTable() {
    MOTO.reset();
    table = StatusTable.create(dynamoDb, "shop-status");
    tally = new DynamoDbAnswerTally(dynamoDb, "shop-status");
  }

  private static Instant minute(int n) {
    return T0.plus(Duration.ofMinutes(n));
  }

  @Test
  void addsFromSeveralEnvironmentsSumInTheirMinuteWhichExpiresTwoHoursLater() {
    tally.add(new Minute(minute(0), Map.of(ServedFrom.PRIMARY, 3L, ServedFrom.CACHE, 1L)));
    tally.add(new Minute(minute(0), Map.of(ServedFrom.CACHE, 2L, ServedFrom.QUEUE, 0L)));

    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                g ->
                    g.tableName("shop-status")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("ANSWERS"),
                                "sk", AttributeValue.fromS("2026-11-27T10:00:00Z"))))
            .item();
    assertThat(item)
        .containsEntry("primary", AttributeValue.fromN("3"))
        .containsEntry("cache", AttributeValue.fromN("3"))
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(minute(120).getEpochSecond())))
        .doesNotContainKey("queue");
    assertThat(tally.since(minute(0), 60))
        .containsExactly(
            new Minute(minute(0), Map.of(ServedFrom.PRIMARY, 3L, ServedFrom.CACHE, 3L)));
  }

  @Test
  void sinceReadsTheNewestMinutesFromItsStartUpToTheLimit() {
    for (int n = 0; n < 5; n++) {
      tally.add(new Minute(minute(n), Map.of(ServedFrom.DEGRADED, (long) n + 1)));
    }

    assertThat(tally.since(minute(1), 3))
        .extracting(Minute::start)
        .containsExactly(minute(4), minute(3), minute(2));
    assertThat(tally.since(minute(3), 60))
        .containsExactly(
            new Minute(minute(4), Map.of(ServedFrom.DEGRADED, 5L)),
            new Minute(minute(3), Map.of(ServedFrom.DEGRADED, 4L)));
  }

  @Test
  void aStoreThatDoesNotAnswerFailsTheWriteWithinItsShortTimeout() throws IOException {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      DynamoDbAnswerTally hanging =
          new DynamoDbAnswerTally(
              AwsClients.dynamoDb(
                  Optional.of(URI.create("http://127.0.0.1:" + silent.getLocalPort()))),
              "shop-status");
      long started = System.nanoTime();

      assertThatThrownBy(() -> hanging.add(new Minute(T0, Map.of(ServedFrom.PRIMARY, 1L))))
          .isInstanceOf(SdkException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThan(DynamoDbAnswerTally.WRITE_TIMEOUT.plusMillis(700));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aWriteTheStoreFailsWith500IsSentOnceNotRetriedSinceEachAddWouldCountAgain()
      throws IOException {
    AtomicInteger requests = new AtomicInteger();
    byte[] body =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);
    try (RawHttpServer failing =
        new RawHttpServer(
            (in, out) -> {
              requests.incrementAndGet();
              out.write(
                  RawHttpServer.head(
                      "500 Internal Server Error",
                      "Content-Type: application/x-amz-json-1.0",
                      "Content-Length: " + body.length,
                      "Connection: close"));
              out.write(body);
            })) {
      DynamoDbAnswerTally once =
          new DynamoDbAnswerTally(
              AwsClients.dynamoDbWithoutRetries(
                  Optional.of(failing.uri("")), Duration.ofSeconds(2)),
              "shop-status");

      assertThatThrownBy(() -> once.add(new Minute(T0, Map.of(ServedFrom.PRIMARY, 1L))))
          .isInstanceOf(SdkException.class);
      assertThat(requests).hasValue(1);
    }
  }
}
