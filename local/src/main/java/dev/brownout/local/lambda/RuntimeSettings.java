package dev.brownout.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How functions are run locally.
 *
 * @param javaExecutable the {@code java} executable of a JDK 21 or newer (Lambda runs {@code
 *     java21})
 * @param runtimeDir the runtime interface client and its jars (Lambda's {@code /var/runtime})
 * @param path the {@code PATH} a function's process sees
 * @param maxRuntimesPerFunction environments per function; more concurrent invocations wait
 * @param idleFor how long an idle environment is kept before it is stopped
 * @param asyncRetryDelays the waits before each retry of a failed asynchronous invocation (Lambda
 *     retries twice, after about a minute and then two)
 * @param archives the class-data sharing archives of the functions' jars; empty when they are off
 */
public record RuntimeSettings(
    Path javaExecutable,
    Path runtimeDir,
    LambdaEnvironment.Cloud cloud,
    String path,
    int maxRuntimesPerFunction,
    Duration idleFor,
    List<Duration> asyncRetryDelays,
    Optional<SharedArchives> archives) {

  public static final int DEFAULT_MAX_RUNTIMES = 4;
  public static final Duration DEFAULT_IDLE_FOR = Duration.ofMinutes(15);
  public static final List<Duration> LAMBDA_RETRY_DELAYS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

  public RuntimeSettings {
    if (maxRuntimesPerFunction < 1) {
      throw new IllegalArgumentException(
          "maxRuntimesPerFunction must be at least 1, got " + maxRuntimesPerFunction);
    }
    asyncRetryDelays = List.copyOf(asyncRetryDelays);
  }
}
