package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.testing.TestMoto;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The scheduler against moto started by the launcher: rules and targets made with the EventBridge
 * API, Step Functions executions that moto really runs, dead letters in a real moto queue. Lambda
 * is a fake in memory; time is driven by a test clock, scan by scan.
 */
class SchedulerIT {
  private static final String ACCOUNT = "123456789012";
  private static final Instant T0 = Instant.parse("2026-11-27T09:58:30Z");
  private static final String PASS =
      "{\"StartAt\":\"Pass\",\"States\":{\"Pass\":{\"Type\":\"Pass\",\"End\":true}}}";

  private final TestClock clock = new TestClock(T0);
  private final FakeInvoker lambda =
      new FakeInvoker().deploy("health-check", "late", "paused", "flaky");
  private final List<String> console = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private EventBridgeClient events;
  private SfnClient sfn;
  private SqsClient sqs;
  private Scheduler scheduler;

  @BeforeEach
  void connect() {
    TestMoto.reset();
    events = TestMoto.aws().events();
    sfn = TestMoto.aws().sfn();
    sqs = TestMoto.aws().sqs();
    scheduler = new Scheduler(events, sfn, sqs, lambda, clock, console::add);
  }

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void dueRulesReachTheFunctionAndTheStateMachineOnceEachWhileDisabledRulesStayQuiet()
      throws Exception {
    String machine =
        sfn.createStateMachine(
                request ->
                    request
                        .name("degradation")
                        .definition(PASS)
                        .roleArn("arn:aws:iam::" + ACCOUNT + ":role/workflow"))
            .stateMachineArn();
    String health = rule("health", RuleState.ENABLED, lambdaTarget("health-check"));
    String evaluate =
        rule("evaluate", RuleState.ENABLED, Target.builder().id("workflow").arn(machine).build());
    rule("paused", RuleState.DISABLED, lambdaTarget("paused"));

    scanAt(T0);
    String late = rule("late", RuleState.ENABLED, lambdaTarget("late"));
    scanAt(T0.plusSeconds(30));
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(61));
    events.disableRule(request -> request.name("health"));
    scanAt(T0.plusSeconds(90));
    scanAt(T0.plusSeconds(120));

    assertThat(lambda.invocationsOf("health-check")).hasSize(1);
    assertThat(lambda.invocationsOf("health-check").getFirst().function())
        .isEqualTo(lambdaArn("health-check"));
    JsonNode healthEvent = json.readTree(lambda.invocationsOf("health-check").getFirst().payload());
    assertThat(healthEvent).isEqualTo(scheduledEvent(healthEvent, health, "2026-11-27T09:59:30Z"));
    assertThat(lambda.invocationsOf("late")).hasSize(1);
    JsonNode lateEvent = json.readTree(lambda.invocationsOf("late").getFirst().payload());
    assertThat(lateEvent).isEqualTo(scheduledEvent(lateEvent, late, "2026-11-27T10:00:00Z"));
    assertThat(lambda.invocationsOf("paused")).isEmpty();

    List<ExecutionListItem> executions =
        sfn.listExecutions(request -> request.stateMachineArn(machine)).executions();
    assertThat(executions).hasSize(2);
    List<String> times = new ArrayList<>();
    for (ExecutionListItem execution : executions) {
      DescribeExecutionResponse described = awaitEnd(execution.executionArn());
      assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode input = json.readTree(described.input());
      assertThat(input).isEqualTo(scheduledEvent(input, evaluate, input.get("time").asText()));
      assertThat(json.readTree(described.output())).isEqualTo(input);
      times.add(input.get("time").asText());
    }
    assertThat(times).containsExactlyInAnyOrder("2026-11-27T09:59:30Z", "2026-11-27T10:00:30Z");

    assertThat(scheduler.rules())
        .extracting(Scheduler.RuleStatus::name, Scheduler.RuleStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("evaluate", "ENABLED"),
            org.assertj.core.groups.Tuple.tuple("health", "DISABLED"),
            org.assertj.core.groups.Tuple.tuple("late", "ENABLED"),
            org.assertj.core.groups.Tuple.tuple("paused", "DISABLED"));
    assertThat(console.stream().filter(line -> line.contains(" fired for "))).hasSize(4);
  }

  @Test
  void failingTargetsEndInTheDeadLetterQueueWithEventBridgesAttributes() throws IOException {
    String queueUrl = sqs.createQueue(request -> request.queueName("schedule-dlq")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    DeadLetterConfig dlq = DeadLetterConfig.builder().arn(queueArn).build();
    String missingMachine = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:missing";
    String broken =
        rule(
            "broken",
            RuleState.ENABLED,
            lambdaTarget("missing").toBuilder().deadLetterConfig(dlq).build(),
            Target.builder().id("workflow").arn(missingMachine).deadLetterConfig(dlq).build());
    lambda.failing("flaky", Integer.MAX_VALUE, new IllegalStateException("the JVM did not start"));
    String flaky =
        rule(
            "flaky",
            RuleState.ENABLED,
            lambdaTarget("flaky").toBuilder()
                .retryPolicy(
                    RetryPolicy.builder()
                        .maximumRetryAttempts(1)
                        .maximumEventAgeInSeconds(60)
                        .build())
                .deadLetterConfig(dlq)
                .build());

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(61));

    Map<String, Message> byTarget = deadLetters(queueUrl, 3);
    assertThat(byTarget).containsOnlyKeys(lambdaArn("missing"), missingMachine, lambdaArn("flaky"));
    assertThat(attributes(byTarget.get(lambdaArn("missing"))))
        .isEqualTo(
            Map.of(
                "RULE_ARN",
                broken,
                "TARGET_ARN",
                lambdaArn("missing"),
                "ERROR_CODE",
                "NO_RESOURCE",
                "ERROR_MESSAGE",
                "Function not found: " + lambdaArn("missing"),
                "RETRY_ATTEMPTS",
                "0"));
    assertThat(attributes(byTarget.get(missingMachine)))
        .containsEntry("RULE_ARN", broken)
        .containsEntry("ERROR_CODE", "NO_RESOURCE")
        .containsEntry("RETRY_ATTEMPTS", "0")
        .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
    assertThat(attributes(byTarget.get(missingMachine)).get("ERROR_MESSAGE"))
        .contains("StateMachineDoesNotExist");
    assertThat(attributes(byTarget.get(lambdaArn("flaky"))))
        .isEqualTo(
            Map.of(
                "RULE_ARN", flaky,
                "TARGET_ARN", lambdaArn("flaky"),
                "ERROR_CODE", "INTERNAL_ERROR",
                "ERROR_MESSAGE", "the JVM did not start",
                "RETRY_ATTEMPTS", "1",
                "EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts"));
    assertThat(json.readTree(byTarget.get(lambdaArn("flaky")).body()).get("resources"))
        .isEqualTo(json.readTree("[\"" + flaky + "\"]"));
    JsonNode brokenEvent = json.readTree(byTarget.get(lambdaArn("missing")).body());
    assertThat(brokenEvent).isEqualTo(scheduledEvent(brokenEvent, broken, "2026-11-27T09:59:30Z"));
    assertThat(lambda.attempts()).filteredOn(arn -> arn.endsWith(":flaky")).hasSize(2);
  }

  @Test
  void startedItScansMotoOnItsOwnUntilClosed() throws InterruptedException {
    rule("health", RuleState.ENABLED, lambdaTarget("health-check"));
    Scheduler timed = new Scheduler(events, sfn, sqs, lambda, Clock.systemUTC(), console::add);

    timed.start(Duration.ofMillis(200));
    Instant deadline = Instant.now().plusSeconds(20);
    while (timed.rules().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    timed.close();

    assertThat(timed.rules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.name()).isEqualTo("health");
              assertThat(rule.nextFiring()).isPresent();
            });
  }

  private String rule(String name, RuleState state, Target... targets) {
    String arn =
        events
            .putRule(
                request -> request.name(name).scheduleExpression("rate(1 minute)").state(state))
            .ruleArn();
    events.putTargets(request -> request.rule(name).targets(targets));
    return arn;
  }

  private static String lambdaArn(String function) {
    return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + function;
  }

  private static Target lambdaTarget(String function) {
    return Target.builder().id(function).arn(lambdaArn(function)).build();
  }

  /** The scheduled event of that rule and time, with the id {@code actual} has, a UUID. */
  private JsonNode scheduledEvent(JsonNode actual, String ruleArn, String time) throws IOException {
    String id = actual.path("id").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    return json.readTree(
        "{\"version\":\"0\",\"id\":\""
            + id
            + "\",\"detail-type\":\"Scheduled Event\","
            + "\"source\":\"aws.events\",\"account\":\""
            + ACCOUNT
            + "\",\"time\":\""
            + time
            + "\",\"region\":\"us-east-1\",\"resources\":[\""
            + ruleArn
            + "\"],\"detail\":{}}");
  }

  private void scanAt(Instant instant) {
    clock.set(instant);
    scheduler.scanOnce();
  }

  private DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    DescribeExecutionResponse described;
    do {
      described = sfn.describeExecution(request -> request.executionArn(executionArn));
      if (described.status() != ExecutionStatus.RUNNING) {
        return described;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    return described;
  }

  private Map<String, Message> deadLetters(String queueUrl, int expected) {
    Map<String, Message> byTarget = new HashMap<>();
    Instant deadline = Instant.now().plusSeconds(10);
    while (byTarget.size() < expected && Instant.now().isBefore(deadline)) {
      for (Message message :
          sqs.receiveMessage(
                  request ->
                      request
                          .queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .messageAttributeNames("All")
                          .waitTimeSeconds(1))
              .messages()) {
        byTarget.put(message.messageAttributes().get("TARGET_ARN").stringValue(), message);
      }
    }
    return byTarget;
  }

  private static Map<String, String> attributes(Message message) {
    Map<String, String> attributes = new HashMap<>();
    message.messageAttributes().forEach((name, value) -> attributes.put(name, string(value)));
    return attributes;
  }

  private static String string(MessageAttributeValue value) {
    assertThat(value.dataType()).isEqualTo("String");
    return value.stringValue();
  }
}
