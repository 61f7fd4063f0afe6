package dev.brownout.local.lambda;

import dev.brownout.core.contract.FunctionEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a function's process gets, as Lambda gives it: the function's own variables, then
 * Lambda's reserved ones on top (a function cannot override those in AWS either), and the AWS
 * endpoint pointing back at the local cloud. Nothing of the machine's environment leaks in but
 * {@code PATH}.
 */
public final class LambdaEnvironment {
  /** Lambda's reserved variables that a function's configuration may not set. */
  public static final List<String> RESERVED =
      List.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  /**
   * Where the local cloud is and the secret key every function signs with. The access key id is the
   * function's own name, so the edge can tell which function made an AWS call (to cut one function
   * off from a service: {@code ./brownout fault aws:ssm-api}); moto and the edge accept any key,
   * all in one account.
   *
   * @param awsEndpoint the edge: every AWS SDK call of the function goes there
   */
  public record Cloud(String region, URI awsEndpoint, String secretAccessKey) {}

  private LambdaEnvironment() {}

  /**
   * @param runtimeApi {@code host:port} of this runtime's Runtime API
   * @param logStreamId distinguishes this environment's log stream, as Lambda's do
   */
  public static Map<String, String> of(
      FunctionConfig function,
      Path taskRoot,
      Path runtimeDir,
      String runtimeApi,
      Cloud cloud,
      String logStreamId,
      String path) {
    Map<String, String> env = new LinkedHashMap<>(function.environment());
    env.put(FunctionEnvironment.AWS_ENDPOINT_URL, cloud.awsEndpoint().toString());
    env.put("_HANDLER", function.handler());
    env.put("AWS_REGION", cloud.region());
    env.put("AWS_DEFAULT_REGION", cloud.region());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put(
        "AWS_LAMBDA_LOG_STREAM_NAME",
        LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]" + logStreamId);
    env.put("AWS_ACCESS_KEY_ID", function.name());
    env.put("AWS_SECRET_ACCESS_KEY", cloud.secretAccessKey());
    env.put("AWS_SESSION_TOKEN", "local");
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put(FunctionEnvironment.TASK_ROOT, taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", path);
    return env;
  }

  /**
   * The JVM's options for a function of this memory size: as Lambda's Java runtime, the heap is
   * capped at 85% of the memory setting and the serial collector is used. In Lambda the JVM sees
   * the function's memory as its machine's (the container's limit); {@code MaxRAM} says the same
   * here, or the JVM sizes its first heap from this machine's memory (a 24 GB machine: 376 MB, no
   * collection before the first answer, 70 MB more resident memory than in AWS).
   */
  public static List<String> jvmOptions(int memoryMb) {
    return List.of(
        "-XX:MaxHeapSize=" + (memoryMb * 85L / 100) + "m",
        "-XX:MaxRAM=" + memoryMb + "m",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        // the runtime interface client loads its native library through JNI
        "--enable-native-access=ALL-UNNAMED");
  }
}
