package dev.brownout.local.schedules;

import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.Invoker;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends one input to one target the way EventBridge does, and dead-letter messages to SQS. Only the
 * two kinds of target the local cloud runs are sent to: Lambda functions, invoked asynchronously as
 * EventBridge invokes them (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html">eb-targets</a>),
 * and Step Functions state machines, each delivery starting one execution.
 *
 * <p>A failure carries the {@code ERROR_CODE} EventBridge reports on dead-letter messages (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html">eb-rule-dlq</a>)
 * and whether it is retried: per that page, "for errors that result from missing permissions to a
 * target, or a target resource that no longer exists ... EventBridge sends these events directly to
 * the DLQ", and EventBridge retries only throttling and server errors (5xx, 429), not other 4xx.
 */
final class TargetSender {
  private final Invoker invoker;
  private final SfnClient sfn;
  private final SqsClient sqs;

  TargetSender(Invoker invoker, SfnClient sfn, SqsClient sqs) {
    this.invoker = invoker;
    this.sfn = sfn;
    this.sqs = sqs;
  }

  enum Kind {
    LAMBDA,
    STATE_MACHINE
  }

  /**
   * Why a delivery failed.
   *
   * @param code the dead-letter {@code ERROR_CODE}
   * @param retriable whether EventBridge retries it under the target's retry policy
   */
  record Failure(String code, String message, boolean retriable) {}

  /**
   * The kind of target an ARN names: {@code arn:<partition>:lambda:<region>:<account>:function:
   * <name>[:<qualifier>]} or {@code arn:<partition>:states:<region>:<account>:stateMachine:<name>};
   * empty for anything else.
   */
  static Optional<Kind> kindOf(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length < 7 || !parts[0].equals("arn") || parts[6].isEmpty()) {
      return Optional.empty();
    }
    if (parts[2].equals("lambda") && parts[5].equals("function") && parts.length <= 8) {
      return Optional.of(Kind.LAMBDA);
    }
    if (parts[2].equals("states") && parts[5].equals("stateMachine") && parts.length == 7) {
      return Optional.of(Kind.STATE_MACHINE);
    }
    return Optional.empty();
  }

  /**
   * Delivers {@code input} to the target once.
   *
   * @param executionName the name of the execution a state machine target starts; a retry reuses
   *     it, so that an execution already started by an attempt that seemed to fail is not started
   *     twice
   * @return empty when delivered, else why not
   */
  Optional<Failure> send(Kind kind, String arn, String input, String executionName) {
    try {
      switch (kind) {
        case LAMBDA -> invoker.invokeAsync(arn, input.getBytes(StandardCharsets.UTF_8));
        case STATE_MACHINE ->
            sfn.startExecution(
                request -> request.stateMachineArn(arn).name(executionName).input(input));
      }
      return Optional.empty();
    } catch (FunctionNotFoundException e) {
      return Optional.of(new Failure("NO_RESOURCE", e.getMessage(), false));
    } catch (ExecutionAlreadyExistsException e) {
      return Optional.empty();
    } catch (StateMachineDoesNotExistException e) {
      return Optional.of(new Failure("NO_RESOURCE", message(e), false));
    } catch (InvalidExecutionInputException e) {
      return Optional.of(new Failure("INVALID_JSON", message(e), false));
    } catch (AwsServiceException e) {
      if (e.isThrottlingException()) {
        return Optional.of(new Failure("THROTTLING", message(e), true));
      }
      if (e.statusCode() >= 500) {
        return Optional.of(new Failure("ERROR_FROM_TARGET", message(e), true));
      }
      if (e.statusCode() == 403) {
        return Optional.of(new Failure("NO_PERMISSIONS", message(e), false));
      }
      return Optional.of(new Failure("INVALID_PARAMETER", message(e), false));
    } catch (SdkClientException e) {
      return Optional.of(new Failure("CONNECTION_FAILURE", e.getMessage(), true));
    } catch (RuntimeException e) {
      // The local runtime could not take the invocation (a JVM that would not start, ...).
      return Optional.of(new Failure("INTERNAL_ERROR", String.valueOf(e.getMessage()), true));
    }
  }

  private static String message(AwsServiceException e) {
    return e.awsErrorDetails() == null
        ? e.getMessage()
        : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
  }

  /**
   * Sends {@code body} to the SQS queue {@code queueArn} with {@code attributes} as String message
   * attributes (an empty one is left out, as SQS refuses empty values).
   *
   * @throws IllegalArgumentException if {@code queueArn} is not an SQS queue ARN
   * @throws software.amazon.awssdk.core.exception.SdkException if SQS refuses or cannot be reached
   */
  void deadLetter(String queueArn, String body, Map<String, String> attributes) {
    String[] parts = queueArn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")) {
      throw new IllegalArgumentException(
          "dead-letter queue \""
              + queueArn
              + "\" is not an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)");
    }
    String url =
        sqs.getQueueUrl(request -> request.queueName(parts[5]).queueOwnerAWSAccountId(parts[4]))
            .queueUrl();
    Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) -> {
          // SQS refuses empty attribute values.
          if (!value.isEmpty()) {
            values.put(
                name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build());
          }
        });
    sqs.sendMessage(request -> request.queueUrl(url).messageBody(body).messageAttributes(values));
  }
}
