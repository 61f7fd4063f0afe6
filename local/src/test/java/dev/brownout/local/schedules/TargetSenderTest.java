package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.SfnException;

class TargetSenderTest {
  private static final String MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:degradation";

  private final FakeSfn sfn = new FakeSfn().deploy(MACHINE);
  private final FakeSqs sqs = new FakeSqs();
  private final TargetSender sender = new TargetSender(new FakeInvoker(), sfn, sqs);

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "arn:aws:lambda:us-east-1:123456789012:function:health-check, LAMBDA",
    "arn:aws:lambda:us-east-1:123456789012:function:health-check:live, LAMBDA",
    "arn:aws:lambda:us-east-1:123456789012:function:health-check:7, LAMBDA",
    "arn:aws-cn:lambda:cn-north-1:123456789012:function:health-check, LAMBDA",
    "arn:aws:states:us-east-1:123456789012:stateMachine:degradation, STATE_MACHINE",
  })
  void lambdaFunctionsAndStateMachinesAreTheTargetsSentTo(String arn, TargetSender.Kind kind) {
    assertThat(TargetSender.kindOf(arn)).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:sns:us-east-1:123456789012:alerts",
        "arn:aws:sqs:us-east-1:123456789012:queue",
        "arn:aws:events:us-east-1:123456789012:event-bus/default",
        "arn:aws:lambda:us-east-1:123456789012:layer:shared:1",
        "arn:aws:lambda:us-east-1:123456789012:function:",
        "arn:aws:states:us-east-1:123456789012:activity:approve",
        "arn:aws:states:us-east-1:123456789012:execution:degradation:run-1",
        "health-check",
      })
  void otherTargetsAreNotSentTo(String arn) {
    assertThat(TargetSender.kindOf(arn)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} is {2}, retried: {3}")
  @CsvSource({
    "ThrottlingException, 400, THROTTLING, true",
    "TooManyRequests, 429, THROTTLING, true",
    "InternalFailure, 500, ERROR_FROM_TARGET, true",
    "ServiceUnavailable, 503, ERROR_FROM_TARGET, true",
    "AccessDeniedException, 403, NO_PERMISSIONS, false",
    "ValidationException, 400, INVALID_PARAMETER, false",
  })
  void aStepFunctionsErrorIsRetriedOnlyWhenThrottledOrOnTheServersSide(
      String code, int status, String errorCode, boolean retriable) {
    sfn.failing(
        MACHINE,
        SfnException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage("it failed").build())
            .build());

    assertThat(sender.send(TargetSender.Kind.STATE_MACHINE, MACHINE, "{}", "run-1"))
        .contains(new TargetSender.Failure(errorCode, code + ": it failed", retriable));
  }

  @Test
  void aMissingStateMachineIsNoResourceAndNotRetried() {
    String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";

    assertThat(sender.send(TargetSender.Kind.STATE_MACHINE, missing, "{}", "run-1"))
        .hasValueSatisfying(
            failure -> {
              assertThat(failure.code()).isEqualTo("NO_RESOURCE");
              assertThat(failure.retriable()).isFalse();
              assertThat(failure.message()).contains(missing);
            });
  }

  @Test
  void anInputStepFunctionsRefusesIsInvalidJsonAndNotRetried() {
    sfn.failing(
        MACHINE,
        InvalidExecutionInputException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("InvalidExecutionInput")
                    .errorMessage("Invalid State Machine Execution Input")
                    .build())
            .build());

    assertThat(sender.send(TargetSender.Kind.STATE_MACHINE, MACHINE, "not json", "run-1"))
        .contains(
            new TargetSender.Failure(
                "INVALID_JSON",
                "InvalidExecutionInput: Invalid State Machine Execution Input",
                false));
  }

  @Test
  void anExecutionAlreadyStartedByAnEarlierAttemptCountsAsDelivered() {
    sfn.failing(
        MACHINE,
        ExecutionAlreadyExistsException.builder().statusCode(400).message("exists").build());

    assertThat(sender.send(TargetSender.Kind.STATE_MACHINE, MACHINE, "{}", "run-1")).isEmpty();
  }

  @Test
  void anUnreachableServiceIsAConnectionFailureAndRetried() {
    sfn.failing(MACHINE, SdkClientException.create("Connection refused"));

    assertThat(sender.send(TargetSender.Kind.STATE_MACHINE, MACHINE, "{}", "run-1"))
        .contains(new TargetSender.Failure("CONNECTION_FAILURE", "Connection refused", true));
  }

  @Test
  void aDeadLetterIsSentToTheQueueTheArnNamesWithStringAttributesLeavingEmptyOnesOut() {
    sqs.create("dlq");

    sender.deadLetter(
        "arn:aws:sqs:us-east-1:123456789012:dlq",
        "{\"id\":\"1\"}",
        Map.of("ERROR_CODE", "NO_RESOURCE", "ERROR_MESSAGE", ""));

    assertThat(sqs.sent())
        .containsExactly(
            new FakeSqs.Message(
                FakeSqs.url("dlq"), "{\"id\":\"1\"}", Map.of("ERROR_CODE", "NO_RESOURCE")));
  }

  @Test
  void aDeadLetterQueueArnThatIsNoSqsArnIsRefusedQuotingIt() {
    assertThatThrownBy(
            () -> sender.deadLetter("arn:aws:sns:us-east-1:123456789012:alerts", "{}", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dead-letter queue \"arn:aws:sns:us-east-1:123456789012:alerts\" is not an SQS queue"
                + " ARN (arn:<partition>:sqs:<region>:<account>:<name>)");
    assertThat(sqs.sent()).isEmpty();
  }
}
