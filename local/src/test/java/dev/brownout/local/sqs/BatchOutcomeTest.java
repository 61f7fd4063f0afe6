package dev.brownout.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.brownout.local.lambda.InvokeResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchOutcomeTest {
  private static final List<String> BATCH = List.of("a", "b", "c");
  private static final String ERROR =
      "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}";

  static Stream<Arguments> successes() {
    return Stream.of(
        // scenario, response, ReportBatchItemFailures, deleted, retried
        Arguments.of(
            "no partial responses: the answer is ignored", failing("b"), false, BATCH, none()),
        Arguments.of("one item failure", failing("b"), true, List.of("a", "c"), List.of("b")),
        Arguments.of("two item failures", failing("c", "a"), true, List.of("b"), List.of("a", "c")),
        Arguments.of(
            "a failure named twice", failing("b", "b"), true, List.of("a", "c"), List.of("b")),
        Arguments.of("every item failed", failing("a", "b", "c"), true, none(), BATCH),
        Arguments.of("an empty list", "{\"batchItemFailures\":[]}", true, BATCH, none()),
        Arguments.of("a null list", "{\"batchItemFailures\":null}", true, BATCH, none()),
        Arguments.of("an empty response", "{}", true, BATCH, none()),
        Arguments.of("a null response", "null", true, BATCH, none()),
        Arguments.of("no answer at all", "", true, BATCH, none()),
        Arguments.of("an answer without the list", "{\"statusCode\":200}", true, BATCH, none()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("successes")
  void aSuccessfulInvocationDeletesAllButTheReportedFailures(
      String scenario,
      String response,
      boolean reportBatchItemFailures,
      List<String> deleted,
      List<String> retried) {
    BatchOutcome outcome = BatchOutcome.of(BATCH, success(response), reportBatchItemFailures);

    assertThat(outcome.batchFailed()).isFalse();
    assertThat(outcome.deleted()).isEqualTo(deleted);
    assertThat(outcome.retried()).isEqualTo(retried);
  }

  static Stream<Arguments> invalidResponses() {
    return Stream.of(
        // scenario, response, what the reason says
        Arguments.of(
            "a message id not in the batch",
            failing("b", "zzz"),
            "\"zzz\" is not a message of this batch"),
        Arguments.of(
            "an empty itemIdentifier", failing(""), "batchItemFailures[0].itemIdentifier is empty"),
        Arguments.of(
            "a null itemIdentifier",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "batchItemFailures[0] has no itemIdentifier"),
        Arguments.of(
            "a bad key name",
            "{\"batchItemFailures\":[{\"itemIdentifer\":\"b\"}]}",
            "batchItemFailures[0] has no itemIdentifier: \"{\"itemIdentifer\":\"b\"}\""),
        Arguments.of(
            "an itemIdentifier that is not a string",
            "{\"batchItemFailures\":[{\"itemIdentifier\":7}]}",
            "itemIdentifier is not a string: 7"),
        Arguments.of(
            "an item that is not an object",
            "{\"batchItemFailures\":[\"b\"]}",
            "batchItemFailures[0] is not an object: \"\"b\"\""),
        Arguments.of(
            "a list that is not a list",
            "{\"batchItemFailures\":\"b\"}",
            "batchItemFailures is not a list"),
        Arguments.of("invalid JSON", "{\"batchItemFailures\":[", "the response is not JSON"),
        Arguments.of("JSON followed by more", "{} {}", "the response is not JSON"),
        Arguments.of("a string", "\"done\"", "the response is not a JSON object: \"\"done\"\""),
        Arguments.of("a list", "[]", "the response is not a JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidResponses")
  void anInvalidResponseFailsTheWholeBatch(String scenario, String response, String reason) {
    BatchOutcome outcome = BatchOutcome.of(BATCH, success(response), true);

    assertThat(outcome.batchFailed()).isTrue();
    assertThat(outcome.deleted()).isEmpty();
    assertThat(outcome.retried()).isEqualTo(BATCH);
    assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f).contains(reason));
  }

  @ParameterizedTest(name = "ReportBatchItemFailures {0}")
  @ValueSource(booleans = {true, false})
  void aFunctionErrorDeletesNothingAndSaysWhatFailed(boolean reportBatchItemFailures) {
    InvokeResult error = InvokeResult.unhandled(ERROR.getBytes(StandardCharsets.UTF_8));

    BatchOutcome outcome = BatchOutcome.of(BATCH, error, reportBatchItemFailures);

    assertThat(outcome.deleted()).isEmpty();
    assertThat(outcome.retried()).isEqualTo(BATCH);
    assertThat(outcome.failure())
        .hasValue("function error (Unhandled): java.lang.IllegalStateException: boom");
  }

  @Test
  void aFunctionErrorThatIsNotAnErrorDocumentIsQuoted() {
    InvokeResult error = InvokeResult.unhandled("Task timed out".getBytes(StandardCharsets.UTF_8));

    assertThat(BatchOutcome.of(BATCH, error, true).failure())
        .hasValue("function error (Unhandled): \"Task timed out\"");
  }

  @Test
  void theReplayFunctionsOwnResponseAsLambdasSerializerWritesItDeletesTheOthers() {
    SQSBatchResponse response =
        SQSBatchResponse.builder()
            .withBatchItemFailures(
                List.of(
                    SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("c").build()))
            .build();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(
            SQSBatchResponse.class, BatchOutcomeTest.class.getClassLoader())
        .toJson(response, json);

    BatchOutcome outcome = BatchOutcome.of(BATCH, InvokeResult.success(json.toByteArray()), true);

    assertThat(outcome.deleted()).containsExactly("a", "b");
    assertThat(outcome.retried()).containsExactly("c");
  }

  @Test
  void aBatchThatCouldNotBeInvokedKeepsEveryMessageWithTheReason() {
    BatchOutcome outcome = BatchOutcome.failed(BATCH, "Function not found: replay");

    assertThat(outcome.deleted()).isEmpty();
    assertThat(outcome.retried()).isEqualTo(BATCH);
    assertThat(outcome.failure()).hasValue("Function not found: replay");
  }

  private static InvokeResult success(String payload) {
    return InvokeResult.success(payload.getBytes(StandardCharsets.UTF_8));
  }

  private static String failing(String... ids) {
    StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
    for (int i = 0; i < ids.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"itemIdentifier\":\"").append(ids[i]).append("\"}");
    }
    return json.append("]}").toString();
  }

  private static List<String> none() {
    return List.of();
  }
}
