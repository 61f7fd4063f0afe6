package dev.brownout.core.ports;

import dev.brownout.core.Level;
import dev.brownout.core.policy.DependencyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads what the control loop recorded: every dependency's status and the level record. */
public interface StatusBoard {

  /**
   * The level in force as the workflow recorded it, with since when and why.
   *
   * @param version bumped by every write; the next write is conditional on it
   * @param override the override that applied when it was written, as stored in SSM
   */
  record LevelRecord(
      Level level, Instant since, List<String> reasons, long version, Optional<String> override) {
    public LevelRecord {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * @param malformed items that could not be read, in words
   * @param levelUnreadable a level record exists but could not be read: the next write replaces it
   */
  record Board(
      List<DependencyStatus> statuses,
      Optional<LevelRecord> level,
      List<String> malformed,
      boolean levelUnreadable) {
    public Board {
      statuses = List.copyOf(statuses);
      malformed = List.copyOf(malformed);
    }

    public Board(
        List<DependencyStatus> statuses, Optional<LevelRecord> level, List<String> malformed) {
      this(statuses, level, malformed, false);
    }
  }

  /**
   * @throws RuntimeException when the store cannot be read at all
   */
  Board read();
}
