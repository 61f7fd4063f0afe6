package dev.brownout.core.ports;

import dev.brownout.core.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the control loop recorded over time: the level's transitions (from the workflow's
 * audit) and each dependency's checks. Every read is bounded, newest first, so a page that shows
 * them costs the same however long the app has run.
 */
public interface StatusHistory {

  /**
   * A run of the workflow that changed the level. The audit also records runs that changed only the
   * flags or the override; those are not transitions and never read here.
   *
   * @param override the override that applied, as stored in SSM
   */
  record Transition(
      Instant at, Level from, Level to, List<String> reasons, Optional<String> override) {
    public Transition {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * One check of a dependency.
   *
   * @param healthy the dependency's health after this check
   */
  record Check(Instant at, boolean success, boolean healthy, Optional<Duration> latency) {}

  /**
   * @param entries newest first
   * @param complete every entry there is was read: the read's bound was not reached
   */
  record Read<T>(List<T> entries, boolean complete) {
    public Read {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The level's transitions at or after {@code from}, reading at most a fixed number of audit items
   * (the adapter's budget; {@code complete} is false when it ran out). Entries that cannot be read
   * are left out (the adapter logs them).
   *
   * @throws RuntimeException when the store cannot be read
   */
  Read<Transition> transitions(Instant from);

  /**
   * The newest {@code limit} checks of {@code dependency} at or after {@code from}.
   *
   * @throws RuntimeException when the store cannot be read
   */
  Read<Check> checks(String dependency, Instant from, int limit);
}
