package dev.brownout.functions.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.adapters.kms.KmsDataKeys;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.replay.QueuedMessages;
import dev.brownout.functions.testing.LambdaContext;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The replay function end to end: SQS events in, WireMock as the primary, DynamoDB and SQS in moto.
 */
class ReplayHandlerIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final WireMockServer PRIMARY = new WireMockServer(options().dynamicPort());
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final int MAX_RECEIVES = 10;

  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final SqsClient sqs = AwsClients.sqs(Optional.of(MOTO.endpoint()));
  private final MutableClock clock = new MutableClock(T0);
  private StatusTable table;
  private String deadLetters;
  private CredentialSeal seal;
  private ReplayHandler handler;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    PRIMARY.start();
  }

  @AfterAll
  static void stop() {
    PRIMARY.stop();
  }

  @BeforeEach
  void world() throws IOException {
    MOTO.reset();
    PRIMARY.resetAll();
    table = StatusTable.create(dynamoDb, "shop-status");
    deadLetters = sqs.createQueue(q -> q.queueName("shop-replay-dead")).queueUrl();
    KmsClient kms = AwsClients.kms(Optional.of(MOTO.endpoint()));
    String credentialsKey = kms.createKey(k -> {}).keyMetadata().arn();
    seal = new CredentialSeal(new KmsDataKeys(kms, credentialsKey));
    Path catalog = dir.resolve("shop.yaml");
    Files.writeString(
        catalog,
        """
        app: shop
        dependencies:
          - name: orders
            criticality: important
            check: {type: tcp, host: 127.0.0.1, port: 1}
        routes:
          - method: POST
            path: /orders
            dependency: orders
            primary: {url: "%s/orders", timeout: 500ms}
            fallback:
              - queue: {maxAttempts: 2}
        """
            .formatted(PRIMARY.baseUrl()));
    handler =
        new ReplayHandler(
            new ReplaySettings(
                catalog.toString(),
                "shop-status",
                deadLetters,
                credentialsKey,
                MAX_RECEIVES,
                Optional.of(MOTO.endpoint())),
            clock);
  }

  private void ordersHealthy(boolean healthy) {
    table.put(
        Map.of(
            "pk", AttributeValue.fromS("STATUS"),
            "sk", AttributeValue.fromS("orders"),
            "healthy", AttributeValue.fromBool(healthy),
            "consecutiveFailures", AttributeValue.fromN(healthy ? "0" : "3"),
            "consecutiveSuccesses", AttributeValue.fromN(healthy ? "2" : "0")));
  }

  /** The sample event with its body pointed at this test's primary. */
  private SQSEvent event(String... messageIds) {
    return event(Map.of(), 1, messageIds);
  }

  /**
   * @param credential headers the client sent besides the sample's (sealed as the API seals them)
   * @param receives the records' {@code ApproximateReceiveCount}
   */
  private SQSEvent event(Map<String, String> credential, int receives, String... messageIds) {
    SQSEvent sample = EventLoader.loadSQSEvent("../events/replay/sqs-event.json");
    QueuedRequest queued = QueuedMessages.read(sample.getRecords().get(0).getBody()).request();
    Map<String, String> headers = new HashMap<>(queued.headers());
    headers.putAll(credential);
    String body;
    try {
      body =
          QueuedMessages.write(
              new QueuedRequest(
                  queued.route(),
                  queued.method(),
                  URI.create(PRIMARY.baseUrl() + "/orders"),
                  headers,
                  queued.body(),
                  queued.idempotencyKey(),
                  queued.acceptedAt()),
              seal);
    } catch (DataKeys.KeyFailure e) {
      throw new IllegalStateException(e);
    }
    List<SQSEvent.SQSMessage> records =
        java.util.Arrays.stream(messageIds)
            .map(
                id -> {
                  SQSEvent.SQSMessage m =
                      EventLoader.loadSQSEvent("../events/replay/sqs-event.json")
                          .getRecords()
                          .get(0);
                  m.setMessageId(id);
                  m.setBody(body);
                  m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receives)));
                  return m;
                })
            .toList();
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private List<String> failed(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream()
        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .toList();
  }

  private List<Message> deadLettered() {
    return sqs.receiveMessage(
            r -> r.queueUrl(deadLetters).maxNumberOfMessages(10).messageAttributeNames("All"))
        .messages();
  }

  @Test
  void aHealthyDependencyGetsTheWriteOnceWithItsIdempotencyKeyAndDuplicatesAreDropped() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(201)));

    SQSBatchResponse first =
        handler.handleRequest(event("m-1", "m-1-duplicate"), LambdaContext.of("replay"));
    SQSBatchResponse later =
        handler.handleRequest(event("m-1-redelivered"), LambdaContext.of("replay"));

    assertThat(failed(first)).isEmpty();
    assertThat(failed(later)).isEmpty();
    PRIMARY.verify(
        1,
        postRequestedFor(urlPathEqualTo("/orders"))
            .withHeader("Idempotency-Key", equalTo("order-7f3a9c"))
            .withRequestBody(equalTo("{\"productId\":\"42\",\"quantity\":1}")));
    assertThat(
            table
                .dynamoDb()
                .getItem(
                    g ->
                        g.tableName("shop-status")
                            .key(
                                Map.of(
                                    "pk",
                                    AttributeValue.fromS("REPLAY"),
                                    "sk",
                                    AttributeValue.fromS("POST /orders order-7f3a9c"))))
                .item()
                .get("state")
                .s())
        .isEqualTo("DELIVERED");
  }

  @Test
  void messagesThatMightNotFinishBeforeTheTimeoutStayQueuedUntouched() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(201)));

    SQSBatchResponse response =
        handler.handleRequest(
            event("m-7", "m-8"), new LambdaContext("request-1", "replay", 20_000));

    assertThat(failed(response)).containsExactly("m-7", "m-8");
    assertThat(PRIMARY.getAllServeEvents()).isEmpty();
  }

  @Test
  void anUnhealthyDependencyMakesTheWriteWaitWithoutSpendingAnAttempt() {
    ordersHealthy(false);

    SQSBatchResponse response = handler.handleRequest(event("m-2"), LambdaContext.of("replay"));

    assertThat(failed(response)).containsExactly("m-2");
    assertThat(PRIMARY.getAllServeEvents()).isEmpty();
    assertThat(deadLettered()).isEmpty();
  }

  @Test
  void aWriteThatFailsMaxAttemptsTimesIsDeadLetteredWithTheReason() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(503)));

    SQSBatchResponse first = handler.handleRequest(event("m-3"), LambdaContext.of("replay"));
    clock.advance(Duration.ofMinutes(1));
    SQSBatchResponse second = handler.handleRequest(event("m-3"), LambdaContext.of("replay"));

    assertThat(failed(first)).containsExactly("m-3");
    assertThat(failed(second)).isEmpty();
    List<Message> dead = deadLettered();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("Reason").stringValue())
        .isEqualTo("the primary answered 503 (attempt 2 of 2)");
    PRIMARY.verify(2, postRequestedFor(urlPathEqualTo("/orders")));
  }

  @Test
  void aWriteThePrimaryRefusesIsDeadLetteredAtOnce() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(422)));

    assertThat(failed(handler.handleRequest(event("m-4"), LambdaContext.of("replay")))).isEmpty();

    assertThat(deadLettered())
        .extracting(m -> m.messageAttributes().get("Reason").stringValue())
        .containsExactly("the primary refused it: 422");
  }

  @Test
  void aDeadLetteredWriteSentAgainIsTriedAfreshOnceAndEachCopyIsDoneWith() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(422)));
    handler.handleRequest(event("m-6"), LambdaContext.of("replay"));

    SQSBatchResponse again = handler.handleRequest(event("m-6-again"), LambdaContext.of("replay"));

    assertThat(failed(again)).isEmpty();
    PRIMARY.verify(2, postRequestedFor(urlPathEqualTo("/orders")));
    assertThat(deadLettered()).hasSize(2);
  }

  @Test
  void aWriteDeadLetteredWhileWaitingIsDeliveredWhenRedrivenFromTheDeadLetterQueue() {
    ordersHealthy(false);
    handler.handleRequest(event(Map.of(), MAX_RECEIVES - 1, "m-10"), LambdaContext.of("replay"));
    assertThat(ledgerState("order-7f3a9c")).isEqualTo("DEAD");
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(201)));

    SQSBatchResponse redriven =
        handler.handleRequest(event(Map.of(), 1, "m-10"), LambdaContext.of("replay"));

    assertThat(failed(redriven)).isEmpty();
    PRIMARY.verify(1, postRequestedFor(urlPathEqualTo("/orders")));
    assertThat(ledgerState("order-7f3a9c")).isEqualTo("DELIVERED");
  }

  @Test
  void aWriteAnsweredWithARedirectIsDeadLetteredWithTheReasonNotCountedAsDelivered() {
    ordersHealthy(true);
    PRIMARY.stubFor(
        post(urlPathEqualTo("/orders"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "https://login.example/")));

    assertThat(failed(handler.handleRequest(event("m-9"), LambdaContext.of("replay")))).isEmpty();

    assertThat(deadLettered())
        .extracting(m -> m.messageAttributes().get("Reason").stringValue())
        .containsExactly(
            "the primary answered 302 (a redirect to https://login.example/), which a replay does"
                + " not follow: the write was not delivered");
    assertThat(ledgerState("order-7f3a9c")).isEqualTo("DEAD");
  }

  @Test
  void theSealedCredentialReachesThePrimaryOnReplay() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(201)));

    handler.handleRequest(
        event(Map.of("authorization", "Bearer s3cret-token-7f3a"), 1, "m-10"),
        LambdaContext.of("replay"));

    PRIMARY.verify(
        1,
        postRequestedFor(urlPathEqualTo("/orders"))
            .withHeader("Authorization", equalTo("Bearer s3cret-token-7f3a")));
  }

  @Test
  void aCredentialRefusedOnReplayIsDeadLetteredSayingItMayHaveExpiredAndStaysSealed() {
    ordersHealthy(true);
    PRIMARY.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(401)));

    handler.handleRequest(
        event(Map.of("authorization", "Bearer s3cret-token-7f3a"), 1, "m-11"),
        LambdaContext.of("replay"));

    List<Message> dead = deadLettered();
    assertThat(dead)
        .extracting(m -> m.messageAttributes().get("Reason").stringValue())
        .containsExactly(
            "the primary refused the client's credential: 401 (it most likely expired while the"
                + " write was queued; the client must send the write again with a valid one)");
    assertThat(dead.get(0).body()).doesNotContain("s3cret-token-7f3a");
  }

  @Test
  void aWriteWaitingForHealthUpToTheRedriveLimitIsDeadLetteredWithTheReasonNotMovedSilently() {
    ordersHealthy(false);

    SQSBatchResponse early =
        handler.handleRequest(
            event(Map.of(), MAX_RECEIVES - 2, "m-12"), LambdaContext.of("replay"));
    SQSBatchResponse last =
        handler.handleRequest(
            event(Map.of(), MAX_RECEIVES - 1, "m-12"), LambdaContext.of("replay"));

    assertThat(failed(early)).containsExactly("m-12");
    assertThat(failed(last)).isEmpty();
    assertThat(deadLettered())
        .extracting(m -> m.messageAttributes().get("Reason").stringValue())
        .containsExactly("waited 9 receives for orders to become healthy");
    assertThat(PRIMARY.getAllServeEvents()).isEmpty();
  }

  private String ledgerState(String key) {
    return table
        .dynamoDb()
        .getItem(
            g ->
                g.tableName("shop-status")
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("REPLAY"),
                            "sk",
                            AttributeValue.fromS("POST /orders " + key))))
        .item()
        .get("state")
        .s();
  }

  @Test
  void aMessageThatIsNotAQueuedWriteIsDeadLetteredNotRetriedForever() {
    SQSEvent event = event("m-5");
    event.getRecords().get(0).setBody("{\"hello\":\"world\"}");

    assertThat(failed(handler.handleRequest(event, LambdaContext.of("replay")))).isEmpty();

    assertThat(deadLettered())
        .extracting(m -> m.messageAttributes().get("Reason").stringValue())
        .containsExactly("the message is not a queued request: route is missing");
  }
}
