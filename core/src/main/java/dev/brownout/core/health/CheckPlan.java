package dev.brownout.core.health;

import dev.brownout.core.catalog.Dependency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which checks one invocation of the health-check function runs, and when. EventBridge fires at
 * most once a minute, so one invocation checks each dependency every {@code interval} for the
 * length of its window: a dependency that dies is noticed within its thresholds, not minutes.
 */
public final class CheckPlan {

  /**
   * One check of one dependency.
   *
   * @param round 0 for the first check of the dependency in this invocation, then 1, 2, ...
   * @param offset when to start it, from the start of the invocation
   */
  public record PlannedCheck(Dependency dependency, int round, Duration offset) {}

  private CheckPlan() {}

  /**
   * Every check that can finish inside {@code window}, each dependency at its own interval, in
   * order of start. Every dependency is checked at least once.
   */
  public static List<PlannedCheck> plan(List<Dependency> dependencies, Duration window) {
    List<PlannedCheck> plan = new ArrayList<>();
    for (Dependency d : dependencies) {
      plan.add(new PlannedCheck(d, 0, Duration.ZERO));
      for (int round = 1; ; round++) {
        Duration offset = d.interval().multipliedBy(round);
        if (offset.plus(d.check().timeout()).compareTo(window) > 0) {
          break;
        }
        plan.add(new PlannedCheck(d, round, offset));
      }
    }
    plan.sort(Comparator.comparing(PlannedCheck::offset));
    return List.copyOf(plan);
  }
}
