package dev.brownout.local.demo;

import com.sun.net.httpserver.HttpExchange;
import dev.brownout.local.edge.Edge;
import dev.brownout.local.edge.LambdaInvokeApi;
import dev.brownout.local.lambda.FunctionConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faults of the deployed app's own AWS, applied by the edge (every AWS call of the functions and of
 * the workflow passes through it), switched like the demo's under these names:
 *
 * <ul>
 *   <li>{@value #CACHE_TABLE}: every DynamoDB request naming the API's cache table;
 *   <li>{@value #STATUS_TABLE}: every DynamoDB request naming the status table (health checks,
 *       workflow, status endpoint);
 *   <li>{@value #SSM_API}: SSM requests signed by the API function (each local function signs with
 *       its own name as access key id), so the API is cut off from its flags while the workflow
 *       still writes them;
 *   <li>{@value #WORKFLOW}: the workflow's Evaluate task (Invoke of the evaluator function).
 * </ul>
 *
 * <p>{@code down} ends the connection unanswered; {@code error} (and half of {@code flaky}'s
 * requests) answers the service's 500, or for the evaluator a function error; {@code slow} answers
 * {@link #SLOW_BY} late.
 */
public final class AwsFaults {
  public static final String CACHE_TABLE = "aws:cache-table";
  public static final String STATUS_TABLE = "aws:status-table";
  public static final String SSM_API = "aws:ssm-api";
  public static final String WORKFLOW = "aws:workflow";

  /** Longer than the API's SSM client waits (2 s), shorter than anything's overall budget. */
  static final Duration SLOW_BY = Duration.ofSeconds(3);

  private static final String SSM_TARGET = "AmazonSSM.";

  private final AwsTargets targets;
  private final Faults faults;

  public AwsFaults(AwsTargets targets) {
    this.targets = targets;
    this.faults =
        new Faults(
            List.of(
                aws(CACHE_TABLE, "dynamodb table " + targets.cacheTable()),
                aws(STATUS_TABLE, "dynamodb table " + targets.statusTable()),
                aws(SSM_API, "ssm as the function " + targets.apiFunction()),
                aws(WORKFLOW, "lambda invoke of " + targets.evaluatorFunction())),
            Map.of(targets.cacheTable(), CACHE_TABLE, targets.statusTable(), STATUS_TABLE),
            s -> {});
  }

  private static FaultSwitch aws(String name, String address) {
    return new FaultSwitch(name, "aws", address, SLOW_BY, FaultSwitch.Transition.NONE);
  }

  public Faults faults() {
    return faults;
  }

  /**
   * The edge's route that applies them: the tables as {@link EdgeRoutes#tableFaults}, then SSM and
   * the evaluator's Invoke. Other requests pass untouched.
   */
  public Edge.Route route() {
    Edge.Route tables = EdgeRoutes.tableFaults(faults);
    return (exchange, body) -> {
      if (tables.handle(exchange, body)) {
        return true;
      }
      if (isSsmOfTheApi(exchange)) {
        return apply(
            exchange,
            switchOf(SSM_API),
            ex ->
                EdgeRoutes.respond(
                    ex,
                    500,
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"InternalServerError\",\"message\":\"SSM is cut off from the"
                        + " API function (./brownout fault "
                        + SSM_API
                        + ")\"}"));
      }
      Optional<String> function =
          LambdaInvokeApi.functionOf(
              exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
      if (function.isPresent()
          && FunctionConfig.nameOf(function.get()).equals(targets.evaluatorFunction())) {
        return apply(
            exchange,
            switchOf(WORKFLOW),
            ex -> {
              ex.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
              EdgeRoutes.respond(
                  ex,
                  200,
                  "application/json",
                  "{\"errorType\":\"BrownoutFault\",\"errorMessage\":\"the workflow is failing"
                      + " (./brownout fault "
                      + WORKFLOW
                      + ")\"}");
            });
      }
      return false;
    };
  }

  private Optional<Disruption> switchOf(String name) {
    return faults.disruption(name);
  }

  private boolean isSsmOfTheApi(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return target != null
        && target.startsWith(SSM_TARGET)
        && authorization != null
        && authorization.contains("Credential=" + targets.apiFunction() + "/");
  }

  private interface Failure {
    void answer(HttpExchange exchange) throws IOException;
  }

  private static boolean apply(
      HttpExchange exchange, Optional<Disruption> disruption, Failure failure) throws IOException {
    if (disruption.isEmpty()) {
      return false;
    }
    switch (disruption.get()) {
      case Disruption.Refuse refuse -> {
        exchange.close(); // the caller sees the connection end unanswered
        return true;
      }
      case Disruption.Fail fail -> {
        failure.answer(exchange);
        return true;
      }
      case Disruption.Delay delay -> {
        EdgeRoutes.sleep(delay.by());
        return false;
      }
    }
  }
}
