package dev.brownout.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.functions.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evaluator's planning over the example catalog, with the stores as plain values. */
class EvaluationServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final Catalog catalog = CatalogLoader.load(Path.of("..", "brownout.yaml"));
  private final MutableClock clock = new MutableClock(T0);
  private final Map<String, String> parameters = new HashMap<>();
  private StatusBoard.Board board = new StatusBoard.Board(List.of(), Optional.empty(), List.of());

  private WorkflowPlan evaluate() {
    return new EvaluationService(
            catalog,
            () -> board,
            path -> {
              assertThat(path).isEqualTo("/brownout/shop");
              return Map.copyOf(parameters);
            },
            clock)
        .evaluate("exec-1");
  }

  private static DependencyStatus down(String name) {
    return new DependencyStatus(
        name,
        false,
        3,
        0,
        Optional.of(T0),
        Optional.of(T0),
        Optional.empty(),
        Optional.of("refused"));
  }

  @Test
  void theFirstEvaluationRecordsTheLevelAndWritesEveryParameter() {
    WorkflowPlan plan = evaluate();

    assertThat(plan.apply()).isTrue();
    assertThat(plan.changed()).isFalse();
    assertThat(plan.level()).isEqualTo(Level.FULL);
    assertThat(plan.expectedVersion()).isZero();
    assertThat(plan.flagWrites())
        .extracting(WorkflowPlan.FlagWrite::name)
        .containsExactlyInAnyOrder(
            "/brownout/shop/flags/recommendations",
            "/brownout/shop/flags/personalised-banners",
            "/brownout/shop/flags/live-prices",
            "/brownout/shop/flags/checkout",
            "/brownout/shop/level");
  }

  @Test
  void whenEverythingMatchesThereIsNothingToApply() {
    board =
        new StatusBoard.Board(
            List.of(),
            Optional.of(
                new StatusBoard.LevelRecord(Level.FULL, T0, List.of(), 4, Optional.empty())),
            List.of());
    catalog.features().forEach(f -> parameters.put("flags/" + f.name(), "on"));
    parameters.put("level", "FULL");

    WorkflowPlan plan = evaluate();

    assertThat(plan.apply()).isFalse();
    assertThat(plan.flagWrites()).isEmpty();
    assertThat(plan.expectedVersion()).isEqualTo(4);
  }

  @Test
  void aRecoveryHeldByTheDwellNamesTheWholeSecondItMayBeTakenAndOnlyThen() {
    Instant since = T0.plusMillis(1_500);
    board =
        new StatusBoard.Board(
            List.of(),
            Optional.of(
                new StatusBoard.LevelRecord(Level.REDUCED, since, List.of(), 2, Optional.empty())),
            List.of());
    clock.advance(java.time.Duration.ofMinutes(1));

    WorkflowPlan held = evaluate();

    assertThat(held.level()).isEqualTo(Level.REDUCED);
    assertThat(held.heldUntil()).contains(T0.plusSeconds(122));
    assertThat(PlanJson.of(held, "shop", "status"))
        .containsEntry("heldUntil", "2026-11-26T10:02:02Z");

    clock.advance(java.time.Duration.ofMinutes(2));
    WorkflowPlan taken = evaluate();

    assertThat(taken.level()).isEqualTo(Level.FULL);
    assertThat(taken.heldUntil()).isEmpty();
    assertThat(PlanJson.of(taken, "shop", "status")).doesNotContainKey("heldUntil");
  }

  @Test
  void aMalformedStatusItemAndOverrideBecomeReasonsAndTheRestIsStillDecided() {
    board =
        new StatusBoard.Board(
            List.of(down("pricing"), down("ghost-service")),
            Optional.empty(),
            List.of("the status item of orders is malformed: healthy is missing or not a boolean"));
    parameters.put("override", "{\"level\":");

    WorkflowPlan plan = evaluate();

    assertThat(plan.level()).isEqualTo(Level.REDUCED);
    assertThat(plan.reasons())
        .contains("the status item of orders is malformed: healthy is missing or not a boolean")
        .anySatisfy(r -> assertThat(r).contains("the override is malformed"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("ghost-service: has a status but is not in the catalog; ignored"));
  }

  @Test
  void aStoreThatCannotBeReadFailsTheEvaluation() {
    var service =
        new EvaluationService(
            catalog,
            () -> {
              throw new IllegalStateException("table unreachable");
            },
            path -> Map.of(),
            clock);

    assertThatThrownBy(() -> service.evaluate("exec-2")).hasMessage("table unreachable");
  }
}
