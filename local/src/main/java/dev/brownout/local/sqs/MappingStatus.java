package dev.brownout.local.sqs;

import java.util.Optional;

/**
 * One SQS event source mapping as the poller last saw it, for a health page.
 *
 * @param state the mapping's state as Lambda reports it ({@code Enabled}, {@code Disabled}, ...);
 *     only {@code Enabled} mappings are polled
 * @param messagesDelivered messages handed to the function, counting each delivery of a message
 * @param messagesFailed of those, the ones left on the queue to come back (reported failures and
 *     the messages of failed batches)
 * @param batchesFailed invocations whose whole batch failed (function error, invalid response, the
 *     function could not be invoked)
 * @param lastError the last thing that went wrong, if anything did: a failed batch or a queue that
 *     could not be read
 */
public record MappingStatus(
    String uuid,
    String queueArn,
    String functionArn,
    int batchSize,
    String state,
    long messagesDelivered,
    long messagesFailed,
    long batchesFailed,
    Optional<String> lastError) {}
