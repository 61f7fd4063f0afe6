package dev.brownout.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One target of a scenario, met or missed, with the figure that decided it. Targets are measured
 * and reported; a missed one does not fail the run.
 */
public record Target(String name, boolean met, String figure) {
  /** At least this share of requests to routes with a cache or static fallback answered 2xx. */
  public static final double AVAILABILITY = 0.999;

  /** From the fault to the audited level change. */
  public static final Duration LEVEL_CHANGE = Duration.ofSeconds(30);

  /** The targets that apply to a scenario, checked against its figures. */
  public static List<Target> of(Scenario scenario, Figures f) {
    List<Target> targets = new ArrayList<>();
    targets.add(
        new Target(
            ">= 99.9 % of fallback routes answered 2xx during the faults",
            f.outageAvailability() >= AVAILABILITY,
            String.format(
                Locale.ROOT,
                "%.2f %% (%d of %d)",
                100 * f.outageAvailability(),
                f.outageOk(),
                f.outageRequests())));
    targets.add(
        new Target(
            "no error answer served from the cache",
            f.errorsFromCache() == 0,
            f.errorsFromCache() + " error answers from the cache"));
    if (scenario.changesLevel()) {
      targets.add(
          new Target(
              "fault to level change <= " + LEVEL_CHANGE.toSeconds() + " s",
              f.faultToLevelChange().filter(d -> d.compareTo(LEVEL_CHANGE) <= 0).isPresent(),
              seconds(f.faultToLevelChange())));
    }
    targets.add(
        new Target(
            "level transitions: "
                + scenario.transitionsDown()
                + " down, "
                + scenario.transitionsUp()
                + " up",
            scenario.transitionsDown().contains(f.transitionsDown())
                && scenario.transitionsUp().contains(f.transitionsUp()),
            f.transitionsDown() + " down, " + f.transitionsUp() + " up"));
    if (f.transitionsDown() > 0) {
      targets.add(
          new Target(
              "repair to FULL <= " + scenario.recoveryBudget().toSeconds() + " s",
              f.repairToFull().filter(d -> d.compareTo(scenario.recoveryBudget()) <= 0).isPresent(),
              seconds(f.repairToFull())));
    }
    if (scenario.holdsLevel()) {
      targets.add(
          new Target(
              "the level in force before the faults held in every answer",
              f.levelChangedAnswers() == 0,
              f.levelChangedAnswers() + " answers with another level"));
    }
    return targets;
  }

  /** {@code 27.4 s}, or {@code never} when it did not happen. */
  static String seconds(Optional<Duration> d) {
    return d.map(Target::seconds).orElse("never");
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
