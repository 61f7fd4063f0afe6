package dev.brownout.local.schedules;

/**
 * A target's input cannot be built. {@link #errorCode()} is the code EventBridge puts in the {@code
 * ERROR_CODE} attribute of the dead-letter message for it (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html">eb-rule-dlq</a>):
 * {@code INVALID_JSON} when a JSON input template does not give JSON once filled in, {@code
 * INVALID_PARAMETER} when the target's input settings themselves are unusable (AWS refuses those at
 * {@code PutTargets}; moto does not).
 */
public final class TargetInputException extends IllegalArgumentException {
  private final String errorCode;

  TargetInputException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
