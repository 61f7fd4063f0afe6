package dev.brownout.core.policy;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the evaluator decided.
 *
 * @param level the level in force from now on
 * @param previous the level in force before
 * @param since when {@code level} came into force ({@code now} if it changed)
 * @param computed the level the rules alone give, before dwell and override
 * @param override the override that was applied, if one was
 * @param reasons why the level is what it is, and anything in the input that was ignored
 * @param heldUntil when the minimum dwell holds a step back up: the moment it may be taken (the
 *     workflow evaluates again then, rather than at its next scheduled run)
 */
public record Evaluation(
    Level level,
    Level previous,
    Instant since,
    Level computed,
    List<Reason> reasons,
    FlagPlan flags,
    Optional<ManualOverride> override,
    Optional<Instant> heldUntil) {

  public Evaluation {
    reasons = List.copyOf(reasons);
  }

  public boolean changed() {
    return level != previous;
  }

  public LevelState state() {
    return new LevelState(level, since);
  }
}
