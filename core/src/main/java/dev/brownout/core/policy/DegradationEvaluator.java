package dev.brownout.core.policy;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.Feature;
import dev.brownout.core.catalog.LevelPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides the level and every feature flag from the dependencies' statuses, the level in force, the
 * override and the time. It reads no clock and keeps no state: the same input always gives the same
 * evaluation.
 */
public final class DegradationEvaluator {

  /**
   * @param current the level in force and since when; empty before the first evaluation
   */
  public record Input(
      Map<String, DependencyStatus> statuses,
      Optional<LevelState> current,
      Optional<ManualOverride> override,
      Instant now) {
    public Input {
      statuses = Map.copyOf(statuses);
    }
  }

  private final Catalog catalog;
  private final LevelPolicy policy;
  private final Duration minDwell;

  public DegradationEvaluator(Catalog catalog) {
    this.catalog = catalog;
    this.policy = new LevelPolicy(catalog.policy(), catalog.dependencies());
    this.minDwell = catalog.policy().minDwell();
  }

  public Evaluation evaluate(Input input) {
    List<Reason> reasons = new ArrayList<>();
    Set<String> unhealthy = unhealthy(input.statuses(), reasons);
    Optional<ManualOverride> override = applicableOverride(input, reasons);

    LevelPolicy.Decision decision = policy.decide(unhealthy);
    Level previous = input.current().map(LevelState::level).orElse(Level.FULL);
    Level level;
    Optional<Level> pinned = override.flatMap(ManualOverride::level);
    if (pinned.isPresent()) {
      level = pinned.get();
      reasons.add(
          0, new Reason("override", "level pinned to " + level + overrideNote(override.get())));
    } else {
      level = dwell(decision.level(), input, reasons);
    }
    decision.fired().forEach(f -> reasons.add(new Reason(f.subject(), f.explanation())));
    Instant since =
        level == previous && input.current().isPresent()
            ? input.current().get().since()
            : input.now();
    FlagPlan flags = flags(level, unhealthy, override);
    // Only the dwell keeps an unpinned level from what the rules give.
    Optional<Instant> heldUntil =
        pinned.isEmpty() && level != decision.level()
            ? input.current().map(c -> c.since().plus(minDwell))
            : Optional.empty();
    return new Evaluation(
        level, previous, since, decision.level(), reasons, flags, override, heldUntil);
  }

  private Set<String> unhealthy(Map<String, DependencyStatus> statuses, List<Reason> reasons) {
    Set<String> unhealthy = new TreeSet<>();
    for (Dependency d : catalog.dependencies()) {
      DependencyStatus status = statuses.get(d.name());
      if (status == null) {
        reasons.add(new Reason(d.name(), "no status recorded yet; counted as healthy"));
      } else if (!status.healthy()) {
        unhealthy.add(d.name());
      }
    }
    new TreeSet<>(statuses.keySet())
        .stream()
            .filter(name -> catalog.dependency(name).isEmpty())
            .forEach(
                name ->
                    reasons.add(
                        new Reason(name, "has a status but is not in the catalog; ignored")));
    return unhealthy;
  }

  /**
   * The override if it applies now; an expired or inconsistent one is ignored whole, with a reason.
   */
  private Optional<ManualOverride> applicableOverride(Input input, List<Reason> reasons) {
    if (input.override().isEmpty()) {
      return Optional.empty();
    }
    ManualOverride override = input.override().get();
    if (!override.activeAt(input.now())) {
      reasons.add(
          new Reason("override", "expired at " + override.until().orElseThrow() + "; ignored"));
      return Optional.empty();
    }
    List<String> unknown =
        override.features().keySet().stream()
            .filter(name -> catalog.feature(name).isEmpty())
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      reasons.add(
          new Reason(
              "override",
              "names features the catalog does not have ("
                  + String.join(", ", unknown)
                  + "); the whole override is ignored"));
      return Optional.empty();
    }
    return Optional.of(override);
  }

  private static String overrideNote(ManualOverride override) {
    return override.until().map(u -> " until " + u).orElse("")
        + override.reason().map(r -> " (" + r + ")").orElse("");
  }

  /** Steps up at once; steps down only once the level in force has lasted the minimum dwell. */
  private Level dwell(Level computed, Input input, List<Reason> reasons) {
    if (input.current().isEmpty()) {
      return computed;
    }
    LevelState current = input.current().get();
    if (!current.level().isWorseThan(computed)) {
      return computed;
    }
    Instant earliest = current.since().plus(minDwell);
    if (input.now().isBefore(earliest)) {
      reasons.add(
          new Reason(
              "dwell",
              "held at "
                  + current.level()
                  + " until "
                  + earliest
                  + " (minimum dwell "
                  + Durations.format(minDwell)
                  + "); the rules alone give "
                  + computed));
      return current.level();
    }
    return computed;
  }

  private FlagPlan flags(Level level, Set<String> unhealthy, Optional<ManualOverride> override) {
    Map<String, FlagPlan.Flag> decided = new HashMap<>();
    Map<String, FlagPlan.Flag> ordered = new LinkedHashMap<>();
    for (Feature f : catalog.features()) {
      ordered.put(f.name(), flag(f, level, unhealthy, override, decided));
    }
    return new FlagPlan(ordered);
  }

  // The catalog validator refuses cycles among `requires`, so this recursion ends.
  private FlagPlan.Flag flag(
      Feature f,
      Level level,
      Set<String> unhealthy,
      Optional<ManualOverride> override,
      Map<String, FlagPlan.Flag> decided) {
    FlagPlan.Flag known = decided.get(f.name());
    if (known != null) {
      return known;
    }
    Boolean forced = override.map(o -> o.features().get(f.name())).orElse(null);
    FlagPlan.Flag flag;
    if (forced != null) {
      flag =
          new FlagPlan.Flag(
              forced,
              List.of(
                  new Reason(
                      "override",
                      "forced " + (forced ? "on" : "off") + overrideNote(override.get()))));
    } else {
      List<Reason> off = new ArrayList<>();
      for (String needed : f.needs()) {
        if (unhealthy.contains(needed)) {
          off.add(new Reason(needed, "needs " + needed + ", which is unhealthy"));
        }
      }
      f.offAt()
          .filter(level::isAtLeast)
          .ifPresent(
              at ->
                  off.add(
                      new Reason(
                          "level", "switched off at " + at + " and above; the level is " + level)));
      for (String required : f.requires()) {
        var parent = catalog.feature(required).orElseThrow();
        if (!flag(parent, level, unhealthy, override, decided).on()) {
          off.add(new Reason(required, "requires feature " + required + ", which is off"));
        }
      }
      flag = new FlagPlan.Flag(off.isEmpty(), off);
    }
    decided.put(f.name(), flag);
    return flag;
  }
}
