package dev.brownout.local.chaos;

import java.util.List;
import java.util.Optional;

/**
 * One scenario's result: its figures and targets, or why it could not run.
 *
 * @param problems what went wrong during the run without stopping it
 * @param couldNotRun why the scenario did not run, when it did not
 */
public record Outcome(
    Scenario scenario,
    Optional<Figures> figures,
    List<Target> targets,
    List<String> problems,
    Optional<String> couldNotRun,
    java.time.Duration took) {
  public Outcome {
    targets = List.copyOf(targets);
    problems = List.copyOf(problems);
  }

  public static Outcome ran(
      Scenario scenario, Figures figures, List<String> problems, java.time.Duration took) {
    return new Outcome(
        scenario,
        Optional.of(figures),
        Target.of(scenario, figures),
        problems,
        Optional.empty(),
        took);
  }

  public static Outcome failed(Scenario scenario, String why, java.time.Duration took) {
    return new Outcome(scenario, Optional.empty(), List.of(), List.of(), Optional.of(why), took);
  }

  public long missed() {
    return targets.stream().filter(t -> !t.met()).count();
  }
}
