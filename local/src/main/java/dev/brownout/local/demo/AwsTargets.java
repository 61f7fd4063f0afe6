package dev.brownout.local.demo;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The deployed app's own AWS resources that faults and observers name: its API and evaluator
 * functions (found by their handler classes) and its cache and status tables (from the API
 * function's environment, as the function itself finds them).
 */
public record AwsTargets(
    String apiFunction, String evaluatorFunction, String cacheTable, String statusTable) {
  /**
   * Reads them from the deployed functions ({@code ListFunctions}).
   *
   * @throws IllegalStateException naming what is missing when the app is not deployed as Brownout's
   *     stack deploys it
   */
  public static AwsTargets of(LambdaClient lambda) {
    return of(lambda.listFunctionsPaginator().functions().stream().toList());
  }

  static AwsTargets of(List<FunctionConfiguration> functions) {
    FunctionConfiguration api = byHandler(functions, Handlers.API);
    FunctionConfiguration evaluator = byHandler(functions, Handlers.EVALUATOR);
    Map<String, String> env =
        api.environment() == null || api.environment().variables() == null
            ? Map.of()
            : api.environment().variables();
    return new AwsTargets(
        api.functionName(),
        evaluator.functionName(),
        variable(env, api, FunctionEnvironment.CACHE_TABLE),
        variable(env, api, FunctionEnvironment.STATUS_TABLE));
  }

  private static FunctionConfiguration byHandler(
      List<FunctionConfiguration> functions, String handler) {
    Optional<FunctionConfiguration> found =
        functions.stream().filter(f -> handler.equals(f.handler())).findFirst();
    return found.orElseThrow(
        () ->
            new IllegalStateException(
                "no deployed function has the handler "
                    + handler
                    + " (found "
                    + functions.stream().map(FunctionConfiguration::functionName).toList()
                    + "): is Brownout's stack deployed?"));
  }

  private static String variable(
      Map<String, String> env, FunctionConfiguration function, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "the API function "
              + function.functionName()
              + " has no "
              + name
              + " in its environment");
    }
    return value;
  }
}
