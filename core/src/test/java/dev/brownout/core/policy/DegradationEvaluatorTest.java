package dev.brownout.core.policy;

import static dev.brownout.core.policy.Scenario.T0;
import static dev.brownout.core.policy.Scenario.input;
import static dev.brownout.core.policy.Scenario.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DegradationEvaluatorTest {
  private final Catalog catalog = shop();
  private final DegradationEvaluator evaluator = new DegradationEvaluator(catalog);
  private static final Duration DWELL = Duration.ofMinutes(2);

  private Evaluation evaluate(Set<String> unhealthy) {
    return evaluator.evaluate(input(catalog, unhealthy, null, null, T0));
  }

  @Test
  void allHealthyIsFullWithEveryFeatureOn() {
    Evaluation e = evaluate(Set.of());

    assertThat(e.level()).isEqualTo(Level.FULL);
    assertThat(e.changed()).isFalse();
    assertThat(e.flags().values())
        .containsOnly(
            Map.entry("recommendations", true),
            Map.entry("banners", true),
            Map.entry("live-prices", true),
            Map.entry("checkout", true));
    assertThat(e.reasons()).isEmpty();
  }

  @Test
  void oneImportantDownIsReducedAndSwitchesOffItsFeatures() {
    Evaluation e = evaluate(Set.of("pricing"));

    assertThat(e.level()).isEqualTo(Level.REDUCED);
    assertThat(e.reasons())
        .containsExactly(
            new Reason(
                "pricing",
                "important dependency pricing is unhealthy -> REDUCED (policy.rules[2]: 1+ important unhealthy -> REDUCED)"));
    assertThat(e.flags().flags().get("live-prices").reasons())
        .containsExactly(new Reason("pricing", "needs pricing, which is unhealthy"));
    assertThat(e.flags().flags().get("banners").reasons())
        .containsExactly(
            new Reason("level", "switched off at REDUCED and above; the level is REDUCED"));
    assertThat(e.flags().isOn("recommendations")).isTrue();
    assertThat(e.flags().isOn("checkout")).isTrue();
  }

  @Test
  void twoImportantDownIsMinimalWithBothRulesAsReasonsWorstFirst() {
    Evaluation e = evaluate(Set.of("pricing", "catalog"));

    assertThat(e.level()).isEqualTo(Level.MINIMAL);
    assertThat(e.reasons())
        .extracting(Reason::message)
        .containsExactly(
            "important dependencies catalog, pricing are unhealthy -> MINIMAL (policy.rules[1]: 2+ important unhealthy -> MINIMAL)",
            "important dependencies catalog, pricing are unhealthy -> REDUCED (policy.rules[2]: 1+ important unhealthy -> REDUCED)");
  }

  @Test
  void criticalDownIsEmergency() {
    Evaluation e = evaluate(Set.of("db"));

    assertThat(e.level()).isEqualTo(Level.EMERGENCY);
    assertThat(e.flags().flags().get("checkout").reasons())
        .extracting(Reason::message)
        .containsExactly(
            "needs db, which is unhealthy",
            "switched off at EMERGENCY and above; the level is EMERGENCY");
  }

  @Test
  void optionalDownKeepsFullButSwitchesOffItsFeatureAndThoseThatRequireIt() {
    Evaluation e = evaluate(Set.of("recs"));

    assertThat(e.level()).isEqualTo(Level.FULL);
    assertThat(e.flags().isOn("recommendations")).isFalse();
    assertThat(e.flags().flags().get("banners").reasons())
        .containsExactly(
            new Reason("recommendations", "requires feature recommendations, which is off"));
  }

  @Test
  void firstEvaluationAppliesTheComputedLevelAtOnce() {
    Evaluation e = evaluate(Set.of("catalog"));

    assertThat(e.previous()).isEqualTo(Level.FULL);
    assertThat(e.changed()).isTrue();
    assertThat(e.since()).isEqualTo(T0);
  }

  @Test
  void recoveryInsideTheDwellTimeHoldsTheLevel() {
    var current = new LevelState(Level.REDUCED, T0);
    Instant now = T0.plus(DWELL).minusSeconds(1);

    Evaluation e = evaluator.evaluate(input(catalog, Set.of(), current, null, now));

    assertThat(e.level()).isEqualTo(Level.REDUCED);
    assertThat(e.computed()).isEqualTo(Level.FULL);
    assertThat(e.changed()).isFalse();
    assertThat(e.since()).isEqualTo(T0);
    assertThat(e.reasons())
        .containsExactly(
            new Reason(
                "dwell",
                "held at REDUCED until 2026-11-26T10:02:00Z (minimum dwell 2m); the rules alone give FULL"));
    assertThat(e.heldUntil()).contains(T0.plus(DWELL));
  }

  @Test
  void recoveryAfterTheDwellTimeStepsDown() {
    var current = new LevelState(Level.EMERGENCY, T0);
    Instant now = T0.plus(DWELL);

    Evaluation e = evaluator.evaluate(input(catalog, Set.of(), current, null, now));

    assertThat(e.level()).isEqualTo(Level.FULL);
    assertThat(e.previous()).isEqualTo(Level.EMERGENCY);
    assertThat(e.since()).isEqualTo(now);
    assertThat(e.heldUntil()).isEmpty();
  }

  @Test
  void gettingWorseStepsUpAtOnceEvenInsideTheDwellTime() {
    var current = new LevelState(Level.REDUCED, T0);

    Evaluation e =
        evaluator.evaluate(input(catalog, Set.of("db"), current, null, T0.plusSeconds(1)));

    assertThat(e.level()).isEqualTo(Level.EMERGENCY);
    assertThat(e.since()).isEqualTo(T0.plusSeconds(1));
    assertThat(e.heldUntil()).as("nothing is held when the level steps up").isEmpty();
  }

  @Test
  void overridePinsTheLevelAndSaysSoFirst() {
    var override =
        new ManualOverride(
            Optional.of(Level.MINIMAL),
            Map.of(),
            Optional.of(T0.plusSeconds(600)),
            Optional.of("load test"));

    Evaluation e = evaluator.evaluate(input(catalog, Set.of("db"), null, override, T0));

    assertThat(e.level()).isEqualTo(Level.MINIMAL);
    assertThat(e.computed()).isEqualTo(Level.EMERGENCY);
    assertThat(e.override()).contains(override);
    assertThat(e.reasons().get(0))
        .isEqualTo(
            new Reason(
                "override", "level pinned to MINIMAL until 2026-11-26T10:10:00Z (load test)"));
  }

  @Test
  void overrideForcesAFeatureOnEvenWhileItsDependencyIsDown() {
    var override =
        new ManualOverride(
            Optional.empty(), Map.of("live-prices", true), Optional.empty(), Optional.empty());

    Evaluation e = evaluator.evaluate(input(catalog, Set.of("pricing"), null, override, T0));

    assertThat(e.level()).isEqualTo(Level.REDUCED);
    assertThat(e.flags().isOn("live-prices")).isTrue();
    assertThat(e.flags().flags().get("live-prices").reasons())
        .containsExactly(new Reason("override", "forced on"));
  }

  @Test
  void expiredOverrideIsIgnoredAndTheExpiryIsAReason() {
    var override =
        new ManualOverride(
            Optional.of(Level.FULL), Map.of(), Optional.of(T0.minusSeconds(1)), Optional.empty());

    Evaluation e = evaluator.evaluate(input(catalog, Set.of("db"), null, override, T0));

    assertThat(e.level()).isEqualTo(Level.EMERGENCY);
    assertThat(e.override()).isEmpty();
    assertThat(e.reasons())
        .contains(new Reason("override", "expired at 2026-11-26T09:59:59Z; ignored"));
  }

  @Test
  void overrideNamingAnUnknownFeatureIsIgnoredWholeNeverHalfApplied() {
    var override =
        new ManualOverride(
            Optional.of(Level.FULL), Map.of("ghost", true), Optional.empty(), Optional.empty());

    Evaluation e = evaluator.evaluate(input(catalog, Set.of("db"), null, override, T0));

    assertThat(e.level()).isEqualTo(Level.EMERGENCY);
    assertThat(e.override()).isEmpty();
    assertThat(e.reasons())
        .contains(
            new Reason(
                "override",
                "names features the catalog does not have (ghost); the whole override is ignored"));
  }

  @Test
  void missingAndUnknownStatusesAreReportedAndDoNotCount() {
    var statuses =
        Map.of("ghost", Scenario.status("ghost", false), "db", Scenario.status("db", true));

    Evaluation e =
        evaluator.evaluate(
            new DegradationEvaluator.Input(statuses, Optional.empty(), Optional.empty(), T0));

    assertThat(e.level()).isEqualTo(Level.FULL);
    assertThat(e.reasons())
        .contains(
            new Reason("catalog", "no status recorded yet; counted as healthy"),
            new Reason("ghost", "has a status but is not in the catalog; ignored"));
  }
}
