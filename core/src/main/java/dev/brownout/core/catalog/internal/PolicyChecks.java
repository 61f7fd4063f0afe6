package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.LevelPolicy;
import dev.brownout.core.catalog.LevelRule;
import dev.brownout.core.catalog.Policy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code policy} section: each rule's own settings, rules that contradict each other in what
 * they say, and a policy whose decisions contradict the criticalities. What a set of unhealthy
 * dependencies gives is asked of {@link LevelPolicy}, the code the evaluator decides with, never
 * worked out again here.
 */
public final class PolicyChecks {
  private static final Duration MAX_DWELL = Duration.ofHours(24);

  private final Findings findings;

  public PolicyChecks(Findings findings) {
    this.findings = findings;
  }

  /**
   * @param dependencies the catalog's dependencies by name, the first of each name
   */
  public void check(Policy p, Map<String, Dependency> dependencies) {
    if (findings.required("policy.minDwell", p.minDwell())
        && (p.minDwell().isNegative() || p.minDwell().compareTo(MAX_DWELL) > 0)) {
      findings.add(
          "policy.minDwell", "must be between 0s and 24h, got " + Durations.format(p.minDwell()));
    }
    Map<String, Integer> conditions = new HashMap<>();
    for (int i = 0; i < p.rules().size(); i++) {
      rule(index("policy.rules", i), i, p.rules(), dependencies, conditions);
    }
    monotonic(p.rules());
    LevelPolicy decisions = decisions(p, dependencies);
    criticalOutweighsImportant(decisions);
    criticalAlwaysMatters(decisions, dependencies);
  }

  /**
   * @param conditions the first rule of each condition so far, to find one given twice
   */
  private void rule(
      String path,
      int i,
      List<LevelRule> rules,
      Map<String, Dependency> dependencies,
      Map<String, Integer> conditions) {
    LevelRule rule = rules.get(i);
    if (!findings.required(key(path, "level"), rule.level())) {
      return;
    }
    if (rule.level() == Level.FULL) {
      findings.add(
          key(path, "level"), "a rule raises the level; FULL is the level when no rule fires");
    }
    String condition;
    switch (rule) {
      case LevelRule.ByCriticality byCount -> {
        if (!findings.required(key(path, "criticality"), byCount.criticality())) {
          return;
        }
        condition = byCount.criticality() + ">=" + byCount.atLeast();
        if (byCount.criticality() == Criticality.OPTIONAL) {
          findings.add(
              key(path, "criticality"),
              "optional dependencies never raise the level; they only switch off the features that need them");
        }
        if (byCount.atLeast() < 1) {
          findings.add(key(path, "atLeast"), "must be at least 1, got " + byCount.atLeast());
        }
      }
      case LevelRule.ByDependency byName -> {
        if (!findings.required(key(path, "dependency"), byName.dependency())) {
          return;
        }
        condition = "dependency " + byName.dependency();
        Dependency d = dependencies.get(byName.dependency());
        if (d == null) {
          findings.reference(
              key(path, "dependency"), byName.dependency(), dependencies.keySet(), "dependency");
        } else if (d.criticality() == Criticality.OPTIONAL) {
          findings.add(
              key(path, "dependency"),
              byName.dependency()
                  + " is optional, and optional dependencies never raise the level");
        }
      }
    }
    Integer earlier = conditions.putIfAbsent(condition, i);
    if (earlier != null) {
      Level other = rules.get(earlier).level();
      findings.add(
          path,
          other == rule.level()
              ? "repeats policy.rules[" + earlier + "]"
              : "contradicts policy.rules["
                  + earlier
                  + "]: the same condition gives "
                  + rule.level()
                  + " here and "
                  + other
                  + " there");
    }
  }

  /**
   * A rule that asks for a lower level with more unhealthy dependencies of a criticality than
   * another asks for with fewer. The evaluator would never give its level (the other rule fires
   * too, and the worst level wins), so the rules say two different things: this compares what they
   * say, for any number of dependencies the catalog may come to have, not what the policy decides.
   */
  private void monotonic(List<LevelRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      for (int j = 0; j < rules.size(); j++) {
        if (rules.get(i) instanceof LevelRule.ByCriticality a
            && rules.get(j) instanceof LevelRule.ByCriticality b
            && a.level() != null
            && b.level() != null
            && a.criticality() != null
            && a.criticality() == b.criticality()
            && a.atLeast() > b.atLeast()
            && b.level().isWorseThan(a.level())) {
          findings.add(
              index("policy.rules", i),
              "contradicts policy.rules["
                  + j
                  + "]: "
                  + a
                  + " is lower than "
                  + b
                  + ", but more unhealthy dependencies must never lower the level");
        }
      }
    }
  }

  /**
   * The policy as the evaluator would apply it, less the rules it could not apply (reported above)
   * and those that set FULL, which raise nothing.
   */
  private static LevelPolicy decisions(Policy p, Map<String, Dependency> dependencies) {
    List<LevelRule> applicable =
        p.rules().stream()
            .filter(r -> r.level() != null && r.level() != Level.FULL)
            .filter(
                r ->
                    switch (r) {
                      case LevelRule.ByCriticality byCount -> byCount.criticality() != null;
                      case LevelRule.ByDependency byName -> byName.dependency() != null;
                    })
            .toList();
    List<Dependency> judged =
        dependencies.values().stream().filter(d -> d.criticality() != null).toList();
    return new LevelPolicy(new Policy(applicable, p.minDwell()), judged);
  }

  /**
   * For any number {@code n}, no {@code n} unhealthy important dependencies may give a worse level
   * than some {@code n} unhealthy critical ones.
   */
  private void criticalOutweighsImportant(LevelPolicy decisions) {
    for (int n = 1; ; n++) {
      Optional<LevelPolicy.Outcome> important = decisions.worst(Criticality.IMPORTANT, n);
      Optional<LevelPolicy.Outcome> critical = decisions.least(Criticality.CRITICAL, n);
      if (important.isEmpty() || critical.isEmpty()) {
        return;
      }
      if (important.get().level().isWorseThan(critical.get().level())) {
        findings.add(
            "policy.rules",
            "contradiction: "
                + gives(
                    n,
                    Criticality.IMPORTANT,
                    important.get(),
                    decisions.least(Criticality.IMPORTANT, n))
                + ", but "
                + gives(
                    n,
                    Criticality.CRITICAL,
                    critical.get(),
                    decisions.worst(Criticality.CRITICAL, n))
                + "; a critical dependency must weigh at least as much as an important one");
        return;
      }
    }
  }

  /**
   * {@code 1 important unhealthy gives MINIMAL}, naming the dependencies when another choice of as
   * many gives another level.
   */
  private static String gives(
      int n, Criticality c, LevelPolicy.Outcome shown, Optional<LevelPolicy.Outcome> other) {
    boolean choiceMatters = other.map(o -> o.level() != shown.level()).orElse(false);
    return n
        + " "
        + c.label()
        + " unhealthy"
        + (choiceMatters ? " (" + String.join(", ", shown.unhealthy()) + ")" : "")
        + " gives "
        + shown.level();
  }

  private void criticalAlwaysMatters(LevelPolicy decisions, Map<String, Dependency> dependencies) {
    List<String> ignored =
        dependencies.values().stream()
            .filter(d -> d.criticality() == Criticality.CRITICAL)
            .map(Dependency::name)
            .filter(name -> decisions.decide(Set.of(name)).level() == Level.FULL)
            .sorted()
            .toList();
    if (!ignored.isEmpty()) {
      findings.add(
          "policy.rules",
          "no rule fires when the critical dependency "
              + String.join(", ", ignored)
              + " is unhealthy; add a rule with criticality: critical and atLeast: 1");
    }
  }
}
