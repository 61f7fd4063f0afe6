package dev.brownout.core.catalog;

import dev.brownout.core.Criticality;
import java.time.Duration;

/**
 * Something the application calls and may lose.
 *
 * @param failureThreshold consecutive failed checks before the dependency counts as unhealthy
 * @param recoveryThreshold consecutive successful checks before it counts as healthy again
 * @param interval how often it is checked
 */
public record Dependency(
    String name,
    Criticality criticality,
    HealthCheck check,
    int failureThreshold,
    int recoveryThreshold,
    Duration interval) {

  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  public static final int DEFAULT_RECOVERY_THRESHOLD = 2;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** The health-check function runs once a minute; a longer interval could not be honoured. */
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

  public static final int MAX_THRESHOLD = 100;

  /** The longest it can take to notice a failure: the failed checks plus one interval of delay. */
  public Duration detectionTime() {
    return interval.multipliedBy(failureThreshold + 1L);
  }
}
