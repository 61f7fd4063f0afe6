package dev.brownout.local.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event Lambda's SQS poller hands a function for a batch of received messages: {@code
 * {"Records":[{"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
 * "md5OfBody", "md5OfMessageAttributes"?, "eventSource": "aws:sqs", "eventSourceARN",
 * "awsRegion"}]}}, as in Lambda's developer guide ("Using Lambda with Amazon SQS").
 *
 * <p>System attributes are passed as SQS returned them (the poller asks for all); message
 * attributes carry {@code stringValue} or base64 {@code binaryValue}, both list fields (empty when
 * SQS gave none) and {@code dataType}, as Lambda sends them. {@code md5OfMessageAttributes} is
 * present only when the message has attributes. Pure: no I/O.
 */
public final class SqsEvents {
  /** Lambda's quota for a synchronous invocation's payload (6 MB). */
  public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  // Lambda's own order; attributes SQS adds beyond these follow by name.
  private static final List<String> ATTRIBUTE_ORDER =
      List.of(
          "ApproximateReceiveCount",
          "SentTimestamp",
          "SenderId",
          "ApproximateFirstReceiveTimestamp");
  private static final byte[] HEAD = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

  private SqsEvents() {}

  /**
   * One invocation's event: the messages in order, as many as fit in {@code maxBytes} and always
   * the first, which Lambda would send alone even if it were larger.
   *
   * @param payload the event, UTF-8 JSON
   * @param records how many of the messages, from the first, it holds; the poller returns the
   *     others to the queue
   */
  public record Event(byte[] payload, int records) {}

  /**
   * @param messages as {@code ReceiveMessage} returned them
   * @param queueArn the queue they came from; its region is the records' {@code awsRegion}
   * @throws IllegalArgumentException if there are no messages, if {@code queueArn} is not an SQS
   *     queue's ARN, or if a message lacks its id, receipt handle or body
   */
  public static Event event(List<Message> messages, String queueArn, int maxBytes) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("an SQS event needs at least one message, got none");
    }
    QueueArn queue = QueueArn.parse(queueArn);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEAD);
    int records = 0;
    for (Message message : messages) {
      byte[] record = bytes(record(message, queue));
      int size = out.size() + (records == 0 ? 0 : 1) + record.length + TAIL.length;
      if (records > 0 && size > maxBytes) {
        break;
      }
      if (records > 0) {
        out.write(',');
      }
      out.writeBytes(record);
      records++;
    }
    out.writeBytes(TAIL);
    return new Event(out.toByteArray(), records);
  }

  /** The whole batch in one event, whatever its size. */
  public static byte[] event(List<Message> messages, String queueArn) {
    return event(messages, queueArn, Integer.MAX_VALUE).payload();
  }

  private static ObjectNode record(Message message, QueueArn queue) {
    require(message.messageId(), "messageId", message);
    require(message.receiptHandle(), "receiptHandle", message);
    require(message.body(), "body", message);
    ObjectNode record = JSON.createObjectNode();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    record.set("attributes", attributes(message.attributesAsStrings()));
    record.set("messageAttributes", messageAttributes(message.messageAttributes()));
    record.put(
        "md5OfBody", message.md5OfBody() != null ? message.md5OfBody() : md5(message.body()));
    if (message.hasMessageAttributes()
        && !message.messageAttributes().isEmpty()
        && message.md5OfMessageAttributes() != null) {
      record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    }
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queue.arn());
    record.put("awsRegion", queue.region());
    return record;
  }

  private static ObjectNode attributes(Map<String, String> given) {
    ObjectNode node = JSON.createObjectNode();
    for (String name : ATTRIBUTE_ORDER) {
      if (given.containsKey(name)) {
        node.put(name, given.get(name));
      }
    }
    new TreeMap<>(given)
        .forEach(
            (name, value) -> {
              if (!ATTRIBUTE_ORDER.contains(name)) {
                node.put(name, value);
              }
            });
    return node;
  }

  private static ObjectNode messageAttributes(Map<String, MessageAttributeValue> given) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(given)
        .forEach(
            (name, value) -> {
              ObjectNode attribute = node.putObject(name);
              if (value.stringValue() != null) {
                attribute.put("stringValue", value.stringValue());
              }
              if (value.binaryValue() != null) {
                attribute.put("binaryValue", base64(value.binaryValue()));
              }
              ArrayNode strings = attribute.putArray("stringListValues");
              value.stringListValues().forEach(strings::add);
              ArrayNode binaries = attribute.putArray("binaryListValues");
              value.binaryListValues().forEach(b -> binaries.add(base64(b)));
              attribute.put("dataType", value.dataType());
            });
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }

  private static void require(String value, String field, Message message) {
    if (value == null) {
      throw new IllegalArgumentException("received message has no " + field + ": " + message);
    }
  }

  private static String md5(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an SQS event record", e);
    }
  }
}
