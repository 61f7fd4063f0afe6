package dev.brownout.core.api;

import dev.brownout.core.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the control loop recorded over time: the workflow's audit of the level and each
 * dependency's checks. Every read is bounded by a count, newest first, so a page that shows them
 * costs the same however long the app has run.
 */
public interface StatusHistory {

  /**
   * One run of the workflow that changed something: the level ({@code transition}), the override in
   * force ({@code override}) or only flags ({@code flags}).
   *
   * @param override the override that applied, as stored in SSM
   */
  record AuditEntry(
      Instant at,
      String kind,
      Level from,
      Level to,
      List<String> reasons,
      Optional<String> override) {
    public AuditEntry {
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
   * @param complete every entry there is was read: {@code limit} was not reached
   */
  record Read<T>(List<T> entries, boolean complete) {
    public Read {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The newest {@code limit} audit entries, whatever their age; entries that cannot be read are
   * left out (the adapter logs them).
   *
   * @throws RuntimeException when the store cannot be read
   */
  Read<AuditEntry> audit(int limit);

  /**
   * The newest {@code limit} checks of {@code dependency} at or after {@code from}.
   *
   * @throws RuntimeException when the store cannot be read
   */
  Read<Check> checks(String dependency, Instant from, int limit);
}
