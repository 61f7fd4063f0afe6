package dev.brownout.local.chaos;

import dev.brownout.core.Level;
import java.time.Instant;

/**
 * A level transition as the workflow audited it (status table, {@code pk=AUDIT}, {@code
 * kind=transition}).
 *
 * @param at when the evaluator decided it
 */
public record Transition(Instant at, Level from, Level to) {
  /** Worse than before: a step away from FULL. */
  public boolean down() {
    return to.isWorseThan(from);
  }
}
