package dev.brownout.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known of a dependency's health. It turns unhealthy only after {@code failureThreshold}
 * consecutive failed checks and healthy again only after {@code recoveryThreshold} consecutive
 * successes, so one lost packet does not flip it.
 *
 * @param lastChange when {@code healthy} last flipped
 * @param lastError the error of the most recent failed check, kept after recovery for diagnosis
 */
public record DependencyStatus(
    String dependency,
    boolean healthy,
    int consecutiveFailures,
    int consecutiveSuccesses,
    Optional<Instant> lastCheck,
    Optional<Instant> lastChange,
    Optional<Duration> lastLatency,
    Optional<String> lastError) {

  public DependencyStatus {
    if (consecutiveFailures < 0 || consecutiveSuccesses < 0) {
      throw new IllegalArgumentException(
          "counters cannot be negative, got failures="
              + consecutiveFailures
              + " successes="
              + consecutiveSuccesses);
    }
  }

  /** A dependency never checked counts as healthy: Brownout degrades on evidence only. */
  public static DependencyStatus unchecked(String dependency) {
    return new DependencyStatus(
        dependency,
        true,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The status after one more check. */
  public DependencyStatus after(CheckResult check, int failureThreshold, int recoveryThreshold) {
    int failures = check.success() ? 0 : saturatedIncrement(consecutiveFailures);
    int successes = check.success() ? saturatedIncrement(consecutiveSuccesses) : 0;
    boolean nowHealthy = healthy ? failures < failureThreshold : successes >= recoveryThreshold;
    return new DependencyStatus(
        dependency,
        nowHealthy,
        failures,
        successes,
        Optional.of(check.at()),
        nowHealthy == healthy ? lastChange : Optional.of(check.at()),
        Optional.of(check.latency()),
        check.error().or(() -> lastError));
  }

  /** Whether {@code next} differs from this status in the healthy bit: the event that matters. */
  public boolean flipsTo(DependencyStatus next) {
    return healthy != next.healthy;
  }

  private static int saturatedIncrement(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}
