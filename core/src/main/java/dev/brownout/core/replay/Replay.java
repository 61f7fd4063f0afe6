package dev.brownout.core.replay;

import java.util.Set;

/**
 * What replaying a queued write does next. A write is delivered to its primary once per idempotency
 * key; it waits, without spending an attempt, while its dependency is unhealthy; and after {@code
 * maxAttempts} failed deliveries it goes to the dead-letter queue.
 */
public final class Replay {

  /** Before a delivery. */
  public enum Next {
    /**
     * The key was first replayed with another method, URL or body: this write is not that one and
     * must not be dropped as its duplicate, nor delivered under its key.
     */
    KEY_REUSED,
    /** Delivered before (a duplicate message): acknowledge, send nothing. */
    ALREADY_DELIVERED,
    /**
     * Dead-lettered before and sent again (an operator's redrive, or the client's retry with the
     * same key): a dead write was never delivered, so it is tried afresh, its attempts reset. Once
     * more cannot apply it twice beyond what its {@code Idempotency-Key} already guards.
     */
    TRY_AFRESH,
    /** Another replayer holds the key right now: leave the message for later. */
    IN_FLIGHT_ELSEWHERE,
    /** The dependency is unhealthy: wait, without counting an attempt. */
    WAIT_FOR_HEALTH,
    /** Out of attempts already (a failure to dead-letter earlier): dead-letter now. */
    DEAD_LETTER,
    DELIVER
  }

  /** After a failed delivery, or a wait. */
  public enum AfterFailure {
    RETRY,
    DEAD_LETTER
  }

  /** What the primary's status means for a replayed write. */
  public enum Delivery {
    /** 2xx: the primary took the write. */
    DELIVERED,
    /** 5xx, 408, 425, 429: it may take it later. */
    RETRY,
    /**
     * 401, 403: the client's credential was refused, most likely because it expired while the write
     * was queued. Retrying with the same credential cannot succeed.
     */
    CREDENTIAL_REFUSED,
    /**
     * 3xx: the primary points elsewhere. The client would have followed it (or not) itself; a
     * replay cannot ask the client, and following it would send the client's credential to a place
     * the catalog does not name.
     */
    REDIRECTED,
    /** Any other status: the primary refuses the write for good. */
    REFUSED
  }

  private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);

  private Replay() {}

  /**
   * @param sameRequest the write is the one the key was first replayed with (or the first one)
   * @param delivered the key was delivered before
   * @param dead the key was dead-lettered before
   * @param leased another replayer holds an unexpired lease on the key
   * @param attempts deliveries tried so far
   */
  public static Next next(
      boolean sameRequest,
      boolean delivered,
      boolean dead,
      boolean leased,
      boolean dependencyHealthy,
      int attempts,
      int maxAttempts) {
    if (!sameRequest) {
      return Next.KEY_REUSED;
    }
    if (delivered) {
      return Next.ALREADY_DELIVERED;
    }
    if (dead) {
      return Next.TRY_AFRESH;
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

  /**
   * Whether a message left for later may still be: the queue moves a message to its dead-letter
   * queue, without a reason, once it has been received {@code maxReceives} times. The replay
   * dead-letters it itself, with the reason, one receive before (the count is approximate).
   *
   * @param receives how often the queue has handed out this message, counting this time
   */
  public static AfterFailure afterWait(int receives, int maxReceives) {
    return receives >= maxReceives - 1 ? AfterFailure.DEAD_LETTER : AfterFailure.RETRY;
  }

  public static Delivery delivery(int status) {
    if (status >= 200 && status < 300) {
      return Delivery.DELIVERED;
    }
    if (status >= 300 && status < 400) {
      return Delivery.REDIRECTED;
    }
    if (status == 401 || status == 403) {
      return Delivery.CREDENTIAL_REFUSED;
    }
    if (status >= 500 || RETRYABLE.contains(status)) {
      return Delivery.RETRY;
    }
    return Delivery.REFUSED;
  }
}
