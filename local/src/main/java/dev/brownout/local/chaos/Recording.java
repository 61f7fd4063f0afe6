package dev.brownout.local.chaos;

import java.time.Instant;
import java.util.List;

/**
 * What one scenario's run saw: its timeline, every request of the traffic, the audited level
 * transitions and the control plane's readings.
 *
 * @param faultAt when the first fault was switched on
 * @param repairAt when the last fault was mended
 * @param end when the traffic stopped
 * @param problems what went wrong on the way (an awaited event that did not come), one sentence
 *     each
 */
public record Recording(
    Instant start,
    Instant faultAt,
    Instant repairAt,
    Instant end,
    List<Sample> samples,
    List<Transition> transitions,
    List<Observed> readings,
    List<String> problems) {
  public Recording {
    samples = List.copyOf(samples);
    transitions = List.copyOf(transitions);
    readings = List.copyOf(readings);
    problems = List.copyOf(problems);
  }

  /** While the faults lasted: from the first fault to the last repair. */
  public boolean duringFaults(Instant at) {
    return !at.isBefore(faultAt) && !at.isAfter(repairAt);
  }
}
