package dev.brownout.core.catalog;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import java.time.Duration;
import java.util.List;

/**
 * How dependency health becomes a level: the worst level of the rules that fire (FULL when none
 * does), held for at least {@code minDwell} before it may step down again.
 */
public record Policy(List<LevelRule> rules, Duration minDwell) {
  public static final Duration DEFAULT_MIN_DWELL = Duration.ofMinutes(2);

  /** The practice's rules: any critical down is an emergency, important ones reduce the service. */
  public static final List<LevelRule> DEFAULT_RULES =
      List.of(
          new LevelRule.ByCriticality(Criticality.CRITICAL, 1, Level.EMERGENCY),
          new LevelRule.ByCriticality(Criticality.IMPORTANT, 2, Level.MINIMAL),
          new LevelRule.ByCriticality(Criticality.IMPORTANT, 1, Level.REDUCED));

  public static final Policy DEFAULT = new Policy(DEFAULT_RULES, DEFAULT_MIN_DWELL);

  public Policy {
    rules = List.copyOf(rules);
  }
}
