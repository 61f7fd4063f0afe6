package dev.brownout.local.chaos;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reading of the control plane: the level and flags in SSM, and each dependency's health in the
 * status table.
 *
 * @param level the level parameter, empty when unreadable
 * @param flags feature name to {@code on}/{@code off}, as the parameters say
 * @param healthy dependency name to healthy; empty when the status table could not be read
 */
public record Observed(
    Instant at, Optional<Level> level, Map<String, String> flags, Map<String, Boolean> healthy) {
  public Observed {
    flags = Map.copyOf(flags);
    healthy = Map.copyOf(healthy);
  }

  /**
   * Level FULL, every flag on, and each of {@code dependencies} recorded healthy: a clean start. A
   * dependency with no status yet (a cloud whose health checks have not run once) is not clean: a
   * fault then would be timed from before the first check.
   */
  public boolean clean(Set<String> dependencies) {
    return level.equals(Optional.of(Level.FULL))
        && !flags.isEmpty()
        && flags.values().stream().allMatch("on"::equals)
        && dependencies.stream().allMatch(d -> Boolean.TRUE.equals(healthy.get(d)));
  }
}
