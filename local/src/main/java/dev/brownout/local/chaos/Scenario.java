package dev.brownout.local.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One chaos scenario: a timeline of faults and repairs, and what must happen.
 *
 * @param name what {@code ./brownout chaos <name>} runs
 * @param dependencies the catalog dependencies the faults take away (their routes are where a
 *     fallback is looked for); empty for faults of the platform itself
 * @param transitionsDown how many level transitions away from FULL are right, {@code min..max}
 * @param transitionsUp how many back towards FULL are right
 * @param recoveryBudget the longest repair to FULL may take: the faulted dependencies' {@code
 *     recoveryThreshold × interval} plus the policy's {@code minDwell}
 * @param abusive whether an abusive client joins the traffic while the faults last
 */
public record Scenario(
    String name,
    String summary,
    List<Step> steps,
    Set<String> dependencies,
    Range transitionsDown,
    Range transitionsUp,
    Duration recoveryBudget,
    boolean abusive) {

  public Scenario {
    steps = List.copyOf(steps);
    dependencies = Set.copyOf(dependencies);
  }

  /** Whether the level must change at all (then fault to level change has a target). */
  public boolean changesLevel() {
    return transitionsDown.min() > 0;
  }

  /** Whether the level must hold (then every answer must carry the level it had before). */
  public boolean holdsLevel() {
    return transitionsDown.max() == 0 && transitionsUp.max() == 0;
  }

  /** An inclusive range of counts. */
  public record Range(int min, int max) {
    public static Range exactly(int n) {
      return new Range(n, n);
    }

    public boolean contains(int n) {
      return n >= min && n <= max;
    }

    @Override
    public String toString() {
      return min == max ? Integer.toString(min) : min + "-" + max;
    }
  }
}
