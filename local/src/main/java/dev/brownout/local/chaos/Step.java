package dev.brownout.local.chaos;

import dev.brownout.core.Level;
import java.time.Duration;

/** One step of a scenario's timeline. */
public sealed interface Step {

  /** Switch a fault target ({@code ./brownout fault} names) to a fault. */
  record Inject(String target, String fault) implements Step {}

  /** Mend a fault target. */
  record Repair(String target) implements Step {}

  /** Wait this long. */
  record Hold(Duration duration) implements Step {}

  /** Wait until the condition holds, at most {@code timeout}; a timeout is reported, not fatal. */
  record Await(Condition condition, Duration timeout) implements Step {}

  /** What an {@link Await} waits for, read from the control plane. */
  sealed interface Condition {
    boolean holds(Observed observed);

    String describe();
  }

  /** The level left FULL. */
  record Degraded() implements Condition {
    @Override
    public boolean holds(Observed observed) {
      return observed.level().isPresent() && observed.level().get() != Level.FULL;
    }

    @Override
    public String describe() {
      return "the level to leave FULL";
    }
  }

  /** A feature's flag is off. */
  record FlagOff(String feature) implements Condition {
    @Override
    public boolean holds(Observed observed) {
      return "off".equals(observed.flags().get(feature));
    }

    @Override
    public String describe() {
      return "the flag " + feature + " to switch off";
    }
  }

  /** A dependency is healthy again in the status table. */
  record Healthy(String dependency) implements Condition {
    @Override
    public boolean holds(Observed observed) {
      return Boolean.TRUE.equals(observed.healthy().get(dependency));
    }

    @Override
    public String describe() {
      return dependency + " to be healthy again";
    }
  }
}
