package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LevelPolicyTest {
  private static final List<Dependency> SHOP =
      List.of(
          dependency("db", Criticality.CRITICAL),
          dependency("ledger", Criticality.CRITICAL),
          dependency("catalog", Criticality.IMPORTANT),
          dependency("pricing", Criticality.IMPORTANT),
          dependency("orders", Criticality.IMPORTANT),
          dependency("recs", Criticality.OPTIONAL));

  private static Dependency dependency(String name, Criticality criticality) {
    return new Dependency(
        name,
        criticality,
        new HealthCheck.Tcp("localhost", 80, Duration.ofSeconds(1)),
        3,
        2,
        Duration.ofSeconds(10));
  }

  private static LevelPolicy policy(LevelRule... rules) {
    return new LevelPolicy(new Policy(List.of(rules), Duration.ZERO), SHOP);
  }

  @Test
  void noUnhealthyDependencyLeavesTheLevelFullWithNoRuleFired() {
    LevelPolicy.Decision decision = new LevelPolicy(Policy.DEFAULT, SHOP).decide(Set.of());

    assertThat(decision.level()).isEqualTo(Level.FULL);
    assertThat(decision.fired()).isEmpty();
  }

  @Test
  void theWorstLevelOfTheRulesThatFireWinsAndTheyAreListedWorstFirst() {
    LevelPolicy.Decision decision =
        new LevelPolicy(Policy.DEFAULT, SHOP).decide(Set.of("pricing", "catalog", "recs"));

    assertThat(decision.level()).isEqualTo(Level.MINIMAL);
    assertThat(decision.fired()).extracting(LevelPolicy.Firing::index).containsExactly(1, 2);
    assertThat(decision.fired().getFirst().subject()).isEqualTo("catalog, pricing");
    assertThat(decision.fired().getFirst().explanation())
        .isEqualTo(
            "important dependencies catalog, pricing are unhealthy -> MINIMAL"
                + " (policy.rules[1]: 2+ important unhealthy -> MINIMAL)");
  }

  @Test
  void aDependencyTheCatalogDoesNotHaveChangesNothing() {
    assertThat(new LevelPolicy(Policy.DEFAULT, SHOP).decide(Set.of("ghost")).level())
        .isEqualTo(Level.FULL);
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("the defaults", Policy.DEFAULT_RULES),
        Arguments.of(
            "rules on single dependencies and counts",
            List.of(
                new LevelRule.ByCriticality(Criticality.CRITICAL, 2, Level.EMERGENCY),
                new LevelRule.ByDependency("db", Level.MINIMAL),
                new LevelRule.ByDependency("ledger", Level.REDUCED),
                new LevelRule.ByDependency("pricing", Level.EMERGENCY),
                new LevelRule.ByCriticality(Criticality.IMPORTANT, 2, Level.REDUCED))),
        Arguments.of(
            "single dependencies only",
            List.of(
                new LevelRule.ByDependency("catalog", Level.MINIMAL),
                new LevelRule.ByDependency("orders", Level.REDUCED),
                new LevelRule.ByDependency("ledger", Level.EMERGENCY))));
  }

  /** least and worst choose greedily; this holds them to every possible choice. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void leastAndWorstAreTheLeastAndWorstOfEveryChoiceOfThatManyDependencies(
      String scenario, List<LevelRule> rules) {
    LevelPolicy policy = new LevelPolicy(new Policy(rules, Duration.ZERO), SHOP);
    for (Criticality criticality : Criticality.values()) {
      List<String> names =
          SHOP.stream().filter(d -> d.criticality() == criticality).map(Dependency::name).toList();
      for (int n = 1; n <= names.size(); n++) {
        List<Level> everyChoice =
            choices(names, n).stream().map(s -> policy.decide(s).level()).toList();
        LevelPolicy.Outcome least = policy.least(criticality, n).orElseThrow();
        LevelPolicy.Outcome worst = policy.worst(criticality, n).orElseThrow();

        assertThat(least.level())
            .as("%s: least of %d %s", scenario, n, criticality)
            .isEqualTo(everyChoice.stream().min(Level::compareTo).orElseThrow());
        assertThat(worst.level())
            .as("%s: worst of %d %s", scenario, n, criticality)
            .isEqualTo(everyChoice.stream().max(Level::compareTo).orElseThrow());
        assertThat(least.unhealthy()).hasSize(n).isSubsetOf(names);
        assertThat(policy.decide(Set.copyOf(worst.unhealthy())).level()).isEqualTo(worst.level());
      }
    }
  }

  private static List<Set<String>> choices(List<String> names, int n) {
    List<Set<String>> all = new ArrayList<>();
    for (int bits = 0; bits < 1 << names.size(); bits++) {
      Set<String> chosen = new HashSet<>();
      for (int i = 0; i < names.size(); i++) {
        if ((bits >> i & 1) == 1) {
          chosen.add(names.get(i));
        }
      }
      if (chosen.size() == n) {
        all.add(chosen);
      }
    }
    return all;
  }

  @Test
  void theNamedDependenciesAreTheOnesThatGiveTheLevel() {
    LevelPolicy policy =
        policy(
            new LevelRule.ByDependency("pricing", Level.MINIMAL),
            new LevelRule.ByCriticality(Criticality.IMPORTANT, 1, Level.REDUCED));

    assertThat(policy.worst(Criticality.IMPORTANT, 1).orElseThrow())
        .isEqualTo(new LevelPolicy.Outcome(List.of("pricing"), Level.MINIMAL));
    assertThat(policy.least(Criticality.IMPORTANT, 2).orElseThrow())
        .isEqualTo(new LevelPolicy.Outcome(List.of("catalog", "orders"), Level.REDUCED));
  }

  @Test
  void moreDependenciesThanTheCatalogHasOfACriticalityGiveNoOutcome() {
    LevelPolicy policy = new LevelPolicy(Policy.DEFAULT, SHOP);

    assertThat(policy.least(Criticality.CRITICAL, 3)).isEmpty();
    assertThat(policy.worst(Criticality.IMPORTANT, 4)).isEmpty();
  }

  @Test
  void noneUnhealthyIsNotAChoiceToAskAbout() {
    assertThatThrownBy(() -> new LevelPolicy(Policy.DEFAULT, SHOP).least(Criticality.CRITICAL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n counts unhealthy dependencies, at least 1, got 0");
  }
}
