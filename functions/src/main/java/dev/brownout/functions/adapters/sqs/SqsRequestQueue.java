package dev.brownout.functions.adapters.sqs;

import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.replay.QueuedMessages;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SQS queue behind the {@code queue} fallback; the replay function reads it. The client's
 * credential is sealed ({@link CredentialSeal}) before the message is written.
 *
 * <p>Fails with {@link QueueFailure.Kind#TOO_LARGE} before sending when the message would be larger
 * than SQS takes, and with {@link QueueFailure.Kind#UNAVAILABLE} when SQS or the key service does
 * not answer or refuses: nothing is queued then.
 */
public final class SqsRequestQueue implements RequestQueue {
  public static final String IDEMPOTENCY_KEY = "IdempotencyKey";

  /** The largest message SQS takes (1 MiB since 2025): body and attributes together. */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  /**
   * Left free in a queued message for the reason a dead letter adds ({@link SqsDeadLetters}), so a
   * write that was queued can always be dead-lettered too.
   */
  static final int RESERVED_FOR_DEAD_LETTER = 2048;

  private final SqsClient sqs;
  private final String queueUrl;
  private final CredentialSeal seal;

  public SqsRequestQueue(SqsClient sqs, String queueUrl, CredentialSeal seal) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.seal = seal;
  }

  @Override
  public void enqueue(QueuedRequest request) throws QueueFailure {
    String body;
    try {
      body = QueuedMessages.write(request, seal);
    } catch (DataKeys.KeyFailure e) {
      throw new QueueFailure(
          QueueFailure.Kind.UNAVAILABLE,
          "the client's credential could not be sealed for the queue: " + e.getMessage(),
          e);
    }
    int size =
        body.getBytes(StandardCharsets.UTF_8).length
            + attributeBytes(IDEMPOTENCY_KEY, request.idempotencyKey());
    int limit = MAX_MESSAGE_BYTES - RESERVED_FOR_DEAD_LETTER;
    if (size > limit) {
      throw new QueueFailure(
          QueueFailure.Kind.TOO_LARGE,
          "the queued request would be "
              + size
              + " bytes (the body in base64 with the request's details), more than the "
              + limit
              + " a queued request may be",
          null);
    }
    try {
      sqs.sendMessage(
          m ->
              m.queueUrl(queueUrl)
                  .messageBody(body)
                  .messageAttributes(
                      Map.of(
                          IDEMPOTENCY_KEY,
                          MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue(request.idempotencyKey())
                              .build())));
    } catch (SdkException e) {
      throw new QueueFailure(
          QueueFailure.Kind.UNAVAILABLE,
          "the queue did not take the request: " + e.getMessage(),
          e);
    }
  }

  /** What SQS counts for a String attribute: its name, its data type and its value. */
  static int attributeBytes(String name, String value) {
    return (name + "String" + value).getBytes(StandardCharsets.UTF_8).length;
  }
}
