package dev.brownout.functions.adapters.sqs;

import dev.brownout.core.api.RequestQueue;
import dev.brownout.functions.replay.QueuedMessages;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The SQS queue behind the {@code queue} fallback; the replay function reads it. */
public final class SqsRequestQueue implements RequestQueue {
  public static final String IDEMPOTENCY_KEY = "IdempotencyKey";

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsRequestQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(QueuedRequest request) throws QueueFailure {
    try {
      sqs.sendMessage(
          m ->
              m.queueUrl(queueUrl)
                  .messageBody(QueuedMessages.write(request))
                  .messageAttributes(
                      Map.of(
                          IDEMPOTENCY_KEY,
                          MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue(request.idempotencyKey())
                              .build())));
    } catch (SdkException e) {
      throw new QueueFailure("the queue did not take the request: " + e.getMessage(), e);
    }
  }
}
