package dev.brownout.functions.adapters.sqs;

import dev.brownout.functions.replay.DeadLetters;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The dead-letter queue of the replay queue; each message says why it is there. */
public final class SqsDeadLetters implements DeadLetters {
  public static final String REASON = "Reason";

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsDeadLetters(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(String messageBody, String reason) {
    sqs.sendMessage(
        m ->
            m.queueUrl(queueUrl)
                .messageBody(messageBody)
                .messageAttributes(
                    Map.of(
                        REASON,
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue(reason)
                            .build())));
  }
}
