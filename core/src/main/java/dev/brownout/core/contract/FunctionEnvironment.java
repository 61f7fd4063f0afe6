package dev.brownout.core.contract;

/**
 * The environment variables the functions read at cold start ({@code functions}' {@code
 * *Settings.from}), and who sets each. Brownout's own names start with {@link #PREFIX}; a function
 * logs a warning at cold start for one of those that it does not read, and the build's contract
 * test refuses one in the construct's template, so a name misspelt on either side is caught by name
 * rather than silently ignored.
 */
public final class FunctionEnvironment {
  /** Brownout's own variables; the two others below are AWS's names. */
  public static final String PREFIX = "BROWNOUT_";

  /**
   * Where the catalog is (every function): {@code classpath:brownout.yaml} or a path, relative to
   * {@link #TASK_ROOT}. Set by infra's {@code FunctionPackage} to the file beside the jar.
   */
  public static final String CATALOG = "BROWNOUT_CATALOG";

  /**
   * The status table's name (every function). Set by infra's {@code Api}, {@code HealthChecks} and
   * {@code Workflow}; the local cloud's {@code AwsTargets} reads it from the deployed API function.
   */
  public static final String STATUS_TABLE = "BROWNOUT_STATUS_TABLE";

  /**
   * The response cache's table name (API). Set by infra's {@code Api}; the local cloud's {@code
   * AwsTargets} and the bench read it from the deployed API function.
   */
  public static final String CACHE_TABLE = "BROWNOUT_CACHE_TABLE";

  /** The replay queue's URL, for the {@code queue} fallback (API, optional). Set by {@code Api}. */
  public static final String QUEUE_URL = "BROWNOUT_QUEUE_URL";

  /**
   * The KMS key that seals a queued write's credential (API, optional; replay, required). Set by
   * infra's {@code Api} on both.
   */
  public static final String CREDENTIALS_KEY = "BROWNOUT_CREDENTIALS_KEY";

  /** How long the API uses flags read from SSM (API, optional duration). Infra leaves it unset. */
  public static final String FLAGS_TTL = "BROWNOUT_FLAGS_TTL";

  /**
   * The degradation workflow to start on a flip (health check, optional). Set by infra's {@code
   * HealthChecks.startsOnFlip}.
   */
  public static final String WORKFLOW_ARN = "BROWNOUT_WORKFLOW_ARN";

  /** How long check history is kept (health check, optional duration). Infra leaves it unset. */
  public static final String HISTORY_TTL = "BROWNOUT_HISTORY_TTL";

  /**
   * How long one health-check invocation keeps checking (health check, optional duration). Set by
   * infra's {@code HealthChecks}; the bench shortens it.
   */
  public static final String CHECK_WINDOW = "BROWNOUT_CHECK_WINDOW";

  /** Where undeliverable queued writes go (replay, required). Set by infra's {@code Api}. */
  public static final String DEAD_LETTER_QUEUE_URL = "BROWNOUT_DEAD_LETTER_QUEUE_URL";

  /**
   * The replay queue's {@code maxReceiveCount} (replay, required whole number). Set by infra's
   * {@code Api} from the number it gives the queue.
   */
  public static final String REPLAY_MAX_RECEIVES = "BROWNOUT_REPLAY_MAX_RECEIVES";

  /**
   * Another AWS endpoint for every SDK client (every function, optional URL): the AWS SDK's own
   * name. Set by the local cloud ({@code LambdaEnvironment}), never in AWS.
   */
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

  /**
   * The deployment package's root, against which a relative {@link #CATALOG} is resolved: Lambda's
   * own name, set by the Lambda runtime ({@code /var/task}) and the same way by the local cloud.
   */
  public static final String TASK_ROOT = "LAMBDA_TASK_ROOT";

  private FunctionEnvironment() {}
}
