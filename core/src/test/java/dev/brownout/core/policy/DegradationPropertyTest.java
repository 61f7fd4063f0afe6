package dev.brownout.core.policy;

import static dev.brownout.core.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogValidator;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Feature;
import dev.brownout.core.catalog.LevelRule;
import dev.brownout.core.catalog.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Rules that must hold for every catalog, every set of statuses and every override. */
class DegradationPropertyTest {

  /** A random valid catalog with random health (a bit per dependency) and a random override. */
  record World(Catalog catalog, Set<String> unhealthy, Set<String> moreUnhealthy) {}

  /**
   * A manual override: the level it pins, the value it forces on one feature, and whether it ends.
   */
  record Pin(Level level, boolean forcedValue, boolean openEnded) {}

  static Gen<World> worlds() {
    Gen<List<Criticality>> criticalities =
        lists().of(arbitrary().enumValues(Criticality.class)).ofSizeBetween(1, 7);
    Gen<Level> degraded = arbitrary().pick(Level.REDUCED, Level.MINIMAL, Level.EMERGENCY);
    Gen<Policy> policies =
        degraded.zip(
            degraded,
            integers().between(1, 3),
            integers().between(1, 300),
            (first, second, atLeast, dwellSeconds) -> {
              Level low = Level.worst(first, second) == first ? second : first;
              Level high = Level.worst(first, second);
              return new Policy(
                  List.of(
                      new LevelRule.ByCriticality(Criticality.CRITICAL, 1, Level.EMERGENCY),
                      new LevelRule.ByCriticality(Criticality.IMPORTANT, 1, low),
                      new LevelRule.ByCriticality(Criticality.IMPORTANT, atLeast + 1, high)),
                  Duration.ofSeconds(dwellSeconds));
            });
    return criticalities.zip(
        policies, longs().all(), longs().all(), DegradationPropertyTest::world);
  }

  private static World world(
      List<Criticality> crits, Policy policy, long healthBits, long moreBits) {
    List<Dependency> deps = new ArrayList<>();
    List<Feature> features = new ArrayList<>();
    Set<String> unhealthy = new HashSet<>();
    Set<String> more = new HashSet<>();
    for (int i = 0; i < crits.size(); i++) {
      String name = "dep-" + i;
      deps.add(Scenario.dependency(name, crits.get(i)));
      Level offAt = Level.values()[1 + (int) Math.floorMod(healthBits >> (i + 20), 3L)];
      features.add(
          Scenario.feature(
              "feature-" + i,
              List.of(name),
              (i % 2 == 0) ? offAt : null,
              i > 0 ? List.of("feature-" + (i - 1)) : List.of()));
      if ((healthBits >> i & 1) == 1) {
        unhealthy.add(name);
      }
      if ((moreBits >> i & 1) == 1) {
        more.add(name);
      }
    }
    more.addAll(unhealthy);
    return new World(Scenario.catalog(deps, features, policy), unhealthy, more);
  }

  static Gen<Instant> instants() {
    return longs().between(0, 4_000_000_000L).map(seconds -> Instant.ofEpochSecond(seconds));
  }

  static Gen<Level> levels() {
    return arbitrary().enumValues(Level.class);
  }

  /** The level record the workflow kept: a level and when it was set. */
  static Gen<LevelState> levelStates() {
    return levels().zip(instants(), LevelState::new);
  }

  static Gen<Pin> pins() {
    return levels().zip(booleans().all(), booleans().all(), Pin::new);
  }

  /** Health checks that come out healthy or not, at random, in sequence. */
  static Gen<List<Boolean>> flaps() {
    return lists().of(booleans().all()).ofSizeBetween(2, 60);
  }

  /** Seconds between two evaluations, cycled through along the flaps. */
  static Gen<List<Integer>> gaps() {
    return lists().of(integers().between(1, 90)).ofSizeBetween(1, 10);
  }

  @Test
  void moreUnhealthyDependenciesNeverLowerTheLevel() {
    qt().forAll(worlds(), instants())
        .checkAssert(
            (world, now) -> {
              var evaluator = new DegradationEvaluator(world.catalog());
              Level fewer =
                  evaluator
                      .evaluate(Scenario.input(world.catalog(), world.unhealthy(), null, null, now))
                      .level();
              Level more =
                  evaluator
                      .evaluate(
                          Scenario.input(world.catalog(), world.moreUnhealthy(), null, null, now))
                      .level();

              assertThat(more.isAtLeast(fewer))
                  .as(
                      "%s with %s vs %s with %s",
                      more, world.moreUnhealthy(), fewer, world.unhealthy())
                  .isTrue();
            });
  }

  @Test
  void optionalDependenciesNeverRaiseTheLevel() {
    qt().forAll(worlds())
        .checkAssert(
            world -> {
              var evaluator = new DegradationEvaluator(world.catalog());
              Set<String> optionalDown = new HashSet<>(world.unhealthy());
              world.catalog().dependencies().stream()
                  .filter(d -> d.criticality() == Criticality.OPTIONAL)
                  .forEach(d -> optionalDown.add(d.name()));
              Instant now = Scenario.T0;

              assertThat(
                      evaluator
                          .evaluate(Scenario.input(world.catalog(), optionalDown, null, null, now))
                          .level())
                  .isEqualTo(
                      evaluator
                          .evaluate(
                              Scenario.input(world.catalog(), world.unhealthy(), null, null, now))
                          .level());
            });
  }

  @Test
  void anUnexpiredOverrideAlwaysWins() {
    qt().forAll(worlds(), pins(), instants(), levelStates())
        .checkAssert(
            (world, pin, now, state) -> {
              String feature = world.catalog().features().get(0).name();
              var override =
                  new ManualOverride(
                      Optional.of(pin.level()),
                      Map.of(feature, pin.forcedValue()),
                      pin.openEnded() ? Optional.empty() : Optional.of(now.plusSeconds(1)),
                      Optional.empty());

              Evaluation e =
                  new DegradationEvaluator(world.catalog())
                      .evaluate(
                          Scenario.input(world.catalog(), world.unhealthy(), state, override, now));

              assertThat(e.level()).isEqualTo(pin.level());
              assertThat(e.flags().isOn(feature)).isEqualTo(pin.forcedValue());
            });
  }

  @Test
  void theSameInputGivesTheSameEvaluation() {
    qt().forAll(worlds(), instants(), levelStates())
        .checkAssert(
            (world, now, state) -> {
              var input = Scenario.input(world.catalog(), world.unhealthy(), state, null, now);
              var again =
                  Scenario.input(
                      world.catalog(),
                      Set.copyOf(world.unhealthy()),
                      new LevelState(state.level(), state.since()),
                      null,
                      now);

              assertThat(new DegradationEvaluator(world.catalog()).evaluate(input))
                  .isEqualTo(new DegradationEvaluator(world.catalog()).evaluate(again));
            });
  }

  @Test
  void everyFeatureThatIsOffHasAReason() {
    qt().forAll(worlds(), instants(), levels())
        .checkAssert(
            (world, now, current) -> {
              Evaluation e =
                  new DegradationEvaluator(world.catalog())
                      .evaluate(
                          Scenario.input(
                              world.catalog(),
                              world.unhealthy(),
                              new LevelState(current, now.minusSeconds(30)),
                              null,
                              now));

              e.flags()
                  .flags()
                  .forEach(
                      (name, flag) -> {
                        if (!flag.on()) {
                          assertThat(flag.reasons())
                              .as("reasons for %s being off", name)
                              .isNotEmpty();
                        }
                      });
            });
  }

  /** Health that alternates at random, checked every few seconds, run through the evaluator. */
  @Test
  void alternatingHealthNeverStepsDownTwiceWithinTheDwellTime() {
    qt().forAll(worlds().assuming(w -> !w.moreUnhealthy().isEmpty()), flaps(), gaps())
        .checkAssert(DegradationPropertyTest::neverStepsDownTwiceWithinTheDwellTime);
  }

  private static void neverStepsDownTwiceWithinTheDwellTime(
      World world, List<Boolean> flaps, List<Integer> gaps) {
    var evaluator = new DegradationEvaluator(world.catalog());
    Duration dwell = world.catalog().policy().minDwell();
    Optional<LevelState> state = Optional.empty();
    Instant now = Scenario.T0;
    List<Instant> stepDowns = new ArrayList<>();
    for (int i = 0; i < flaps.size(); i++) {
      now = now.plusSeconds(gaps.get(i % gaps.size()));
      Set<String> unhealthy = flaps.get(i) ? world.moreUnhealthy() : Set.of();
      Evaluation e =
          evaluator.evaluate(
              new DegradationEvaluator.Input(
                  Scenario.statuses(world.catalog(), unhealthy), state, Optional.empty(), now));
      if (e.previous().isWorseThan(e.level()) && state.isPresent()) {
        stepDowns.add(now);
      }
      state = Optional.of(e.state());
      // A held step is taken when the workflow evaluates again at the moment it names.
      Instant evaluatedAt = now;
      Optional<LevelState> held = state;
      e.heldUntil()
          .ifPresent(
              until -> {
                assertThat(until).isAfter(evaluatedAt);
                Evaluation then =
                    evaluator.evaluate(
                        new DegradationEvaluator.Input(
                            Scenario.statuses(world.catalog(), unhealthy),
                            held,
                            Optional.empty(),
                            until));
                assertThat(then.level()).isEqualTo(then.computed());
                assertThat(then.heldUntil()).isEmpty();
              });
    }
    for (int i = 1; i < stepDowns.size(); i++) {
      assertThat(Duration.between(stepDowns.get(i - 1), stepDowns.get(i)))
          .as("step downs at %s", stepDowns)
          .isGreaterThanOrEqualTo(dwell);
    }
  }

  @Test
  void generatedCatalogsAreValid() {
    qt().forAll(worlds())
        .checkAssert(
            world -> {
              assertThat(CatalogValidator.problems(world.catalog())).isEmpty();
              Map<String, Integer> byCriticality = new HashMap<>();
              world
                  .catalog()
                  .dependencies()
                  .forEach(d -> byCriticality.merge(d.criticality().label(), 1, Integer::sum));
              assertThat(byCriticality.values().stream().mapToInt(Integer::intValue).sum())
                  .isEqualTo(world.catalog().dependencies().size());
            });
  }
}
