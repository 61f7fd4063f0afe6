package dev.brownout.functions.handlers.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The invocation context of a priming request, {@value #REQUEST_ID}. Priming runs outside
 * Powertools' {@code withLogging}, which would spend Powertools' once-per-environment cold-start
 * mark (and draw its log-sampling generator) before the snapshot, so the first real request after a
 * restore would no longer be logged as the cold start it is; {@link #labelled} marks the priming's
 * log lines instead, so no one takes them for answers to clients.
 */
public final class PrimingContext implements Context {
  public static final String REQUEST_ID = "snapstart-priming";

  /** The log field ({@code MDC} key) set on every line written while priming. */
  public static final String LOG_FIELD = "snapstart_priming";

  private final String functionName;

  public PrimingContext(String functionName) {
    this.functionName = functionName;
  }

  /**
   * {@code work}'s result, every line it logs on this thread marked with {@link #LOG_FIELD}; the
   * thread's log context is as before afterwards (what the work put there, such as the route, does
   * not label the init's later lines).
   */
  public static <T> T labelled(Supplier<T> work) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    MDC.put(LOG_FIELD, "true");
    try {
      return work.get();
    } finally {
      MDC.setContextMap(before == null ? Map.of() : before);
    }
  }

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "";
  }

  @Override
  public String getLogStreamName() {
    return "";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /** Lambda's longest timeout: every budget is then capped by its own limit, as in a request. */
  @Override
  public int getRemainingTimeInMillis() {
    return 900_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 0;
  }

  /** Priming writes through the function's own logger, never through the runtime's. */
  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log(message.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void log(byte[] message) {
        // dropped
      }
    };
  }
}
