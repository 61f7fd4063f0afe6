package dev.brownout.local.sqs;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

/**
 * An event source mapping from an SQS queue, as the poller follows it.
 *
 * @param batchingWindow {@code MaximumBatchingWindowInSeconds}; zero for FIFO queues, where Lambda
 *     has no batching window
 * @param filtered whether the mapping has filter criteria (which the poller does not apply)
 */
record SqsMapping(
    String uuid,
    QueueArn queue,
    String functionArn,
    int batchSize,
    Duration batchingWindow,
    boolean reportBatchItemFailures,
    String state,
    boolean filtered) {
  /** Lambda's default for SQS when the mapping names none. */
  static final int DEFAULT_BATCH_SIZE = 10;

  /** The mapping, if its source is an SQS queue; others (streams, Kafka, MQ) are not ours. */
  static Optional<SqsMapping> from(EventSourceMappingConfiguration c) {
    if (c.eventSourceArn() == null || !QueueArn.isQueueArn(c.eventSourceArn())) {
      return Optional.empty();
    }
    QueueArn queue = QueueArn.parse(c.eventSourceArn());
    int window =
        queue.fifo() || c.maximumBatchingWindowInSeconds() == null
            ? 0
            : c.maximumBatchingWindowInSeconds();
    return Optional.of(
        new SqsMapping(
            c.uuid(),
            queue,
            c.functionArn(),
            c.batchSize() == null ? DEFAULT_BATCH_SIZE : c.batchSize(),
            Duration.ofSeconds(window),
            c.functionResponseTypes().contains(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES),
            c.state() == null ? "Enabled" : c.state(),
            c.filterCriteria() != null
                && c.filterCriteria().hasFilters()
                && !c.filterCriteria().filters().isEmpty()));
  }

  /** Lambda polls a mapping only while it is enabled. */
  boolean enabled() {
    return state.equals("Enabled");
  }

  String functionName() {
    // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
    String[] parts = functionArn.split(":");
    return parts.length >= 7 ? parts[6] : functionArn;
  }
}
