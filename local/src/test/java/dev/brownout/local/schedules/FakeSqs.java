package dev.brownout.local.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** SQS in memory: the messages sent to the queues it knows. */
final class FakeSqs implements SqsClient {
  /** One message sent, with its String attributes. */
  record Message(String queueUrl, String body, Map<String, String> attributes) {}

  private final List<String> queues = new ArrayList<>();
  private final List<Message> sent = new ArrayList<>();

  FakeSqs create(String name) {
    queues.add(name);
    return this;
  }

  static String url(String name) {
    return "http://sqs.us-east-1.localhost/" + FakeEventBridge.ACCOUNT + "/" + name;
  }

  List<Message> sent() {
    return List.copyOf(sent);
  }

  @Override
  public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
    if (!queues.contains(request.queueName())
        || !FakeEventBridge.ACCOUNT.equals(request.queueOwnerAWSAccountId())) {
      throw QueueDoesNotExistException.builder()
          .message("The specified queue does not exist.")
          .build();
    }
    return GetQueueUrlResponse.builder().queueUrl(url(request.queueName())).build();
  }

  @Override
  public SendMessageResponse sendMessage(SendMessageRequest request) {
    Map<String, String> attributes = new TreeMap<>();
    request
        .messageAttributes()
        .forEach(
            (name, value) -> {
              if (!"String".equals(value.dataType())) {
                throw new IllegalArgumentException(name + " is not a String attribute");
              }
              attributes.put(name, value.stringValue());
            });
    sent.add(new Message(request.queueUrl(), request.messageBody(), attributes));
    return SendMessageResponse.builder().messageId("m-" + sent.size()).build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
