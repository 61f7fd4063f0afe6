package dev.brownout.functions.handlers;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.functions.adapters.ssm.SsmFeatureFlags;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The API function's configuration, read once at cold start.
 *
 * @param statusTable {@code BROWNOUT_STATUS_TABLE}: read by {@code /_brownout/status} and the
 *     status page, and where the answers are tallied by source
 * @param cacheTable {@code BROWNOUT_CACHE_TABLE}: the response cache
 * @param queueUrl {@code BROWNOUT_QUEUE_URL}: the SQS queue of the {@code queue} fallback; required
 *     when a route has that step
 * @param credentialsKey {@code BROWNOUT_CREDENTIALS_KEY}: the KMS key (id or ARN) that seals a
 *     queued write's credential; required with the queue
 * @param flagsTtl {@code BROWNOUT_FLAGS_TTL}: how long flags read from SSM are used (default 30s,
 *     plus up to a fifth at random)
 * @param awsEndpoint {@code AWS_ENDPOINT_URL}: another AWS endpoint (a local cloud)
 */
public record ApiSettings(
    String catalogLocation,
    String statusTable,
    String cacheTable,
    Optional<String> queueUrl,
    Optional<String> credentialsKey,
    Duration flagsTtl,
    Optional<URI> awsEndpoint) {

  public static ApiSettings from(Environment env) {
    var settings =
        new ApiSettings(
            CatalogSource.location(env),
            env.required(FunctionEnvironment.STATUS_TABLE),
            env.required(FunctionEnvironment.CACHE_TABLE),
            env.optional(FunctionEnvironment.QUEUE_URL),
            env.optional(FunctionEnvironment.CREDENTIALS_KEY),
            env.duration(FunctionEnvironment.FLAGS_TTL, SsmFeatureFlags.DEFAULT_TTL),
            env.uri(FunctionEnvironment.AWS_ENDPOINT_URL));
    env.check("api");
    return settings;
  }
}
