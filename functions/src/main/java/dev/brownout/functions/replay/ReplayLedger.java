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

  record Entry(State state, int attempts, Optional<Instant> leaseUntil) {
    public boolean leasedAt(Instant now) {
      return leaseUntil.map(now::isBefore).orElse(false);
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
   * Takes the key for one delivery attempt, if it is pending and nobody else holds it.
   *
   * @return the lease, or empty if the key is delivered, dead or held by another replayer
   */
  Optional<Lease> lease(String idempotencyKey, Instant now, Duration leaseFor);

  /**
   * Records the outcome and releases the lease: with a lease, only while it is still this one (a
   * replayer whose lease expired must not undo what the next one recorded).
   *
   * @return false if the lease had been lost, and nothing was recorded
   */
  boolean settle(String idempotencyKey, Optional<Lease> lease, State state, Optional<String> error);
}
