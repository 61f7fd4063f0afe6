package dev.brownout.functions.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What happened to each queued write, by idempotency key, shared by every replayer. */
public interface ReplayLedger {

  enum State {
    PENDING,
    DELIVERED,
    DEAD
  }

  /**
   * @param fingerprint the {@link dev.brownout.core.ports.RequestQueue.QueuedRequest#fingerprint()}
   *     of the write the key was first leased for; empty before that
   */
  record Entry(
      State state, int attempts, Optional<Instant> leaseUntil, Optional<String> fingerprint) {
    public boolean leasedAt(Instant now) {
      return leaseUntil.map(now::isBefore).orElse(false);
    }

    /** Whether the key is free for this write: not yet taken, or taken by the same write. */
    public boolean sameRequest(String fingerprint) {
      return this.fingerprint.map(fingerprint::equals).orElse(true);
    }
  }

  Entry read(String idempotencyKey);

  /**
   * One replayer's hold on a key.
   *
   * @param attempts deliveries tried, counting this one
   * @param token identifies this hold: an outcome is only recorded while it is still the key's
   */
  record Lease(int attempts, String token) {}

  /**
   * Takes the key for one delivery attempt of the write with this fingerprint, if it is pending,
   * nobody else holds it and it is not another write's. The first lease records the fingerprint.
   *
   * @return the lease, or empty if the key is delivered, dead, held by another replayer or taken by
   *     another write
   */
  Optional<Lease> lease(String idempotencyKey, String fingerprint, Instant now, Duration leaseFor);

  /**
   * Makes a dead key pending again, its attempts reset, for the same write sent again (a redrive
   * from the dead-letter queue, or the client's retry).
   *
   * @return false if the key is no longer dead, or is another write's, and nothing was changed
   */
  boolean reopen(String idempotencyKey, String fingerprint, Instant now);

  /**
   * Records the outcome, releases the lease, records the fingerprint if the key has none, and keeps
   * the key for as long as a copy of its message may come back. With a lease, only while it is
   * still this one (a replayer whose lease expired must not undo what the next one recorded);
   * without one, only while the key is new, or pending, unleased and not another write's (a late
   * copy must not turn a delivered key dead).
   *
   * @return false if nothing was recorded
   */
  boolean settle(
      String idempotencyKey,
      String fingerprint,
      Optional<Lease> lease,
      State state,
      Optional<String> error,
      Instant now);
}
