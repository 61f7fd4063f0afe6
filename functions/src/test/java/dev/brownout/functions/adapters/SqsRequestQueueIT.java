package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.ports.RequestQueue.QueueFailure;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.adapters.kms.KmsDataKeys;
import dev.brownout.functions.adapters.sqs.SqsRequestQueue;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.replay.QueuedMessages;
import dev.brownout.functions.testing.MotoServer;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class SqsRequestQueueIT {
  private static final MotoServer MOTO = MotoServer.get();
  private final SqsClient sqs = AwsClients.sqs(Optional.of(MOTO.endpoint()));
  private final KmsClient kms = AwsClients.kms(Optional.of(MOTO.endpoint()));
  private String queueUrl;
  private SqsRequestQueue queue;

  @BeforeEach
  void world() {
    MOTO.reset();
    queueUrl = sqs.createQueue(q -> q.queueName("shop-replay")).queueUrl();
    String key = kms.createKey(k -> {}).keyMetadata().arn();
    queue = new SqsRequestQueue(sqs, queueUrl, new CredentialSeal(new KmsDataKeys(kms, key)));
  }

  private static QueuedRequest write(int bodyBytes) {
    return new QueuedRequest(
        "POST /orders",
        "POST",
        URI.create("http://orders.internal/orders"),
        Map.of("authorization", "Bearer s3cret-token-7f3a", "content-type", "application/json"),
        new byte[bodyBytes],
        "order-1",
        Instant.parse("2026-11-26T10:00:00Z"));
  }

  private int queued() {
    return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().size();
  }

  @Test
  void aWriteWhoseMessageWouldBeOverTheSqsLimitIsRefusedAsTooLargeBeforeSending() {
    // 900 KiB fit the API's 1 MiB body limit, but not SQS's 1 MiB once in base64.
    assertThatThrownBy(() -> queue.enqueue(write(900 * 1024)))
        .isInstanceOfSatisfying(
            QueueFailure.class, e -> assertThat(e.kind()).isEqualTo(QueueFailure.Kind.TOO_LARGE))
        .hasMessageMatching(
            "the queued request would be \\d+ bytes \\(the body in base64 with the request's"
                + " details\\), more than the 1046528 a queued request may be");
    assertThat(queued()).isZero();
  }

  @Test
  void aWriteJustUnderTheLimitIsQueuedWithItsCredentialSealed() throws Exception {
    queue.enqueue(write(700 * 1024));

    String body = sqs.receiveMessage(r -> r.queueUrl(queueUrl)).messages().get(0).body();
    assertThat(body).doesNotContain("s3cret-token-7f3a");
    assertThat(QueuedMessages.read(body).credentials()).isPresent();
  }

  @Test
  void aQueueThatIsNotThereIsUnavailableNotTooLarge() {
    sqs.deleteQueue(d -> d.queueUrl(queueUrl));

    assertThatThrownBy(() -> queue.enqueue(write(10)))
        .isInstanceOfSatisfying(
            QueueFailure.class, e -> assertThat(e.kind()).isEqualTo(QueueFailure.Kind.UNAVAILABLE));
  }
}
