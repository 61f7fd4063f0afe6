package dev.brownout.core.api;

/**
 * What replaying a queued write does next. A write is delivered to its primary once per idempotency
 * key; it waits, without spending an attempt, while its dependency is unhealthy; and after {@code
 * maxAttempts} failed deliveries it goes to the dead-letter queue.
 */
public final class Replay {

  /** Before a delivery. */
  public enum Next {
    /** Delivered before (a duplicate message): acknowledge, send nothing. */
    ALREADY_DELIVERED,
    /** Another replayer holds the key right now: leave the message for later. */
    IN_FLIGHT_ELSEWHERE,
    /** The dependency is unhealthy: wait, without counting an attempt. */
    WAIT_FOR_HEALTH,
    /** Out of attempts already (a failure to dead-letter earlier): dead-letter now. */
    DEAD_LETTER,
    DELIVER
  }

  /** After a failed delivery. */
  public enum AfterFailure {
    RETRY,
    DEAD_LETTER
  }

  private Replay() {}

  /**
   * @param delivered the key was delivered before
   * @param leased another replayer holds an unexpired lease on the key
   * @param attempts deliveries tried so far
   */
  public static Next next(
      boolean delivered, boolean leased, boolean dependencyHealthy, int attempts, int maxAttempts) {
    if (delivered) {
      return Next.ALREADY_DELIVERED;
    }
    if (leased) {
      return Next.IN_FLIGHT_ELSEWHERE;
    }
    if (attempts >= maxAttempts) {
      return Next.DEAD_LETTER;
    }
    return dependencyHealthy ? Next.DELIVER : Next.WAIT_FOR_HEALTH;
  }

  /**
   * @param attempts deliveries tried, counting the one that just failed
   */
  public static AfterFailure afterFailure(int attempts, int maxAttempts) {
    return attempts >= maxAttempts ? AfterFailure.DEAD_LETTER : AfterFailure.RETRY;
  }
}
