package dev.brownout.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import dev.brownout.local.testing.TestMoto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The poller against moto's SQS and Lambda (a function that exists only as moto's record: the
 * invocations go to a fake invoker that answers as each test says).
 */
class EventSourcePollerIT {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sqs-poller-it";
  private static final String FUNCTION = "replay";
  private static final EventSourcePoller.Timing FAST =
      new EventSourcePoller.Timing(
          Duration.ofMillis(200), 1, Duration.ofMillis(200), Duration.ofMillis(1500));
  private static final Duration WITHIN = Duration.ofSeconds(8);

  private static SqsClient sqs;
  private static LambdaClient lambda;

  private final FakeInvoker invoker = new FakeInvoker();
  private final List<String> console = new CopyOnWriteArrayList<>();
  private EventSourcePoller poller;

  @BeforeAll
  static void clients() {
    sqs = TestMoto.aws().sqs();
    lambda = TestMoto.aws().lambda();
  }

  @BeforeEach
  void aFunctionInMoto() {
    TestMoto.reset();
    createRole();
    lambda.createFunction(
        r ->
            r.functionName(FUNCTION)
                .runtime(Runtime.JAVA21)
                .role(ROLE)
                .handler("dev.brownout.functions.handlers.ReplayHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
    poller = new EventSourcePoller(lambda, sqs, invoker, this::print, Clock.systemUTC(), FAST);
  }

  @AfterEach
  void stop() {
    poller.close();
  }

  @Test
  void aSuccessfulBatchIsDeletedWholeEvenWhenTheMappingCameAfterThePollerStarted()
      throws InterruptedException {
    String queue = queue("orders", 30, Map.of());
    send(queue, "one", "two", "three");
    poller.start();
    String uuid = map(queue, true);

    Invocation invocation = invoker.next();

    assertThat(invocation.function()).isEqualTo(functionArn());
    assertThat(invocation.bodies()).containsExactlyInAnyOrder("one", "two", "three");
    SQSEvent.SQSMessage record = invocation.event().getRecords().get(0);
    assertThat(record.getEventSourceArn()).isEqualTo(arn(queue));
    assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
    await(() -> messagesIn(queue) == 0, "the batch is deleted");
    awaitLine("orders -> replay: 3 messages, all deleted");
    MappingStatus status = poller.snapshot().getFirst();
    assertThat(status.uuid()).isEqualTo(uuid);
    assertThat(status.state()).isEqualTo("Enabled");
    assertThat(status.batchSize()).isEqualTo(10);
    assertThat(status.messagesFailed()).isZero();
    assertThat(status.lastError()).isEmpty();
    assertThat(console)
        .anyMatch(line -> line.contains("orders -> replay: 3 messages, all deleted"));
  }

  @Test
  void aReportedItemFailureLeavesJustThatMessageWhichComesBackAfterItsVisibilityTimeout()
      throws InterruptedException {
    String queue = queue("orders", 1, Map.of());
    send(queue, "a", "b", "c");
    invoker.answer =
        event ->
            event.getRecords().stream()
                .filter(
                    r ->
                        r.getBody().equals("b")
                            && r.getAttributes().get("ApproximateReceiveCount").equals("1"))
                .findFirst()
                .map(
                    r ->
                        ok(
                            "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                                + r.getMessageId()
                                + "\"}]}"))
                .orElse(ok("{\"batchItemFailures\":[]}"));
    map(queue, true);
    poller.start();

    Invocation first = invoker.next();
    Invocation second = invoker.next();

    assertThat(first.bodies()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(second.bodies()).containsExactly("b");
    assertThat(second.event().getRecords().getFirst().getAttributes())
        .containsEntry("ApproximateReceiveCount", "2");
    assertThat(Duration.between(first.at(), second.at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    await(() -> messagesIn(queue) == 0, "the message is deleted once it succeeds");
    awaitLine("1 message, all deleted");
    assertThat(invoker.invocations).isEmpty();
    assertThat(poller.snapshot().getFirst().messagesFailed()).isEqualTo(1);
    assertThat(poller.snapshot().getFirst().batchesFailed()).isZero();
  }

  @Test
  void aFunctionErrorLeavesEveryMessageOfTheBatch() throws InterruptedException {
    String queue = queue("orders", 1, Map.of());
    send(queue, "a", "b");
    invoker.answer =
        event ->
            event.getRecords().getFirst().getAttributes().get("ApproximateReceiveCount").equals("1")
                ? InvokeResult.unhandled(
                    "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}"
                        .getBytes(StandardCharsets.UTF_8))
                : ok("null");
    map(queue, true);
    poller.start();

    Invocation first = invoker.next();
    Invocation second = invoker.next();

    assertThat(first.bodies()).containsExactlyInAnyOrder("a", "b");
    assertThat(second.bodies()).containsExactlyInAnyOrder("a", "b");
    await(() -> messagesIn(queue) == 0, "the retried batch is deleted");
    awaitLine("2 messages, batch failed, none deleted: function error");
    awaitLine("2 messages, all deleted");
    MappingStatus status = poller.snapshot().getFirst();
    assertThat(status.batchesFailed()).isEqualTo(1);
    assertThat(status.messagesFailed()).isEqualTo(2);
    assertThat(status.messagesDelivered()).isEqualTo(4);
    assertThat(status.lastError())
        .hasValue("function error (Unhandled): java.lang.RuntimeException: boom");
  }

  @Test
  void aMessageFailingMaxReceiveCountTimesLandsInTheDeadLetterQueue() throws InterruptedException {
    String deadLetters = queue("orders-dlq", 30, Map.of());
    String queue =
        queue(
            "orders",
            1,
            Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(deadLetters) + "\",\"maxReceiveCount\":2}"));
    send(queue, "poison");
    invoker.answer =
        event ->
            ok(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                    + event.getRecords().getFirst().getMessageId()
                    + "\"}]}");
    map(queue, true);
    poller.start();

    assertThat(invoker.next().bodies()).containsExactly("poison");
    assertThat(invoker.next().bodies()).containsExactly("poison");
    List<Message> dead =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(deadLetters)
                        .waitTimeSeconds(5)
                        .messageSystemAttributeNamesWithStrings("All"))
            .messages();

    assertThat(dead).extracting(Message::body).containsExactly("poison");
    assertThat(messagesIn(queue)).isZero();
    assertThat(invoker.invocations.poll(1500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aMappingIsPolledOnlyWhileItIsEnabled() throws InterruptedException {
    String queue = queue("orders", 30, Map.of());
    String uuid = map(queue, false);
    send(queue, "early");
    poller.start();

    assertThat(invoker.invocations.poll(1000, TimeUnit.MILLISECONDS)).isNull();
    assertThat(messagesIn(queue)).isEqualTo(1);
    assertThat(poller.snapshot())
        .singleElement()
        .extracting(MappingStatus::state)
        .isEqualTo("Disabled");

    lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
    assertThat(invoker.next().bodies()).containsExactly("early");

    lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));
    await(
        () -> poller.snapshot().getFirst().state().equals("Disabled"),
        "the poller sees the mapping disabled");
    send(queue, "late");
    assertThat(invoker.invocations.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(messagesIn(queue)).isEqualTo(1);
    assertThat(console)
        .anyMatch(line -> line.contains("orders -> replay: mapping disabled, polling stopped"));
  }

  @Test
  void closeCutsALongPollShortAndNothingIsPolledAfter() throws InterruptedException {
    String queue = queue("orders", 30, Map.of());
    map(queue, true);
    // Polls of 5 s: close() must not wait for one to end.
    poller =
        new EventSourcePoller(
            lambda,
            sqs,
            invoker,
            this::print,
            Clock.systemUTC(),
            new EventSourcePoller.Timing(
                Duration.ofMillis(200), 5, Duration.ofMillis(200), Duration.ofMillis(1500)));
    poller.start();
    awaitLine("sqs: polling orders for replay");
    Thread.sleep(500); // into the long poll

    Instant before = Instant.now();
    poller.close();
    Duration took = Duration.between(before, Instant.now());

    assertThat(took).isLessThan(Duration.ofMillis(1000));
    assertThat(console).noneMatch(line -> line.contains("left to finish"));
    send(queue, "after");
    assertThat(invoker.invocations.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(messagesIn(queue)).isEqualTo(1);
  }

  private static String queue(
      String name, int visibilitySeconds, Map<QueueAttributeName, String> more) {
    Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(more);
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  private static String arn(String queueUrl) {
    return sqs.getQueueAttributes(
            r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static String map(String queueUrl, boolean enabled) {
    return lambda
        .createEventSourceMapping(
            r ->
                r.functionName(FUNCTION)
                    .eventSourceArn(arn(queueUrl))
                    .batchSize(10)
                    .enabled(enabled)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES))
        .uuid();
  }

  private static String functionArn() {
    return lambda.getFunction(r -> r.functionName(FUNCTION)).configuration().functionArn();
  }

  private static void send(String queueUrl, String... bodies) {
    for (String body : bodies) {
      sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }
  }

  /** Visible and in flight. */
  private static int messagesIn(String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(WITHIN);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WITHIN.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }

  /** The console: kept for the assertions, printed for the test's report. */
  private void print(String line) {
    console.add(line);
    System.out.println(line);
  }

  private void awaitLine(String part) throws InterruptedException {
    await(
        () -> console.stream().anyMatch(line -> line.contains(part)),
        "a console line with " + part);
  }

  private static InvokeResult ok(String payload) {
    return InvokeResult.success(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** moto's IAM through its query API: the SDK's IAM client is not among this module's. */
  private static void createRole() {
    String form =
        "Action=CreateRole&Version=2010-05-08&RoleName=sqs-poller-it&AssumeRolePolicyDocument="
            + URLEncoder.encode("{}", StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(TestMoto.endpoint().resolve("/"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .header(
                          "Authorization",
                          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request,"
                              + " SignedHeaders=host, Signature=0")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("placeholder.txt"));
      zip.write(
          "moto keeps the package; the fake invoker runs nothing".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  record Invocation(String function, SQSEvent event, Instant at) {
    List<String> bodies() {
      return event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList();
    }
  }

  /** Reads each event as the Lambda runtime would and answers as the test says. */
  static final class FakeInvoker implements Invoker {
    private static final PojoSerializer<SQSEvent> EVENTS =
        LambdaEventSerializers.serializerFor(SQSEvent.class, FakeInvoker.class.getClassLoader());

    final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();
    volatile Function<SQSEvent, InvokeResult> answer = event -> ok("{}");

    @Override
    public InvokeResult invoke(String function, byte[] payload) {
      SQSEvent event = EVENTS.fromJson(new String(payload, StandardCharsets.UTF_8));
      invocations.add(new Invocation(function, event, Instant.now()));
      return answer.apply(event);
    }

    @Override
    public void invokeAsync(String function, byte[] payload) {
      throw new UnsupportedOperationException("the SQS poller invokes synchronously");
    }

    Invocation next() throws InterruptedException {
      Invocation invocation = invocations.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
      if (invocation == null) {
        throw new AssertionError("no invocation within " + WITHIN.toSeconds() + " s");
      }
      return invocation;
    }
  }
}
