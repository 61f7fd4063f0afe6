package dev.brownout.functions.handlers;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import java.net.URI;
import java.util.Optional;

/**
 * The replay function's configuration, read once at cold start.
 *
 * @param statusTable {@code BROWNOUT_STATUS_TABLE}: dependency health and the replay ledger
 * @param deadLetterQueueUrl {@code BROWNOUT_DEAD_LETTER_QUEUE_URL}: where undeliverable writes go
 * @param credentialsKey {@code BROWNOUT_CREDENTIALS_KEY}: the KMS key (id or ARN) that sealed the
 *     queued writes' credentials
 * @param maxReceives {@code BROWNOUT_REPLAY_MAX_RECEIVES}: the replay queue's {@code
 *     maxReceiveCount}, after which SQS dead-letters a message without a reason
 */
public record ReplaySettings(
    String catalogLocation,
    String statusTable,
    String deadLetterQueueUrl,
    String credentialsKey,
    int maxReceives,
    Optional<URI> awsEndpoint) {

  public static ReplaySettings from(Environment env) {
    var settings =
        new ReplaySettings(
            CatalogSource.location(env),
            env.required(FunctionEnvironment.STATUS_TABLE),
            env.required(FunctionEnvironment.DEAD_LETTER_QUEUE_URL),
            env.required(FunctionEnvironment.CREDENTIALS_KEY),
            env.positive(FunctionEnvironment.REPLAY_MAX_RECEIVES),
            env.uri(FunctionEnvironment.AWS_ENDPOINT_URL));
    env.check("replay");
    return settings;
  }
}
