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
   * Takes the key for one delivery attempt, if it is pending and nobody else holds it.
   *
   * @return the attempts counting this one, or empty if the key is delivered, dead or leased
   */
  Optional<Integer> lease(String idempotencyKey, Instant now, Duration leaseFor);

  /** Records the outcome and releases the lease. */
  void settle(String idempotencyKey, State state, Optional<String> error);
}
