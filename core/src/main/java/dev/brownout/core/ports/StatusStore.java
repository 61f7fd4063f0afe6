package dev.brownout.core.ports;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.policy.DependencyStatus;

/** Where dependency statuses are kept, shared by every function and execution environment. */
public interface StatusStore {

  /**
   * The stored status before and after one check was applied.
   *
   * @param duplicate the check was applied before (a repeated delivery): nothing changed
   */
  record Recorded(DependencyStatus before, DependencyStatus after, boolean duplicate) {
    public boolean flipped() {
      return !duplicate && before.flipsTo(after);
    }
  }

  /**
   * Applies one check to the dependency's stored status, exactly once per {@code checkId} however
   * often it is delivered, and without losing a concurrent writer's count.
   *
   * @param checkId names the check the same way on every delivery, and sorts by scheduled time
   * @throws StatusStoreException when the store cannot be written after retries
   */
  Recorded record(Dependency dependency, CheckResult result, String checkId);

  /** The store failed, not the dependency: the caller must not drop the check silently. */
  class StatusStoreException extends RuntimeException {
    public StatusStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
