package dev.brownout.functions.health;

import dev.brownout.core.health.CheckPlan.PlannedCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.StatusStore.Recorded;

/** Told of every check that was recorded: where metrics come from. */
@FunctionalInterface
public interface CheckObserver {
  void checked(PlannedCheck check, CheckResult result, Recorded recorded);
}
