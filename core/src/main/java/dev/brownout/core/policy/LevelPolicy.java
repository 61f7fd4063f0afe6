package dev.brownout.core.policy;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.LevelRule;
import dev.brownout.core.catalog.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog's level rules applied to a set of unhealthy dependencies. */
public final class LevelPolicy {

  /** The level the rules give, with one reason per rule that fired, worst first. */
  public record Decision(Level level, List<Reason> reasons) {}

  private final List<LevelRule> rules;
  private final Map<String, Criticality> criticality;

  public LevelPolicy(Policy policy, List<Dependency> dependencies) {
    this.rules = policy.rules();
    this.criticality =
        dependencies.stream()
            .collect(Collectors.toUnmodifiableMap(Dependency::name, Dependency::criticality));
  }

  /**
   * @param unhealthy names of unhealthy dependencies; names the catalog does not know are ignored
   */
  public Decision decide(Set<String> unhealthy) {
    Level level = Level.FULL;
    List<Fired> fired = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      LevelRule rule = rules.get(i);
      List<String> culprits = culprits(rule, unhealthy);
      if (!culprits.isEmpty()) {
        fired.add(new Fired(i, rule, culprits));
        level = Level.worst(level, rule.level());
      }
    }
    List<Reason> reasons =
        fired.stream()
            .sorted(Comparator.comparing((Fired f) -> f.rule.level()).reversed())
            .map(Fired::reason)
            .toList();
    return new Decision(level, reasons);
  }

  private List<String> culprits(LevelRule rule, Set<String> unhealthy) {
    return switch (rule) {
      case LevelRule.ByDependency byName ->
          unhealthy.contains(byName.dependency()) ? List.of(byName.dependency()) : List.of();
      case LevelRule.ByCriticality byCount -> {
        List<String> down =
            unhealthy.stream()
                .filter(name -> criticality.get(name) == byCount.criticality())
                .sorted()
                .toList();
        yield down.size() >= byCount.atLeast() ? down : List.of();
      }
    };
  }

  private record Fired(int index, LevelRule rule, List<String> culprits) {
    Reason reason() {
      String who = String.join(", ", culprits);
      Function<Integer, String> verb = n -> n == 1 ? " is unhealthy" : " are unhealthy";
      String what =
          switch (rule) {
            case LevelRule.ByDependency byName -> byName.dependency() + verb.apply(1);
            case LevelRule.ByCriticality byCount ->
                byCount.criticality().label()
                    + (culprits.size() == 1 ? " dependency " : " dependencies ")
                    + who
                    + verb.apply(culprits.size());
          };
      return new Reason(
          who, what + " -> " + rule.level() + " (policy.rules[" + index + "]: " + rule + ")");
    }
  }
}
