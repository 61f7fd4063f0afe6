package dev.brownout.core.contract;

/**
 * Each function's handler as Lambda names it, {@code class::method}: the classes are in {@code
 * functions}, which infra does not see when it compiles, so the construct names them with these and
 * infra's {@code FunctionContractTest} loads each one. The local cloud finds the deployed functions
 * by them ({@code AwsTargets}).
 */
public final class Handlers {
  private static final String PACKAGE = "dev.brownout.functions.handlers.";
  private static final String METHOD = "::handleRequest";

  /** The API function, behind API Gateway. */
  public static final String API = PACKAGE + "ApiHandler" + METHOD;

  /** The replay function, fed by the replay queue. */
  public static final String REPLAY = PACKAGE + "ReplayHandler" + METHOD;

  /** The health-check function, on its schedule. */
  public static final String HEALTH_CHECK = PACKAGE + "HealthCheckHandler" + METHOD;

  /** The evaluator function, a task of the degradation workflow. */
  public static final String EVALUATOR = PACKAGE + "EvaluatorHandler" + METHOD;

  private Handlers() {}
}
