package dev.brownout.local.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.brownout.local.lambda.InvokeResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Lambda's SQS poller does with a batch once the function has answered: which messages it
 * deletes and which it leaves to come back after the queue's visibility timeout.
 *
 * <p>As Lambda's developer guide states it ("Using Lambda with Amazon SQS", reporting batch item
 * failures, success and failure conditions):
 *
 * <ul>
 *   <li>a function error (the invocation failed) deletes none;
 *   <li>a success without {@code ReportBatchItemFailures} on the mapping deletes all, whatever the
 *       function answered;
 *   <li>with it, an empty or null {@code batchItemFailures} list, an empty answer or {@code null}
 *       is a complete success: all are deleted;
 *   <li>a list of {@code {"itemIdentifier": messageId}} deletes all but the messages named;
 *   <li>"an invalid JSON response", "an empty string itemIdentifier", "a null itemIdentifier", "an
 *       itemIdentifier with a bad key name" and "an itemIdentifier value with a message ID that
 *       doesn't exist" make the batch a complete failure: none is deleted. An answer that is JSON
 *       but not an object, or a {@code batchItemFailures} that is not a list of objects, cannot be
 *       read as the response either and counts as invalid too.
 * </ul>
 *
 * Pure: no I/O.
 *
 * @param deleted the ids of the messages to delete, in batch order
 * @param retried the ids of the messages left on the queue, in batch order
 * @param failure why the whole batch failed, when it did; empty for a success, partial or not
 */
public record BatchOutcome(List<String> deleted, List<String> retried, Optional<String> failure) {
  // "{} trailing" is no more a response than "trailing" is.
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final int QUOTE_LIMIT = 200;

  public BatchOutcome {
    deleted = List.copyOf(deleted);
    retried = List.copyOf(retried);
  }

  /**
   * @param messageIds the batch's message ids, in the order the event listed them
   * @param result what the invocation answered
   * @param reportBatchItemFailures whether the mapping's {@code FunctionResponseTypes} holds {@code
   *     ReportBatchItemFailures}
   */
  public static BatchOutcome of(
      List<String> messageIds, InvokeResult result, boolean reportBatchItemFailures) {
    if (result.failed()) {
      return failed(messageIds, functionError(result));
    }
    if (!reportBatchItemFailures) {
      return new BatchOutcome(messageIds, List.of(), Optional.empty());
    }
    String text = result.payloadText();
    if (text.isBlank()) {
      return new BatchOutcome(messageIds, List.of(), Optional.empty());
    }
    JsonNode response;
    try {
      response = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return failed(messageIds, "the response is not JSON: " + quote(text));
    }
    if (response == null || response.isNull()) {
      return new BatchOutcome(messageIds, List.of(), Optional.empty());
    }
    if (!response.isObject()) {
      return failed(messageIds, "the response is not a JSON object: " + quote(text));
    }
    JsonNode failures = response.get("batchItemFailures");
    if (failures == null || failures.isNull()) {
      return new BatchOutcome(messageIds, List.of(), Optional.empty());
    }
    if (!failures.isArray()) {
      return failed(messageIds, "batchItemFailures is not a list: " + quote(failures.toString()));
    }
    Set<String> inBatch = Set.copyOf(messageIds);
    Set<String> named = new HashSet<>();
    for (int i = 0; i < failures.size(); i++) {
      JsonNode item = failures.get(i);
      String where = "batchItemFailures[" + i + "]";
      if (!item.isObject()) {
        return failed(messageIds, where + " is not an object: " + quote(item.toString()));
      }
      JsonNode id = item.get("itemIdentifier");
      if (id == null || id.isNull()) {
        return failed(messageIds, where + " has no itemIdentifier: " + quote(item.toString()));
      }
      if (!id.isTextual()) {
        return failed(messageIds, where + ".itemIdentifier is not a string: " + id);
      }
      if (id.asText().isEmpty()) {
        return failed(messageIds, where + ".itemIdentifier is empty");
      }
      if (!inBatch.contains(id.asText())) {
        return failed(
            messageIds,
            where + ".itemIdentifier " + quote(id.asText()) + " is not a message of this batch");
      }
      named.add(id.asText());
    }
    List<String> deleted = new ArrayList<>();
    List<String> retried = new ArrayList<>();
    for (String id : messageIds) {
      (named.contains(id) ? retried : deleted).add(id);
    }
    return new BatchOutcome(deleted, retried, Optional.empty());
  }

  /** The whole batch failed for {@code reason} (e.g. the function could not be invoked). */
  public static BatchOutcome failed(List<String> messageIds, String reason) {
    return new BatchOutcome(List.of(), messageIds, Optional.of(reason));
  }

  public boolean batchFailed() {
    return failure.isPresent();
  }

  private static String functionError(InvokeResult result) {
    String kind = result.functionError().orElse("Unhandled");
    String text = result.payloadText();
    try {
      JsonNode error = JSON.readTree(text);
      if (error != null && error.isObject() && error.hasNonNull("errorMessage")) {
        String type = error.path("errorType").asText("");
        return "function error ("
            + kind
            + "): "
            + (type.isEmpty() ? "" : type + ": ")
            + truncate(error.get("errorMessage").asText());
      }
    } catch (JsonProcessingException e) {
      // Not an error document: quoted as it is below.
    }
    return "function error (" + kind + "): " + quote(text);
  }

  private static String quote(String text) {
    return "\"" + truncate(text) + "\"";
  }

  private static String truncate(String text) {
    return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
  }
}
