package dev.brownout.functions.health;

import java.util.List;

/**
 * What one invocation of the health-check function did.
 *
 * @param checks checks run and recorded
 * @param failed of those, how many failed
 * @param duplicates checks that had been recorded before (a redelivered event) and changed nothing
 * @param flips dependencies whose healthy bit flipped, as {@code name: healthy->unhealthy}
 * @param storeErrors checks that could not be recorded: the invocation must fail so it is retried
 */
public record HealthRun(
    String run,
    int checks,
    int failed,
    int duplicates,
    List<String> flips,
    List<String> storeErrors) {

  public HealthRun {
    flips = List.copyOf(flips);
    storeErrors = List.copyOf(storeErrors);
  }
}
