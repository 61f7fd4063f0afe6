package dev.brownout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rules that must hold for every catalog, every set of statuses and every override. */
class DegradationPropertyTest {

  /** A random valid catalog with random health (a bit per dependency) and a random override. */
  record World(Catalog catalog, Set<String> unhealthy, Set<String> moreUnhealthy) {}

  @Provide
  Arbitrary<World> worlds() {
    Arbitrary<List<Criticality>> criticalities =
        Arbitraries.of(Criticality.class).list().ofMinSize(1).ofMaxSize(7);
    Arbitrary<Policy> policies =
        Combinators.combine(
                Arbitraries.of(Level.REDUCED, Level.MINIMAL, Level.EMERGENCY),
                Arbitraries.of(Level.REDUCED, Level.MINIMAL, Level.EMERGENCY),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 300))
            .as(
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
    return Combinators.combine(criticalities, policies, Arbitraries.longs(), Arbitraries.longs())
        .as(
            (crits, policy, healthBits, moreBits) -> {
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
            });
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
  }

  @Property
  void moreUnhealthyDependenciesNeverLowerTheLevel(
      @ForAll("worlds") World world, @ForAll("instants") Instant now) {
    var evaluator = new DegradationEvaluator(world.catalog());
    Level fewer =
        evaluator
            .evaluate(Scenario.input(world.catalog(), world.unhealthy(), null, null, now))
            .level();
    Level more =
        evaluator
            .evaluate(Scenario.input(world.catalog(), world.moreUnhealthy(), null, null, now))
            .level();

    assertThat(more.isAtLeast(fewer))
        .as("%s with %s vs %s with %s", more, world.moreUnhealthy(), fewer, world.unhealthy())
        .isTrue();
  }

  @Property
  void optionalDependenciesNeverRaiseTheLevel(@ForAll("worlds") World world) {
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
                .evaluate(Scenario.input(world.catalog(), world.unhealthy(), null, null, now))
                .level());
  }

  @Property
  void anUnexpiredOverrideAlwaysWins(
      @ForAll("worlds") World world,
      @ForAll Level pinned,
      @ForAll boolean forcedValue,
      @ForAll("instants") Instant now,
      @ForAll("instants") Instant since,
      @ForAll Level current,
      @ForAll boolean openEnded) {
    String feature = world.catalog().features().get(0).name();
    var override =
        new ManualOverride(
            Optional.of(pinned),
            Map.of(feature, forcedValue),
            openEnded ? Optional.empty() : Optional.of(now.plusSeconds(1)),
            Optional.empty());

    Evaluation e =
        new DegradationEvaluator(world.catalog())
            .evaluate(
                Scenario.input(
                    world.catalog(),
                    world.unhealthy(),
                    new LevelState(current, since),
                    override,
                    now));

    assertThat(e.level()).isEqualTo(pinned);
    assertThat(e.flags().isOn(feature)).isEqualTo(forcedValue);
  }

  @Property
  void theSameInputGivesTheSameEvaluation(
      @ForAll("worlds") World world,
      @ForAll("instants") Instant now,
      @ForAll("instants") Instant since,
      @ForAll Level current) {
    var input =
        Scenario.input(
            world.catalog(), world.unhealthy(), new LevelState(current, since), null, now);
    var again =
        Scenario.input(
            world.catalog(),
            Set.copyOf(world.unhealthy()),
            new LevelState(current, since),
            null,
            now);

    assertThat(new DegradationEvaluator(world.catalog()).evaluate(input))
        .isEqualTo(new DegradationEvaluator(world.catalog()).evaluate(again));
  }

  @Property
  void everyFeatureThatIsOffHasAReason(
      @ForAll("worlds") World world, @ForAll("instants") Instant now, @ForAll Level current) {
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
                assertThat(flag.reasons()).as("reasons for %s being off", name).isNotEmpty();
              }
            });
  }

  /** Health that alternates at random, checked every few seconds, run through the evaluator. */
  @Property
  void alternatingHealthNeverStepsDownTwiceWithinTheDwellTime(
      @ForAll("worlds") World world,
      @ForAll("flaps") List<Boolean> flaps,
      @ForAll("gaps") List<Integer> gaps) {
    Assume.that(!world.moreUnhealthy().isEmpty());
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

  @Provide
  Arbitrary<List<Boolean>> flaps() {
    return Arbitraries.of(true, false).list().ofMinSize(2).ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Integer>> gaps() {
    return Arbitraries.integers().between(1, 90).list().ofMinSize(1).ofMaxSize(10);
  }

  @Property
  void generatedCatalogsAreValid(@ForAll("worlds") World world) {
    assertThat(CatalogValidator.problems(world.catalog())).isEmpty();
    Map<String, Integer> byCriticality = new HashMap<>();
    world
        .catalog()
        .dependencies()
        .forEach(d -> byCriticality.merge(d.criticality().label(), 1, Integer::sum));
    assertThat(byCriticality.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(world.catalog().dependencies().size());
  }
}
