package dev.brownout.core.policy;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's decision that beats the policy while it lasts: a pinned level, features forced on
 * or off, or both.
 *
 * @param until when it stops applying; empty means until it is removed
 * @param reason why it was set, for the audit
 */
public record ManualOverride(
    Optional<Level> level,
    Map<String, Boolean> features,
    Optional<Instant> until,
    Optional<String> reason) {

  public ManualOverride {
    features = Map.copyOf(features);
  }

  public boolean activeAt(Instant now) {
    return until.map(now::isBefore).orElse(true);
  }
}
