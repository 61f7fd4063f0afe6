package dev.brownout.functions.workflow;

import dev.brownout.core.Level;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.policy.DegradationEvaluator;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.policy.Evaluation;
import dev.brownout.core.policy.LevelState;
import dev.brownout.core.policy.Reason;
import dev.brownout.core.ports.StatusBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluator: reads the statuses, the level record, the override and the flags as they are, lets
 * the policy core decide, and plans what the workflow writes. Data problems (a malformed status or
 * override) become reasons and the bad piece is ignored; only a store that cannot be read at all
 * fails the evaluation.
 */
public final class EvaluationService {
  private final Catalog catalog;
  private final DegradationEvaluator evaluator;
  private final StatusBoard board;
  private final ParameterReader parameters;
  private final Clock clock;

  public EvaluationService(
      Catalog catalog, StatusBoard board, ParameterReader parameters, Clock clock) {
    this.catalog = catalog;
    this.evaluator = new DegradationEvaluator(catalog);
    this.board = board;
    this.parameters = parameters;
    this.clock = clock;
  }

  public WorkflowPlan evaluate(String executionId) {
    Instant now = clock.instant();
    StatusBoard.Board read = board.read();
    Map<String, String> stored = parameters.under(Parameters.prefix(catalog));
    List<String> problems = new ArrayList<>(read.malformed());
    Map<String, DependencyStatus> statuses = new HashMap<>();
    read.statuses().forEach(s -> statuses.put(s.dependency(), s));
    Optional<String> overrideText = Optional.ofNullable(stored.get(Parameters.OVERRIDE));
    OverrideJson.Parsed parsed = OverrideJson.parse(overrideText.orElse(null));
    parsed.problem().ifPresent(problems::add);

    Evaluation evaluation =
        evaluator.evaluate(
            new DegradationEvaluator.Input(
                statuses,
                read.level().map(r -> new LevelState(r.level(), r.since())),
                parsed.override(),
                now));

    List<WorkflowPlan.FlagWrite> writes = new ArrayList<>();
    evaluation
        .flags()
        .values()
        .forEach(
            (feature, on) -> {
              String planned = on ? Parameters.ON : Parameters.OFF;
              if (!planned.equals(stored.get(Parameters.FLAGS + feature))) {
                writes.add(new WorkflowPlan.FlagWrite(Parameters.flag(catalog, feature), planned));
              }
            });
    if (!evaluation.level().name().equals(stored.get(Parameters.LEVEL))) {
      writes.add(new WorkflowPlan.FlagWrite(Parameters.level(catalog), evaluation.level().name()));
    }
    Optional<String> overrideInForce =
        evaluation.override().isPresent() ? overrideText : Optional.empty();
    Optional<String> overrideRecorded = read.level().flatMap(StatusBoard.LevelRecord::override);
    boolean overrideChanged = !overrideInForce.equals(overrideRecorded);
    boolean changed = evaluation.changed() || read.level().isEmpty();

    List<String> reasons = new ArrayList<>(problems);
    evaluation.reasons().stream().map(Reason::toString).forEach(reasons::add);
    String kind = evaluation.changed() ? "transition" : overrideChanged ? "override" : "flags";
    return new WorkflowPlan(
        changed || overrideChanged || !writes.isEmpty(),
        evaluation.changed(),
        evaluation.level(),
        evaluation.previous(),
        evaluation.since(),
        reasons,
        writes,
        read.level()
            .map(StatusBoard.LevelRecord::version)
            .orElse(read.levelUnreadable() ? WorkflowPlan.UNREADABLE : 0L),
        overrideInForce,
        kind,
        executionId,
        now,
        evaluation.heldUntil().map(EvaluationService::roundedUp));
  }

  private static Instant roundedUp(Instant t) {
    Instant seconds = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return seconds.equals(t) ? t : seconds.plusSeconds(1);
  }

  /** For a notice: {@code shop: FULL -> REDUCED}. */
  public static String headline(String app, Level from, Level to) {
    return app + ": " + from + " -> " + to;
  }
}
