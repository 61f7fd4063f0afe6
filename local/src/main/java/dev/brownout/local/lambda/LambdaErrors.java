package dev.brownout.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/** The error documents Lambda answers when the function itself could not answer. */
final class LambdaErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaErrors() {}

  /** The invocation outlived the function's timeout: Lambda ends the environment. */
  static InvokeResult timedOut(String requestId, Duration timeout) {
    return error(
        "Sandbox.Timedout",
        "RequestId: "
            + requestId
            + " Error: Task timed out after "
            + String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0)
            + " seconds");
  }

  /** The runtime process ended while it held the invocation. */
  static InvokeResult exited(String requestId, String how) {
    return error(
        "Runtime.ExitError",
        "RequestId: " + requestId + " Error: Runtime exited with error: " + how);
  }

  /** The runtime did not start (no Java, a missing runtime jar...). */
  static InvokeResult couldNotStart(String requestId, String why) {
    return error("Runtime.Unknown", "RequestId: " + requestId + " Error: " + why);
  }

  static InvokeResult error(String type, String message) {
    ObjectNode doc = JSON.createObjectNode().put("errorType", type).put("errorMessage", message);
    return InvokeResult.unhandled(doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
