package dev.brownout.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class SqsEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:brownout-shop-replay";

  @Test
  void theReplayFixturesMessageBecomesExactlyTheFixturesEvent() throws IOException {
    JsonNode fixture = JSON.readTree(Path.of("../events/replay/sqs-event.json").toFile());
    JsonNode record = fixture.get("Records").get(0);
    Message message =
        Message.builder()
            .messageId(record.get("messageId").asText())
            .receiptHandle(record.get("receiptHandle").asText())
            .body(record.get("body").asText())
            .md5OfBody(record.get("md5OfBody").asText())
            .attributesWithStrings(
                Map.of(
                    "ApproximateFirstReceiveTimestamp", "1795687205100",
                    "SenderId", "AIDAIENQZJOLO23YVJ4VO",
                    "SentTimestamp", "1795687205000",
                    "ApproximateReceiveCount", "1"))
            .messageAttributes(
                Map.of(
                    "IdempotencyKey",
                    MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue("order-7f3a9c")
                        .build()))
            .build();

    JsonNode event = JSON.readTree(SqsEvents.event(List.of(message), QUEUE));

    assertThat(event).isEqualTo(fixture);
  }

  @Test
  void lambdasSerializerReadsEveryFieldOfTheEvent() {
    Message message =
        Message.builder()
            .messageId("m-1")
            .receiptHandle("handle-1")
            .body("{\"a\":1}")
            .md5OfBody("body-md5")
            .md5OfMessageAttributes("attributes-md5")
            .attributesWithStrings(
                Map.of(
                    "ApproximateReceiveCount", "3",
                    "SentTimestamp", "1700000000000",
                    "SenderId", "AIDAEXAMPLE",
                    "ApproximateFirstReceiveTimestamp", "1700000000100"))
            .messageAttributes(
                Map.of(
                    "text",
                    MessageAttributeValue.builder().dataType("String").stringValue("v").build(),
                    "bytes",
                    MessageAttributeValue.builder()
                        .dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2}))
                        .build()))
            .build();

    SQSEvent event = read(SqsEvents.event(List.of(message), "arn:aws:sqs:eu-west-1:111:orders"));

    SQSEvent.SQSMessage record = event.getRecords().get(0);
    assertThat(record.getMessageId()).isEqualTo("m-1");
    assertThat(record.getReceiptHandle()).isEqualTo("handle-1");
    assertThat(record.getBody()).isEqualTo("{\"a\":1}");
    assertThat(record.getMd5OfBody()).isEqualTo("body-md5");
    assertThat(record.getMd5OfMessageAttributes()).isEqualTo("attributes-md5");
    assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:111:orders");
    assertThat(record.getAwsRegion()).isEqualTo("eu-west-1");
    assertThat(record.getAttributes())
        .containsEntry("ApproximateReceiveCount", "3")
        .containsEntry("SentTimestamp", "1700000000000")
        .containsEntry("SenderId", "AIDAEXAMPLE")
        .containsEntry("ApproximateFirstReceiveTimestamp", "1700000000100");
    assertThat(record.getMessageAttributes().get("text").getStringValue()).isEqualTo("v");
    assertThat(record.getMessageAttributes().get("text").getDataType()).isEqualTo("String");
    assertThat(record.getMessageAttributes().get("text").getStringListValues()).isEmpty();
    assertThat(record.getMessageAttributes().get("bytes").getBinaryValue())
        .isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2}));
    assertThat(record.getMessageAttributes().get("bytes").getDataType()).isEqualTo("Binary");
  }

  @Test
  void aMessageWithoutAttributesHasNoAttributesDigestAndAnEmptyAttributeMap() throws IOException {
    Message message =
        Message.builder().messageId("m").receiptHandle("h").body("Test message.").build();

    JsonNode record = JSON.readTree(SqsEvents.event(List.of(message), QUEUE)).get("Records").get(0);

    assertThat(record.has("md5OfMessageAttributes")).isFalse();
    assertThat(record.get("messageAttributes").isEmpty()).isTrue();
    assertThat(record.get("attributes").isEmpty()).isTrue();
    // The digest SQS would have sent, as in Lambda's own example event.
    assertThat(record.get("md5OfBody").asText()).isEqualTo("e4e68fb7bd0e697a0ae8f1bb342846b3");
  }

  @Test
  void fifoAttributesFollowLambdasFourInNameOrder() throws IOException {
    Message message =
        Message.builder()
            .messageId("m")
            .receiptHandle("h")
            .body("b")
            .attributesWithStrings(
                Map.of(
                    "SequenceNumber", "18849496460467696128",
                    "MessageGroupId", "1",
                    "ApproximateReceiveCount", "1",
                    "SentTimestamp", "1573251510774",
                    "SenderId", "AIDAIO23YVJENQZJOL4VO",
                    "MessageDeduplicationId", "1",
                    "ApproximateFirstReceiveTimestamp", "1573251510774"))
            .build();

    JsonNode attributes =
        JSON.readTree(SqsEvents.event(List.of(message), QUEUE + ".fifo"))
            .get("Records")
            .get(0)
            .get("attributes");

    List<String> names = new ArrayList<>();
    attributes.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "ApproximateReceiveCount",
            "SentTimestamp",
            "SenderId",
            "ApproximateFirstReceiveTimestamp",
            "MessageDeduplicationId",
            "MessageGroupId",
            "SequenceNumber");
  }

  @Test
  void recordsBeyondThePayloadLimitAreLeftOutInOrder() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Message> messages = new ArrayList<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        messages.add(message("m-" + i, "x".repeat(random.nextInt(3000))));
      }
      int limit = 500 + random.nextInt(20_000);

      SqsEvents.Event event = SqsEvents.event(messages, QUEUE, limit);

      JsonNode records = JSON.readTree(event.payload()).get("Records");
      assertThat(records.size()).isEqualTo(event.records()).isPositive();
      for (int i = 0; i < records.size(); i++) {
        assertThat(records.get(i).get("messageId").asText()).isEqualTo("m-" + i);
      }
      if (event.records() > 1) {
        assertThat(event.payload().length).isLessThanOrEqualTo(limit);
      }
      if (event.records() < count) {
        // The next record would not have fitted.
        byte[] withNext =
            SqsEvents.event(messages.subList(0, event.records() + 1), QUEUE, Integer.MAX_VALUE)
                .payload();
        assertThat(withNext.length).isGreaterThan(limit);
      }
    }
  }

  @Test
  void aFirstRecordLargerThanTheLimitIsSentAlone() {
    List<Message> messages = List.of(message("big", "x".repeat(5000)), message("small", "y"));

    SqsEvents.Event event = SqsEvents.event(messages, QUEUE, 1000);

    assertThat(event.records()).isEqualTo(1);
    assertThat(read(event.payload()).getRecords().get(0).getMessageId()).isEqualTo("big");
  }

  @Test
  void anEmptyBatchIsRefused() {
    assertThatThrownBy(() -> SqsEvents.event(List.of(), QUEUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one message");
  }

  @Test
  void aSourceThatIsNotAQueueArnIsRefusedAndQuoted() {
    assertThatThrownBy(
            () ->
                SqsEvents.event(
                    List.of(message("m", "b")), "arn:aws:kinesis:us-east-1:1:stream/orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"arn:aws:kinesis:us-east-1:1:stream/orders\"");
  }

  private static Message message(String id, String body) {
    return Message.builder()
        .messageId(id)
        .receiptHandle("handle-" + id)
        .body(body)
        .attributesWithStrings(Map.of("ApproximateReceiveCount", "1"))
        .build();
  }

  private static SQSEvent read(byte[] payload) {
    return LambdaEventSerializers.serializerFor(
            SQSEvent.class, SqsEventsTest.class.getClassLoader())
        .fromJson(new String(payload, StandardCharsets.UTF_8));
  }
}
