package dev.brownout.core.ports;

/** Starts an evaluation of the degradation level now, instead of at the next scheduled one. */
@FunctionalInterface
public interface DegradationWorkflow {

  /**
   * @param key the same key for the same cause, so a repeated request starts one evaluation
   * @param reason why, for the execution's input and the audit
   */
  void evaluateNow(String key, String reason);
}
