package dev.brownout.local.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The functions deployed in moto, read with Lambda's own API ({@code GetFunction}, {@code
 * ListFunctions}). A function's configuration is kept for {@link #FRESH_FOR} so that a busy API
 * does not ask moto once per request; a redeploy or a configuration change applies to invocations
 * that start after that (in Lambda too, an update takes a moment to reach new invocations).
 */
public final class DeployedFunctions {
  public static final Duration FRESH_FOR = Duration.ofSeconds(1);

  private record Read(FunctionConfig config, Instant at) {}

  private final LambdaClient lambda;
  private final Clock clock;
  private final Map<String, Read> recent = new ConcurrentHashMap<>();

  public DeployedFunctions(LambdaClient lambda, Clock clock) {
    this.lambda = lambda;
    this.clock = clock;
  }

  /**
   * @throws FunctionNotFoundException if moto has no such function
   * @throws IllegalStateException if its code is not a package in S3 (an image, or inline code that
   *     moto does not report): the local runtime cannot run it
   */
  public FunctionConfig get(String nameOrArn) {
    String name = FunctionConfig.nameOf(nameOrArn);
    Instant now = clock.instant();
    Read read = recent.get(name);
    if (read != null && read.at().plus(FRESH_FOR).isAfter(now)) {
      return read.config();
    }
    FunctionConfig config = fetch(name, nameOrArn);
    recent.put(name, new Read(config, now));
    return config;
  }

  private FunctionConfig fetch(String name, String nameOrArn) {
    GetFunctionResponse response;
    try {
      response = lambda.getFunction(r -> r.functionName(name));
    } catch (ResourceNotFoundException e) {
      throw new FunctionNotFoundException(nameOrArn);
    }
    FunctionConfiguration c = response.configuration();
    String location = response.code() == null ? null : response.code().location();
    if (location == null || !location.startsWith("https://") || location.endsWith("/")) {
      throw new IllegalStateException(
          "function "
              + name
              + " has no deployment package in S3 (code location "
              + location
              + "): the local cloud runs zip packages deployed from S3, as CDK deploys them");
    }
    String key = location.substring(location.lastIndexOf('/') + 1);
    return new FunctionConfig(
        c.functionName(),
        c.functionArn(),
        c.handler(),
        c.runtimeAsString(),
        c.memorySize() == null ? 128 : c.memorySize(),
        Duration.ofSeconds(c.timeout() == null ? 3 : c.timeout()),
        c.environment() == null || c.environment().variables() == null
            ? java.util.Map.of()
            : c.environment().variables(),
        key,
        c.codeSha256());
  }

  /**
   * How Lambda treats the function's asynchronous invocations ({@code
   * GetFunctionEventInvokeConfig}); Lambda's defaults when it has no such configuration. moto keeps
   * this configuration but not a function's {@code DeadLetterConfig}.
   */
  public AsyncConfig asyncConfig(String name) {
    try {
      var config = lambda.getFunctionEventInvokeConfig(r -> r.functionName(name));
      var destinations = config.destinationConfig();
      return new AsyncConfig(
          config.maximumRetryAttempts() == null
              ? AsyncConfig.DEFAULT_RETRIES
              : config.maximumRetryAttempts(),
          Optional.ofNullable(destinations)
              .map(d -> d.onSuccess())
              .map(d -> d.destination())
              .filter(d -> !d.isBlank()),
          Optional.ofNullable(destinations)
              .map(d -> d.onFailure())
              .map(d -> d.destination())
              .filter(d -> !d.isBlank()));
    } catch (ResourceNotFoundException e) {
      return AsyncConfig.DEFAULTS;
    }
  }

  /**
   * @param maxRetries retries after a failed first attempt (0-2; Lambda's default 2)
   * @param onSuccess where a record of each success goes (an SQS queue ARN locally)
   * @param onFailure where a record of each invocation that failed its retries goes
   */
  public record AsyncConfig(
      int maxRetries, Optional<String> onSuccess, Optional<String> onFailure) {
    public static final int DEFAULT_RETRIES = 2;
    public static final AsyncConfig DEFAULTS =
        new AsyncConfig(DEFAULT_RETRIES, Optional.empty(), Optional.empty());
  }

  /** The names of every deployed function. */
  public List<String> names() {
    return lambda.listFunctionsPaginator().functions().stream()
        .map(FunctionConfiguration::functionName)
        .toList();
  }
}
