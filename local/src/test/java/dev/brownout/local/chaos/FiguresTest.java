package dev.brownout.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.local.chaos.Scenario.Range;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The figures, targets and tables of one recorded run, on a fixed timeline. */
class FiguresTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String PRODUCTS = "GET /products/{id}";
  private static final String ORDERS = "POST /orders";
  private static final Set<String> PROTECTED = Set.of(PRODUCTS);

  private static Instant at(double seconds) {
    return T0.plusMillis((long) (seconds * 1000));
  }

  private static Sample sample(
      double s, String route, int status, String from, String level, int ms) {
    return new Sample(at(s), route, status, from, level, Duration.ofMillis(ms), false);
  }

  private static Scenario importantDown() {
    return new Scenario(
        "important-down",
        "catalog-service down",
        List.of(),
        Set.of("catalog-service"),
        Range.exactly(1),
        Range.exactly(1),
        Duration.ofSeconds(140),
        false);
  }

  /**
   * Fault at 10 s, repair at 70 s: the primary answers until 12 s, the cache from 12.5 s; the level
   * changes at 45 s and is FULL again at 200 s.
   */
  private static Recording outage(List<Sample> extra) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      samples.add(sample(i * 0.5, PRODUCTS, 200, "primary", "FULL", 10 + i));
    }
    samples.add(sample(10.5, PRODUCTS, 200, "primary", "FULL", 12));
    samples.add(sample(12.5, PRODUCTS, 200, "cache", "FULL", 30));
    samples.add(sample(20, PRODUCTS, 503, "degraded", "FULL", 1000));
    samples.add(sample(50, PRODUCTS, 200, "cache", "REDUCED", 8));
    samples.add(sample(50, ORDERS, 0, "", "", 10_000));
    samples.addAll(extra);
    return new Recording(
        T0,
        at(10),
        at(70),
        at(210),
        samples,
        List.of(
            new Transition(at(5), Level.REDUCED, Level.FULL), // before the fault: not counted
            new Transition(at(45), Level.FULL, Level.REDUCED),
            new Transition(at(200), Level.REDUCED, Level.FULL)),
        List.of(
            new Observed(at(9), Optional.of(Level.FULL), Map.of("live-prices", "on"), Map.of()),
            new Observed(at(30), Optional.of(Level.FULL), Map.of("live-prices", "on"), Map.of()),
            new Observed(
                at(46), Optional.of(Level.REDUCED), Map.of("live-prices", "off"), Map.of())),
        List.of());
  }

  @Test
  void requestsAreCountedBySourceWithFailuresAndUnansweredApart() {
    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of(PRODUCTS));

    assertThat(f.requests()).isEqualTo(25);
    assertThat(f.ok()).isEqualTo(23);
    assertThat(f.failed()).isEqualTo(2); // the 503 and the unanswered order
    assertThat(f.bySource())
        .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 21L, "cache", 2L, "degraded", 1L));
    assertThat(f.p50()).isEqualTo(Duration.ofMillis(20));
    assertThat(f.p99()).isEqualTo(Duration.ofMillis(10_000));
  }

  @Test
  void theTimesAreMeasuredFromTheFaultAndFromTheRepair() {
    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of(PRODUCTS));

    assertThat(f.faultToFallback()).contains(Duration.ofMillis(2500));
    assertThat(f.faultToLevelChange()).contains(Duration.ofSeconds(35));
    assertThat(f.faultToFlags()).contains(Duration.ofSeconds(36));
    assertThat(f.repairToFull()).contains(Duration.ofSeconds(130));
    assertThat(f.transitionsDown()).isEqualTo(1);
    assertThat(f.transitionsUp()).isEqualTo(1);
  }

  @Test
  void availabilityCountsOnlyProtectedRoutesWhileTheFaultsLast() {
    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of(PRODUCTS));

    // 10.5, 12.5, 20 (the 503) and 50 on /products: the order and the 0-10 s requests do not count
    assertThat(f.outageRequests()).isEqualTo(4);
    assertThat(f.outageOk()).isEqualTo(3);
    assertThat(f.outageAvailability()).isEqualTo(0.75);
  }

  @Test
  void anErrorFromTheCacheIsAViolationEvenFromTheAbusiveClient() {
    Sample poisoned =
        new Sample(at(30), PRODUCTS, 404, "cache", "FULL", Duration.ofMillis(5), true);

    Figures f = Figures.of(outage(List.of(poisoned)), PROTECTED, Set.of(PRODUCTS));

    assertThat(f.errorsFromCache()).isEqualTo(1);
    assertThat(f.abusive()).isEqualTo(1);
    assertThat(f.requests()).as("the abusive client is counted apart").isEqualTo(25);
    assertThat(Target.of(importantDown(), f))
        .filteredOn(t -> t.name().equals("no error answer served from the cache"))
        .singleElement()
        .satisfies(t -> assertThat(t.met()).isFalse());
  }

  @Test
  void eachTargetIsMetOrMissedWithItsFigure() {
    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of(PRODUCTS));

    List<Target> targets = Target.of(importantDown(), f);

    assertThat(targets)
        .extracting(Target::name, Target::met, Target::figure)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ">= 99.9 % of fallback routes answered 2xx during the faults",
                false, "75.00 % (3 of 4)"),
            org.assertj.core.groups.Tuple.tuple(
                "no error answer served from the cache", true, "0 error answers from the cache"),
            org.assertj.core.groups.Tuple.tuple("fault to level change <= 30 s", false, "35.0 s"),
            org.assertj.core.groups.Tuple.tuple(
                "level transitions: 1 down, 1 up", true, "1 down, 1 up"),
            org.assertj.core.groups.Tuple.tuple("repair to FULL <= 140 s", true, "130.0 s"));
  }

  @Test
  void aScenarioThatMustHoldTheLevelCountsAnswersWithAnotherLevel() {
    Scenario holding =
        new Scenario(
            "ssm-api-cut",
            "SSM cut off",
            List.of(),
            Set.of(),
            Range.exactly(0),
            Range.exactly(0),
            Duration.ofSeconds(120),
            false);

    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of());

    assertThat(f.levelChangedAnswers()).isEqualTo(1); // the REDUCED answer at 50 s
    List<Target> targets = Target.of(holding, f);
    assertThat(targets)
        .extracting(Target::name, Target::met)
        .contains(
            org.assertj.core.groups.Tuple.tuple("level transitions: 0 down, 0 up", false),
            org.assertj.core.groups.Tuple.tuple(
                "the level in force before the faults held in every answer", false));
    assertThat(targets).noneMatch(t -> t.name().startsWith("fault to level change"));
  }

  @Test
  void whatNeverHappenedIsEmptyAndShownAsNever() {
    Recording quiet =
        new Recording(
            T0,
            at(10),
            at(70),
            at(80),
            List.of(sample(11, PRODUCTS, 200, "primary", "FULL", 9)),
            List.of(),
            List.of(),
            List.of("the level to leave FULL did not happen within 180 s"));

    Figures f = Figures.of(quiet, PROTECTED, Set.of(PRODUCTS));
    Outcome o = Outcome.ran(importantDown(), f, quiet.problems(), Duration.ofSeconds(80));

    assertThat(f.faultToFallback()).isEmpty();
    assertThat(f.faultToLevelChange()).isEmpty();
    assertThat(f.repairToFull()).isEmpty();
    assertThat(f.faultToFlags()).isEmpty();
    assertThat(ChaosTable.text(o))
        .containsPattern("fault to level change +\\| never")
        .contains("target: fault to level change <= 30 s")
        .containsPattern("target: fault to level change <= 30 s +\\| MISSED: never")
        .containsPattern("problem +\\| the level to leave FULL did not happen");
  }

  @Test
  void theTablesShowEveryFigureAndTheSummaryTheMissedTargets() {
    Figures f = Figures.of(outage(List.of()), PROTECTED, Set.of(PRODUCTS));
    Outcome ran = Outcome.ran(importantDown(), f, List.of(), Duration.ofSeconds(215));
    Outcome failed =
        Outcome.failed(importantDown(), "switching x down failed: 404", Duration.ofSeconds(1));

    String text = ChaosTable.text(ran);
    String markdown = ChaosTable.markdown(ran);

    assertThat(text)
        .startsWith("== important-down: catalog-service down\n")
        .contains("requests sent")
        .contains("| 25\n")
        .containsPattern("answered 2xx +\\| 23 \\(92\\.00 %\\)")
        .contains("cache 2, degraded 1, primary 21")
        .containsPattern("latency p50 / p99 +\\| 20 ms / 10000 ms")
        .containsPattern("fault to first fallback answer +\\| 2\\.5 s")
        .containsPattern("repair to FULL +\\| 130\\.0 s")
        .containsPattern("level transitions +\\| 1 down, 1 up");
    assertThat(markdown)
        .startsWith("### `important-down`\n")
        .contains("| figure | value |")
        .contains("| requests sent | 25 |");
    assertThat(ChaosTable.summary(List.of(ran, failed), true))
        .contains(
            "| `important-down` | 3 of 5 | >= 99.9 % of fallback routes answered 2xx during the"
                + " faults (75.00 % (3 of 4)); fault to level change <= 30 s (35.0 s) |")
        .contains("| `important-down` | could not run | switching x down failed: 404 |");
  }
}
