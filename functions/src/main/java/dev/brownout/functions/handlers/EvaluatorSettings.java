package dev.brownout.functions.handlers;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import java.net.URI;
import java.util.Optional;

/**
 * The evaluator function's configuration, read once at cold start.
 *
 * @param statusTable {@code BROWNOUT_STATUS_TABLE}: statuses, the level record and the audit
 */
public record EvaluatorSettings(
    String catalogLocation, String statusTable, Optional<URI> awsEndpoint) {

  public static EvaluatorSettings from(Environment env) {
    var settings =
        new EvaluatorSettings(
            CatalogSource.location(env),
            env.required(FunctionEnvironment.STATUS_TABLE),
            env.uri(FunctionEnvironment.AWS_ENDPOINT_URL));
    env.check("evaluator");
    return settings;
  }
}
