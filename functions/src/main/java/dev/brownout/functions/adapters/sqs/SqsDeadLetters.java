package dev.brownout.functions.adapters.sqs;

import dev.brownout.functions.replay.DeadLetters;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The dead-letter queue of the replay queue; each message says why it is there. The body is the
 * queued message as it was: its credential stays sealed, and it can be moved back to the replay
 * queue as it is. An SQS failure is thrown (the caller leaves the message on the replay queue).
 */
public final class SqsDeadLetters implements DeadLetters {
  public static final String REASON = "Reason";

  /**
   * Longer reasons are cut: with the attribute's name and type this stays within what {@link
   * SqsRequestQueue#RESERVED_FOR_DEAD_LETTER} keeps free.
   */
  static final int MAX_REASON_CODE_POINTS = 500;

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsDeadLetters(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(String messageBody, String reason) {
    String kept =
        reason.codePointCount(0, reason.length()) <= MAX_REASON_CODE_POINTS
            ? reason
            : reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON_CODE_POINTS - 1)) + "…";
    sqs.sendMessage(
        m ->
            m.queueUrl(queueUrl)
                .messageBody(messageBody)
                .messageAttributes(
                    Map.of(
                        REASON,
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue(kept)
                            .build())));
  }
}
