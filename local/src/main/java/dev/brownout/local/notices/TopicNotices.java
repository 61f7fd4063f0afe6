package dev.brownout.local.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Shows on the console every message published to an SNS topic of the local cloud (the workflow's
 * level-change notices): a queue of its own is subscribed to each topic, and topics deployed later
 * are subscribed when the next scan finds them. A message is shown once and deleted; one that is
 * not SNS's envelope is shown as it is.
 */
public final class TopicNotices implements AutoCloseable {
  static final String QUEUE = "brownout-local-notices";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnsClient sns;
  private final SqsClient sqs;
  private final Consumer<String> console;
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private final String queueUrl;
  private final String queueArn;
  private final Thread poller;
  private volatile boolean running = true;
  private volatile long shown;

  public TopicNotices(
      SnsClient sns, SqsClient sqs, Duration rescanEvery, Consumer<String> console) {
    this.sns = sns;
    this.sqs = sqs;
    this.console = console;
    this.queueUrl = sqs.createQueue(r -> r.queueName(QUEUE)).queueUrl();
    this.queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    this.poller = Thread.ofVirtual().name("topic-notices").start(() -> loop(rescanEvery));
  }

  private void loop(Duration rescanEvery) {
    long nextScan = 0;
    while (running) {
      try {
        if (System.nanoTime() >= nextScan) {
          subscribeNewTopics();
          nextScan = System.nanoTime() + rescanEvery.toNanos();
        }
        for (Message message :
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                .messages()) {
          console.accept(describe(message.body()));
          shown++;
          sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
      } catch (RuntimeException e) {
        if (running) {
          console.accept("notices: " + e.getMessage());
          sleep();
        }
      }
    }
  }

  /** Subscribes the notice queue to every topic it is not subscribed to yet. */
  void subscribeNewTopics() {
    for (Topic topic : sns.listTopicsPaginator().topics()) {
      if (subscribed.add(topic.topicArn())) {
        sns.subscribe(r -> r.topicArn(topic.topicArn()).protocol("sqs").endpoint(queueArn));
      }
    }
  }

  /** {@code topic: subject: message} from SNS's envelope. */
  static String describe(String body) {
    try {
      JsonNode envelope = JSON.readTree(body);
      if (envelope.has("TopicArn") && envelope.has("Message")) {
        String topic = envelope.path("TopicArn").asText();
        String subject = envelope.path("Subject").asText("");
        return "notice on "
            + topic.substring(topic.lastIndexOf(':') + 1)
            + ": "
            + (subject.isEmpty() ? "" : subject + ": ")
            + envelope.path("Message").asText();
      }
    } catch (IOException e) {
      // not JSON: shown as it is
    }
    return "notice: " + body;
  }

  public Set<String> topics() {
    return Set.copyOf(subscribed);
  }

  public long shown() {
    return shown;
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
