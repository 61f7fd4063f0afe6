package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

class SchedulerTest {
  private static final Instant T0 = Instant.parse("2026-11-27T09:58:30Z");
  private static final String ACCOUNT = FakeEventBridge.ACCOUNT;
  private static final String DLQ = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":schedule-dlq";
  private static final String MACHINE =
      "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:degradation";

  private final TestClock clock = new TestClock(T0);
  private final FakeEventBridge events = new FakeEventBridge();
  private final FakeSfn sfn = new FakeSfn().deploy(MACHINE);
  private final FakeSqs sqs = new FakeSqs().create("schedule-dlq");
  private final FakeInvoker lambda = new FakeInvoker().deploy("health-check", "report");
  private final List<String> console = new ArrayList<>();
  private final Scheduler scheduler = new Scheduler(events, sfn, sqs, lambda, clock, console::add);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aRateRuleFiresOnePeriodAfterItWasFirstSeenAndThenOncePerPeriod() {
    events.put("health", "rate(1 minute)", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plusSeconds(59));
    assertThat(lambda.invocations()).isEmpty();

    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(61));
    assertThat(lambda.invocations()).hasSize(1);

    scanAt(T0.plusSeconds(125));
    assertThat(lambda.invocations()).hasSize(2);
    assertThat(times(lambda.invocations()))
        .containsExactly("2026-11-27T09:59:30Z", "2026-11-27T10:00:30Z");
  }

  @Test
  void theEventALambdaTargetReceivesIsTheScheduledEventOfTheRule() throws IOException {
    events.put("health", "rate(1 minute)", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plusSeconds(62));

    JsonNode event = json.readTree(lambda.invocations().getFirst().payload());
    assertThat(lambda.invocations().getFirst().function())
        .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:health-check");
    assertThat(event)
        .isEqualTo(
            ScheduledEvents.event(
                event.get("id").asText(),
                FakeEventBridge.ruleArn("health"),
                Instant.parse("2026-11-27T09:59:30Z")));
  }

  @Test
  void aCronRuleFiresAtItsMinuteWithThatMinuteAsTheEventTime() {
    events.put("report", "cron(0 10 * * ? *)", lambda("report"));

    scanAt(Instant.parse("2026-11-27T09:59:58Z"));
    scanAt(Instant.parse("2026-11-27T10:00:03Z"));
    scanAt(Instant.parse("2026-11-27T10:00:06Z"));

    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T10:00:00Z");
    assertThat(scheduler.rules().getFirst().nextFiring())
        .contains(Instant.parse("2026-11-28T10:00:00Z"));
  }

  @Test
  void firingsMissedWhileTheMachineSleptAreFiredOnceForTheLatestDueTime() {
    events.put("health", "rate(1 minute)", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plus(Duration.ofHours(1)).plusSeconds(30));
    scanAt(T0.plus(Duration.ofHours(1)).plusSeconds(35));

    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T10:58:30Z");
    assertThat(console)
        .anySatisfy(line -> assertThat(line).contains("59 earlier firings missed while asleep"));
    assertThat(scheduler.rules().getFirst().nextFiring())
        .contains(Instant.parse("2026-11-27T10:59:30Z"));
  }

  @Test
  void aDisabledRuleDoesNotFireAndARuleDisabledLaterStopsFiring() {
    events.put("paused", "rate(1 minute)", RuleState.DISABLED, lambda("report"));
    events.put("health", "rate(1 minute)", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    events.state("health", RuleState.DISABLED);
    scanAt(T0.plusSeconds(90));
    scanAt(T0.plusSeconds(180));

    assertThat(lambda.invocationsOf("report")).isEmpty();
    assertThat(lambda.invocationsOf("health-check")).hasSize(1);
    assertThat(scheduler.rules())
        .extracting(Scheduler.RuleStatus::name, Scheduler.RuleStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("health", "DISABLED"),
            org.assertj.core.groups.Tuple.tuple("paused", "DISABLED"));
    assertThat(scheduler.rules()).allSatisfy(rule -> assertThat(rule.nextFiring()).isEmpty());
  }

  @Test
  void aRuleEnabledAgainStartsAFreshPeriodFromWhenItWasSeenEnabled() {
    events.put("health", "rate(5 minutes)", RuleState.DISABLED, lambda("health-check"));

    scanAt(T0);
    events.state("health", RuleState.ENABLED);
    scanAt(T0.plusSeconds(100));
    scanAt(T0.plusSeconds(399));
    scanAt(T0.plusSeconds(400));

    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T10:05:10Z");
  }

  @Test
  void aDeletedRuleStopsFiringAndLeavesTheStatusList() {
    events.put("health", "rate(1 minute)", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    events.delete("health");
    scanAt(T0.plusSeconds(120));

    assertThat(lambda.invocations()).hasSize(1);
    assertThat(scheduler.rules()).isEmpty();
    assertThat(console).contains("schedule health is gone: no longer fired");
  }

  @Test
  void aRuleDeployedAfterTheFirstScanIsPickedUpAtTheNextAndAnchoredThere() {
    scanAt(T0);
    events.put("late", "rate(1 minute)", lambda("health-check"));

    scanAt(T0.plusSeconds(5));
    scanAt(T0.plusSeconds(64));
    scanAt(T0.plusSeconds(65));

    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T09:59:35Z");
  }

  @Test
  void aRuleWhoseExpressionChangesStartsAgainOnItsNewSchedule() {
    events.put("health", "rate(1 minute)", lambda("health-check"));
    scanAt(T0);
    events.put("health", "rate(2 minutes)", lambda("health-check"));

    scanAt(T0.plusSeconds(30));
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(150));

    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T10:01:00Z");
  }

  @Test
  void onlyRulesWithAScheduleAreScheduledAndEachIsListedByName() {
    events.put("b-health", "rate(1 minute)", lambda("health-check"));
    events.putPatternRule("orders");
    events.put("a-report", "cron(0 10 * * ? *)", lambda("report"));
    events.put("c-late", "rate(3 minutes)", lambda("report"));

    scanAt(T0);

    assertThat(scheduler.rules())
        .extracting(Scheduler.RuleStatus::name)
        .containsExactly("a-report", "b-health", "c-late");
  }

  @Test
  void theStatusOfARuleShowsItsExpressionStateNextAndLastFiringAndLastError() {
    events.put("health", "rate(1 minute)", lambda("health-check"), lambda("gone"));

    scanAt(T0);
    assertThat(scheduler.rules())
        .containsExactly(
            new Scheduler.RuleStatus(
                "health",
                "rate(1 minute)",
                "ENABLED",
                Optional.of(T0.plusSeconds(60)),
                Optional.empty(),
                Optional.empty()));

    scanAt(T0.plusSeconds(61));
    Scheduler.RuleStatus status = scheduler.rules().getFirst();
    assertThat(status.lastFiring()).contains(T0.plusSeconds(60));
    assertThat(status.nextFiring()).contains(T0.plusSeconds(120));
    assertThat(status.lastError())
        .hasValueSatisfying(
            error ->
                assertThat(error)
                    .startsWith("2026-11-27T09:59:31Z target gone-target")
                    .contains("NO_RESOURCE: Function not found"));
  }

  @Test
  void anInvalidExpressionIsReportedOnceShownAsTheRulesErrorAndNeverFired() {
    events.put("broken", "cron(0 12 * * ? )", lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plus(Duration.ofDays(2)));

    assertThat(lambda.invocations()).isEmpty();
    assertThat(console)
        .containsOnlyOnce(
            "schedule broken cannot be fired: cron expression \"cron(0 12 * * ? )\" has 5 fields,"
                + " expected 6 (minutes hours day-of-month month day-of-week year)");
    assertThat(scheduler.rules().getFirst().lastError())
        .hasValueSatisfying(error -> assertThat(error).contains("has 5 fields, expected 6"));
    assertThat(scheduler.rules().getFirst().nextFiring()).isEmpty();
  }

  @Test
  void eachFiringWritesOneLineNamingTheRuleTheDueTimeAndWhatEachTargetGot() {
    events.put("health", "rate(1 minute)", lambda("health-check"), machine(MACHINE));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(120));

    List<String> firings = console.stream().filter(line -> line.contains(" fired for ")).toList();
    assertThat(firings).hasSize(2);
    assertThat(firings.getFirst())
        .startsWith("schedule health fired for 2026-11-27T09:59:30Z: ")
        .contains("target health-check-target (" + lambdaArn("health-check") + ") invoked")
        .contains("target machine-target (" + MACHINE + ") started execution ");
  }

  @Test
  void aStateMachineTargetStartsOneExecutionPerFiringWithAUniqueNameAndTheTargetsInput() {
    events.put(
        "evaluate",
        "rate(1 minute)",
        machine(MACHINE).toBuilder().input("{\"mode\":\"scheduled\"}").build());

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(120));

    assertThat(sfn.started())
        .hasSize(2)
        .allSatisfy(
            request -> {
              assertThat(request.stateMachineArn()).isEqualTo(MACHINE);
              assertThat(request.input()).isEqualTo("{\"mode\":\"scheduled\"}");
              assertThat(request.name()).matches("[0-9a-f-]{36}");
            });
    assertThat(sfn.started()).extracting(StartExecutionRequest::name).doesNotHaveDuplicates();
  }

  @Test
  void anUnsupportedTargetIsReportedOnceAndSkippedWhileTheOthersAreDelivered() {
    Target topic =
        Target.builder().id("topic").arn("arn:aws:sns:us-east-1:" + ACCOUNT + ":alerts").build();
    events.put("health", "rate(1 minute)", topic, lambda("health-check"));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(120));

    assertThat(lambda.invocations()).hasSize(2);
    assertThat(console.stream().filter(line -> line.contains("is not supported locally")))
        .containsExactly(
            "schedule health: target topic (arn:aws:sns:us-east-1:"
                + ACCOUNT
                + ":alerts) is not supported locally (only Lambda functions and Step Functions"
                + " state machines are); it is skipped");
  }

  @Test
  void aMissingFunctionGoesStraightToTheDeadLetterQueueWithTheEventAndEventBridgesAttributes()
      throws IOException {
    events.put(
        "health", "rate(1 minute)", lambda("gone").toBuilder().deadLetterConfig(dlq()).build());

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(90));

    assertThat(lambda.attempts()).hasSize(1);
    assertThat(sqs.sent()).hasSize(1);
    FakeSqs.Message message = sqs.sent().getFirst();
    assertThat(message.queueUrl()).isEqualTo(FakeSqs.url("schedule-dlq"));
    assertThat(message.attributes())
        .isEqualTo(
            Map.of(
                "RULE_ARN",
                FakeEventBridge.ruleArn("health"),
                "TARGET_ARN",
                lambdaArn("gone"),
                "ERROR_CODE",
                "NO_RESOURCE",
                "ERROR_MESSAGE",
                "Function not found: " + lambdaArn("gone"),
                "RETRY_ATTEMPTS",
                "0"));
    JsonNode body = json.readTree(message.body());
    assertThat(body.get("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(body.get("resources").get(0).asText()).isEqualTo(FakeEventBridge.ruleArn("health"));
    assertThat(body.get("time").asText()).isEqualTo("2026-11-27T09:59:30Z");
  }

  @Test
  void aRetriableFailureIsRetriedWithBackoffUpToMaximumRetryAttemptsThenDeadLettered() {
    lambda.failing("health-check", Integer.MAX_VALUE, new IllegalStateException("no JVM"));
    events.put("health", "rate(1 hour)", withPolicy(lambda("health-check"), 2, null));
    Instant due = T0.plus(Duration.ofHours(1));

    scanAt(T0);
    scanAt(due);
    scanAt(due.plusMillis(999));
    assertThat(lambda.attempts()).hasSize(1);
    scanAt(due.plusSeconds(1));
    assertThat(lambda.attempts()).hasSize(2);
    scanAt(due.plusSeconds(2));
    assertThat(lambda.attempts()).hasSize(2);
    scanAt(due.plusSeconds(3));
    scanAt(due.plusSeconds(60));

    assertThat(lambda.attempts()).hasSize(3);
    assertThat(sqs.sent()).hasSize(1);
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("ERROR_CODE", "INTERNAL_ERROR")
        .containsEntry("ERROR_MESSAGE", "no JVM")
        .containsEntry("RETRY_ATTEMPTS", "2")
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
    assertThat(console)
        .anySatisfy(line -> assertThat(line).contains("retry 1 of 2 at " + due.plusSeconds(1)))
        .anySatisfy(line -> assertThat(line).startsWith("schedule health retry 2: "));
  }

  @Test
  void aDeliveryThatSucceedsOnARetryIsNotDeadLettered() {
    lambda.failing("health-check", 1, new IllegalStateException("busy"));
    events.put(
        "health",
        "rate(1 minute)",
        lambda("health-check").toBuilder().deadLetterConfig(dlq()).build());

    scanAt(T0);
    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(61));

    assertThat(lambda.invocations()).hasSize(1);
    assertThat(sqs.sent()).isEmpty();
    assertThat(console)
        .contains(
            "schedule health retry 1: target health-check-target ("
                + lambdaArn("health-check")
                + ") invoked asynchronously");
  }

  @Test
  void withAwsDefaultRetryPolicyRetryingStopsAfterTheLocalCapOfThreeMinutes() {
    lambda.failing("health-check", Integer.MAX_VALUE, new IllegalStateException("no JVM"));
    events.put(
        "health",
        "rate(1 hour)",
        lambda("health-check").toBuilder().deadLetterConfig(dlq()).build());
    Instant due = T0.plus(Duration.ofHours(1));

    scanAt(T0);
    for (int second = 0; second <= 240; second++) {
      scanAt(due.plusSeconds(second));
    }

    // retries 1, 3, 7, 15, 31, 61, 91, 121 and 151 s after the first attempt; 181 s is past 180 s
    assertThat(lambda.attempts()).hasSize(10);
    assertThat(sqs.sent()).hasSize(1);
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("RETRY_ATTEMPTS", "9")
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds");
  }

  @Test
  void aShorterMaximumEventAgeEndsRetryingSooner() {
    lambda.failing("health-check", Integer.MAX_VALUE, new IllegalStateException("no JVM"));
    events.put("health", "rate(1 hour)", withPolicy(lambda("health-check"), 185, 10));
    Instant due = T0.plus(Duration.ofHours(1));

    scanAt(T0);
    for (int second = 0; second <= 60; second++) {
      scanAt(due.plusSeconds(second));
    }

    // retries 1, 3 and 7 s after the first attempt; 15 s is past 10 s
    assertThat(lambda.attempts()).hasSize(4);
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("RETRY_ATTEMPTS", "3")
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds");
  }

  @Test
  void noRetriesAllowedMeansTheFirstFailureIsDeadLettered() {
    lambda.failing("health-check", Integer.MAX_VALUE, new IllegalStateException("no JVM"));
    events.put("health", "rate(1 minute)", withPolicy(lambda("health-check"), 0, null));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));

    assertThat(lambda.attempts()).hasSize(1);
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("RETRY_ATTEMPTS", "0")
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
  }

  @Test
  void aThrottledStateMachineStartIsRetriedAndAMissingStateMachineIsNot() {
    String missing = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:missing";
    events.put("evaluate", "rate(1 hour)", withPolicy(machine(MACHINE), 1, null));
    events.put("other", "rate(1 hour)", withPolicy(machine(missing), 1, null));
    sfn.failing(
        MACHINE,
        SfnException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ThrottlingException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build());
    Instant due = T0.plus(Duration.ofHours(1));

    scanAt(T0);
    scanAt(due);
    sfn.failing(MACHINE, null);
    scanAt(due.plusSeconds(1));

    assertThat(sfn.started())
        .extracting(StartExecutionRequest::stateMachineArn)
        .containsExactly(MACHINE);
    assertThat(sqs.sent()).hasSize(1);
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("TARGET_ARN", missing)
        .containsEntry("ERROR_CODE", "NO_RESOURCE")
        .containsEntry("RETRY_ATTEMPTS", "0")
        .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
  }

  @Test
  void aFailedDeliveryWithoutADeadLetterQueueIsDroppedAndSaidSo() {
    events.put("health", "rate(1 minute)", lambda("gone"));

    scanAt(T0);
    scanAt(T0.plusSeconds(60));

    assertThat(sqs.sent()).isEmpty();
    assertThat(console)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("failed (NO_RESOURCE: Function not found")
                    .endsWith("dropped: the target has no dead-letter queue"));
  }

  @Test
  void anInputTemplateThatGivesNoJsonIsDeadLetteredAsInvalidJsonWithoutDelivery() {
    Target target =
        lambda("health-check").toBuilder()
            .inputTransformer(
                InputTransformer.builder()
                    .inputPathsMap(Map.of("resources", "$.resources"))
                    .inputTemplate("{\"resources\": \"<resources>\"}")
                    .build())
            .deadLetterConfig(dlq())
            .build();
    events.put("health", "rate(1 minute)", target);

    scanAt(T0);
    scanAt(T0.plusSeconds(60));

    assertThat(lambda.attempts()).isEmpty();
    assertThat(sqs.sent().getFirst().attributes())
        .containsEntry("ERROR_CODE", "INVALID_JSON")
        .containsEntry("RETRY_ATTEMPTS", "0");
  }

  @Test
  void aDeadLetterQueueThatDoesNotExistIsReportedAsTheRulesError() {
    Target target =
        lambda("gone").toBuilder()
            .deadLetterConfig(
                DeadLetterConfig.builder()
                    .arn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":no-such-queue")
                    .build())
            .build();
    events.put("health", "rate(1 minute)", target);

    scanAt(T0);
    scanAt(T0.plusSeconds(60));

    assertThat(scheduler.rules().getFirst().lastError())
        .hasValueSatisfying(
            error ->
                assertThat(error)
                    .contains("could not be sent to the dead-letter queue")
                    .contains("no-such-queue"));
  }

  @Test
  void whileEventBridgeCannotBeReachedTheScanReportsItOnceAndFiresWhenItIsBack() {
    events.put("health", "rate(1 minute)", lambda("health-check"));
    scanAt(T0);
    events.down(true);

    scanAt(T0.plusSeconds(60));
    scanAt(T0.plusSeconds(65));
    events.down(false);
    scanAt(T0.plusSeconds(70));

    assertThat(console.stream().filter(line -> line.contains("cannot list the EventBridge rules")))
        .hasSize(1);
    assertThat(times(lambda.invocations())).containsExactly("2026-11-27T09:59:30Z");
  }

  @Test
  void aScanIntervalThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> scheduler.start(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the scan interval must be positive, not PT0S");
  }

  private void scanAt(Instant instant) {
    clock.set(instant);
    scheduler.scanOnce();
  }

  private List<String> times(List<FakeInvoker.Invocation> invocations) {
    return invocations.stream()
        .map(
            invocation -> {
              try {
                return json.readTree(invocation.payload()).get("time").asText();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private static String lambdaArn(String function) {
    return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + function;
  }

  private static Target lambda(String function) {
    return Target.builder().id(function + "-target").arn(lambdaArn(function)).build();
  }

  private static Target machine(String arn) {
    return Target.builder().id("machine-target").arn(arn).build();
  }

  private static DeadLetterConfig dlq() {
    return DeadLetterConfig.builder().arn(DLQ).build();
  }

  private static Target withPolicy(Target target, Integer retries, Integer maxAgeSeconds) {
    return target.toBuilder()
        .retryPolicy(
            RetryPolicy.builder()
                .maximumRetryAttempts(retries)
                .maximumEventAgeInSeconds(maxAgeSeconds)
                .build())
        .deadLetterConfig(dlq())
        .build();
  }
}
