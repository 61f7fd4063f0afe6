package dev.brownout.core.ports;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.CheckResult;

/**
 * Checks one dependency once. A probe never throws for the dependency's failure: an unreachable
 * host, a timeout or a bad answer is a failed {@link CheckResult} with the error in words.
 */
@FunctionalInterface
public interface Probe {
  CheckResult check(Dependency dependency);
}
