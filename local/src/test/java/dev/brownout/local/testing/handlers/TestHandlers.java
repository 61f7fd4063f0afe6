package dev.brownout.local.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Handlers packaged into a deployment package by the tests, to run in the local Lambda runtime
 * exactly as a function's own code runs: in a JVM of their own, through the runtime interface
 * client.
 */
public final class TestHandlers {
  private TestHandlers() {}

  /** Answers what it got, with what Lambda told it about itself. */
  public static final class Echo
      implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
      System.out.println("echo " + context.getAwsRequestId());
      return Map.of(
          "input", input,
          "function", context.getFunctionName(),
          "memory", context.getMemoryLimitInMB(),
          "remainingMs", context.getRemainingTimeInMillis(),
          "region", System.getenv("AWS_REGION"),
          "endpoint", String.valueOf(System.getenv("AWS_ENDPOINT_URL")),
          "taskRoot", System.getenv("LAMBDA_TASK_ROOT"),
          "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024),
          "own", String.valueOf(System.getenv("OWN_SETTING")),
          "pid", ProcessHandle.current().pid());
    }
  }

  /** Throws, as a handler with a bug does. */
  public static final class Fails implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      throw new IllegalStateException("the order " + input.get("order") + " cannot be read");
    }
  }

  /** Sleeps for {@code ms} milliseconds of its input before it answers. */
  public static final class Sleeps implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      try {
        Thread.sleep(((Number) input.get("ms")).longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "slept";
    }
  }

  /** Cannot be constructed: its init fails, as a function with a missing setting does. */
  public static final class FailsAtInit implements RequestHandler<Map<String, Object>, String> {
    public FailsAtInit() {
      throw new IllegalStateException("The test function is misconfigured: NEEDED is not set");
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      return "never";
    }
  }

  /** Ends its own process mid-invocation. */
  public static final class Exits implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      Runtime.getRuntime().halt(3);
      return "never";
    }
  }

  /** Answers the text of its package's {@code version.txt}: which build of its jar runs. */
  public static final class Version implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      try (var in = Version.class.getResourceAsStream("/version.txt")) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
