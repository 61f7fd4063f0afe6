package dev.brownout.functions.handlers.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;

/**
 * The invocation context of a priming request: its request id, {@value #REQUEST_ID}, labels every
 * line logged while priming (Powertools' {@code function_request_id}), so no one takes them for
 * answers to clients. Within a request Powertools puts it in the logging context; between requests
 * {@link #label} does.
 */
public final class PrimingContext implements Context {
  public static final String REQUEST_ID = "snapstart-priming";

  /** Powertools' field for the request id, in the logging context (MDC). */
  static final String REQUEST_ID_KEY = "function_request_id";

  private final String functionName;

  /**
   * Labels the lines logged from here on as the priming's, until a priming request ends (Powertools
   * then clears its fields) or the priming does.
   */
  public static void label() {
    MDC.put(REQUEST_ID_KEY, REQUEST_ID);
  }

  public PrimingContext(String functionName) {
    this.functionName = functionName;
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
