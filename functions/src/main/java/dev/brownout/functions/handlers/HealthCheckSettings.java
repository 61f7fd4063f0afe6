package dev.brownout.functions.handlers;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The health-check function's configuration, read once at cold start.
 *
 * @param statusTable {@code BROWNOUT_STATUS_TABLE}: where statuses and check history go
 * @param workflowArn {@code BROWNOUT_WORKFLOW_ARN}: the degradation workflow to start on a flip;
 *     unset disables that (the scheduled evaluation still runs)
 * @param historyTtl {@code BROWNOUT_HISTORY_TTL}: how long check history is kept (default 168h)
 * @param window {@code BROWNOUT_CHECK_WINDOW}: how long one invocation keeps checking (default 55s,
 *     under the one-minute schedule)
 * @param awsEndpoint {@code AWS_ENDPOINT_URL}: another AWS endpoint (a local cloud)
 */
public record HealthCheckSettings(
    String catalogLocation,
    String statusTable,
    Optional<String> workflowArn,
    Duration historyTtl,
    Duration window,
    Optional<URI> awsEndpoint) {

  public static final Duration DEFAULT_HISTORY_TTL = Duration.ofDays(7);
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(55);

  public static HealthCheckSettings from(Environment env) {
    var settings =
        new HealthCheckSettings(
            CatalogSource.location(env),
            env.required(FunctionEnvironment.STATUS_TABLE),
            env.optional(FunctionEnvironment.WORKFLOW_ARN),
            env.duration(FunctionEnvironment.HISTORY_TTL, DEFAULT_HISTORY_TTL),
            env.duration(FunctionEnvironment.CHECK_WINDOW, DEFAULT_WINDOW),
            env.uri(FunctionEnvironment.AWS_ENDPOINT_URL));
    env.check("health-check");
    return settings;
  }
}
