package dev.brownout.core.catalog;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's level rules applied to a set of unhealthy dependencies: the one reading of {@link
 * Policy#rules()}, which the evaluator decides with and the validator asks when it looks for a
 * policy that contradicts itself. It lives beside the rules, not in {@code core.policy}, so the
 * validator can ask it without a package cycle.
 */
public final class LevelPolicy {

  /** The level the rules give, with every rule that fired, worst first. */
  public record Decision(Level level, List<Firing> fired) {}

  /** Rule {@code index} fired because the {@code culprits} are unhealthy. */
  public record Firing(int index, LevelRule rule, List<String> culprits) {
    public Firing {
      culprits = List.copyOf(culprits);
    }

    /** Whom the firing is about: the culprits, comma-separated. */
    public String subject() {
      return String.join(", ", culprits);
    }

    /**
     * For people, e.g. {@code important dependency pricing is unhealthy -> REDUCED
     * (policy.rules[2]: 1+ important unhealthy -> REDUCED)}.
     */
    public String explanation() {
      Function<Integer, String> verb = n -> n == 1 ? " is unhealthy" : " are unhealthy";
      String what =
          switch (rule) {
            case LevelRule.ByDependency byName -> byName.dependency() + verb.apply(1);
            case LevelRule.ByCriticality byCount ->
                byCount.criticality().label()
                    + (culprits.size() == 1 ? " dependency " : " dependencies ")
                    + subject()
                    + verb.apply(culprits.size());
          };
      return what + " -> " + rule.level() + " (policy.rules[" + index + "]: " + rule + ")";
    }
  }

  /** Some unhealthy dependencies and the level they give. */
  public record Outcome(List<String> unhealthy, Level level) {
    public Outcome {
      unhealthy = unhealthy.stream().sorted().toList();
    }
  }

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
    List<Firing> fired = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      LevelRule rule = rules.get(i);
      List<String> culprits = culprits(rule, unhealthy);
      if (!culprits.isEmpty()) {
        fired.add(new Firing(i, rule, culprits));
        level = Level.worst(level, rule.level());
      }
    }
    fired.sort(Comparator.comparing((Firing f) -> f.rule().level()).reversed());
    return new Decision(level, List.copyOf(fired));
  }

  /**
   * Of every choice of {@code n} unhealthy dependencies of {@code criticality}, the one that gives
   * the least level.
   *
   * @return empty if fewer than {@code n} dependencies have that criticality
   */
  public Optional<Outcome> least(Criticality criticality, int n) {
    return choose(criticality, n, Comparator.naturalOrder());
  }

  /** Like {@link #least}, the choice that gives the worst level. */
  public Optional<Outcome> worst(Criticality criticality, int n) {
    return choose(criticality, n, Comparator.reverseOrder());
  }

  /**
   * A rule fires on one named dependency or on a count of one criticality, so among dependencies of
   * one criticality the {@code n} that give the least level one by one give the least together (and
   * the worst likewise); LevelPolicyTest checks this against every choice.
   */
  private Optional<Outcome> choose(Criticality of, int n, Comparator<Level> order) {
    if (n < 1) {
      throw new IllegalArgumentException("n counts unhealthy dependencies, at least 1, got " + n);
    }
    List<String> candidates =
        criticality.entrySet().stream()
            .filter(e -> e.getValue() == of)
            .map(Map.Entry::getKey)
            .sorted(
                Comparator.comparing((String name) -> decide(Set.of(name)).level(), order)
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (candidates.size() < n) {
      return Optional.empty();
    }
    List<String> chosen = candidates.subList(0, n);
    return Optional.of(new Outcome(chosen, decide(Set.copyOf(chosen)).level()));
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
}
