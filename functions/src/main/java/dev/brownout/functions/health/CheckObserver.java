package dev.brownout.functions.health;

import dev.brownout.core.health.CheckPlan.PlannedCheck;
import dev.brownout.core.health.StatusStore.Recorded;
import dev.brownout.core.policy.CheckResult;

/** Told of every check that was recorded: where metrics come from. */
@FunctionalInterface
public interface CheckObserver {
  void checked(PlannedCheck check, CheckResult result, Recorded recorded);
}
