package dev.brownout.core.policy;

/**
 * Why the level or a flag is what it is, in words for people (the status endpoint, the audit).
 *
 * @param subject what the reason is about: a dependency, a feature, {@code override} or {@code
 *     dwell}
 */
public record Reason(String subject, String message) {
  @Override
  public String toString() {
    return subject + ": " + message;
  }
}
