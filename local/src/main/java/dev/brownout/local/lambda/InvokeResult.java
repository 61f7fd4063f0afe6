package dev.brownout.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What one invocation answered, as Lambda's {@code Invoke} API reports it.
 *
 * @param payload the handler's answer, or the error document ({@code errorMessage}, {@code
 *     errorType}, ...) when {@code functionError} is present
 * @param functionError {@code Unhandled} when the handler failed, timed out or could not start, as
 *     in the {@code X-Amz-Function-Error} header; empty on success
 */
public record InvokeResult(byte[] payload, Optional<String> functionError) {

  public static InvokeResult success(byte[] payload) {
    return new InvokeResult(payload, Optional.empty());
  }

  public static InvokeResult unhandled(byte[] errorDocument) {
    return new InvokeResult(errorDocument, Optional.of("Unhandled"));
  }

  public boolean failed() {
    return functionError.isPresent();
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
