package dev.brownout.local.chaos;

import dev.brownout.core.Criticality;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.local.chaos.Scenario.Range;
import dev.brownout.local.chaos.Step.Await;
import dev.brownout.local.chaos.Step.Degraded;
import dev.brownout.local.chaos.Step.FlagOff;
import dev.brownout.local.chaos.Step.Healthy;
import dev.brownout.local.chaos.Step.Hold;
import dev.brownout.local.chaos.Step.Inject;
import dev.brownout.local.chaos.Step.Repair;
import dev.brownout.local.demo.AwsFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chaos scenarios for a catalog, each on the dependencies of the criticality it needs (the
 * first optional, the first and second important, the first critical). A scenario whose
 * dependencies the catalog does not have is left out, and {@link #missing} says why.
 */
public final class Scenarios {
  /**
   * Longer than any dependency's detection time can be (a minute of interval × 101 failures is).
   */
  static final Duration DETECTION = Duration.ofMinutes(3);

  /** How long faults that must not change the level are held: past the flags' TTL and a run. */
  static final Duration NO_CHANGE_HOLD = Duration.ofSeconds(75);

  /** How long a fault is held after it showed, so its outage has answers to count. */
  static final Duration AFTER_CHANGE = Duration.ofSeconds(10);

  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
  private final Map<String, String> missing = new LinkedHashMap<>();

  public Scenarios(Catalog catalog) {
    Optional<Dependency> optional = first(catalog, Criticality.OPTIONAL, 0);
    Optional<Dependency> important = first(catalog, Criticality.IMPORTANT, 0);
    Optional<Dependency> second = first(catalog, Criticality.IMPORTANT, 1);
    Optional<Dependency> critical = first(catalog, Criticality.CRITICAL, 0);
    Duration dwell = catalog.policy().minDwell();

    optional.ifPresentOrElse(
        o -> {
          List<Step> steps = new ArrayList<>();
          steps.add(new Inject(o.name(), "down"));
          catalog.features().stream()
              .filter(f -> f.needs().contains(o.name()))
              .findFirst()
              .ifPresentOrElse(
                  f -> steps.add(new Await(new FlagOff(f.name()), DETECTION)),
                  () -> steps.add(new Hold(NO_CHANGE_HOLD)));
          steps.add(new Hold(AFTER_CHANGE));
          steps.add(new Repair(o.name()));
          add(
              "optional-down",
              "the optional dependency " + o.name() + " down: its features off, the level holds",
              steps,
              List.of(o),
              Range.exactly(0),
              Range.exactly(0),
              dwell,
              false);
        },
        () -> missing.put("optional-down", "the catalog has no optional dependency"));

    important.ifPresentOrElse(
        i -> {
          add(
              "important-down",
              "the important dependency " + i.name() + " down (connection refused)",
              outage(i.name(), "down"),
              List.of(i),
              Range.exactly(1),
              Range.exactly(1),
              dwell,
              false);
          add(
              "hanging-primary",
              i.name() + " answers only after every timeout (slow)",
              outage(i.name(), "slow"),
              List.of(i),
              Range.exactly(1),
              Range.exactly(1),
              dwell,
              false);
          add(
              "flaky-primary",
              i.name()
                  + " fails every other request: the fallbacks answer the failures; its checks"
                  + " may or may not reach the failure threshold",
              List.of(
                  new Inject(i.name(), "flaky"),
                  new Hold(Duration.ofSeconds(90)),
                  new Repair(i.name())),
              List.of(i),
              new Range(0, 1),
              new Range(0, 1),
              dwell,
              false);
          add(
              "dwell-flap",
              i.name()
                  + " down, repaired, down and repaired again inside the "
                  + dwell.toSeconds()
                  + " s dwell: one transition each way, no flapping",
              List.of(
                  new Inject(i.name(), "down"),
                  new Await(new Degraded(), DETECTION),
                  new Repair(i.name()),
                  new Await(new Healthy(i.name()), DETECTION),
                  new Inject(i.name(), "down"),
                  new Hold(Duration.ofSeconds(40)),
                  new Repair(i.name())),
              List.of(i),
              Range.exactly(1),
              Range.exactly(1),
              dwell,
              false);
          add(
              "workflow-failing",
              "the workflow fails (every Evaluate task a function error) while "
                  + i.name()
                  + " is down: the level and flags hold, the API still falls back; "
                  + i.name()
                  + " is repaired before the workflow",
              List.of(
                  new Inject(AwsFaults.WORKFLOW, "error"),
                  new Inject(i.name(), "down"),
                  new Hold(NO_CHANGE_HOLD),
                  new Repair(i.name()),
                  new Await(new Healthy(i.name()), DETECTION),
                  new Repair(AwsFaults.WORKFLOW)),
              List.of(i),
              Range.exactly(0),
              Range.exactly(0),
              dwell,
              false);
          add(
              "abusive-clients",
              i.name()
                  + " down while an abusive client sends distinct cache keys, unknown ids and"
                  + " malformed paths",
              outage(i.name(), "down"),
              List.of(i),
              Range.exactly(1),
              Range.exactly(1),
              dwell,
              true);
        },
        () -> {
          for (String name :
              List.of(
                  "important-down",
                  "hanging-primary",
                  "flaky-primary",
                  "dwell-flap",
                  "workflow-failing",
                  "abusive-clients")) {
            missing.put(name, "the catalog has no important dependency");
          }
        });

    critical.ifPresentOrElse(
        c ->
            add(
                "critical-down",
                "the critical dependency " + c.name() + " down",
                outage(c.name(), "down"),
                List.of(c),
                Range.exactly(1),
                Range.exactly(1),
                dwell,
                false),
        () -> missing.put("critical-down", "the catalog has no critical dependency"));

    if (important.isPresent() && second.isPresent()) {
      Dependency a = important.get();
      Dependency b = second.get();
      add(
          "two-important-down",
          a.name() + " and " + b.name() + " down together (one transition per fault at most)",
          List.of(
              new Inject(a.name(), "down"),
              new Inject(b.name(), "down"),
              new Await(new Degraded(), DETECTION),
              new Hold(Duration.ofSeconds(30)),
              new Repair(a.name()),
              new Repair(b.name())),
          List.of(a, b),
          new Range(1, 2),
          new Range(1, 2),
          dwell,
          false);
    } else {
      missing.put("two-important-down", "the catalog has fewer than two important dependencies");
    }

    add(
        "ssm-api-cut",
        "the API function cut off from SSM: its last known flags and level hold",
        platform(AwsFaults.SSM_API),
        List.of(),
        Range.exactly(0),
        Range.exactly(0),
        dwell,
        false);
    add(
        "cache-table-down",
        "the cache table unreachable: the primaries answer, nothing fails",
        platform(AwsFaults.CACHE_TABLE),
        List.of(),
        Range.exactly(0),
        Range.exactly(0),
        dwell,
        false);
    add(
        "status-table-down",
        "the status table unreachable: checks and workflow cannot write, the level holds",
        platform(AwsFaults.STATUS_TABLE),
        List.of(),
        Range.exactly(0),
        Range.exactly(0),
        dwell,
        false);
  }

  private static List<Step> outage(String target, String fault) {
    return List.of(
        new Inject(target, fault),
        new Await(new Degraded(), DETECTION),
        new Hold(AFTER_CHANGE),
        new Repair(target));
  }

  private static List<Step> platform(String target) {
    return List.of(new Inject(target, "down"), new Hold(NO_CHANGE_HOLD), new Repair(target));
  }

  private void add(
      String name,
      String summary,
      List<Step> steps,
      List<Dependency> dependencies,
      Range down,
      Range up,
      Duration dwell,
      boolean abusive) {
    Duration recovery =
        dependencies.stream()
            .map(d -> d.interval().multipliedBy(d.recoveryThreshold()))
            .max(Comparator.naturalOrder())
            .orElse(Duration.ZERO);
    scenarios.put(
        name,
        new Scenario(
            name,
            summary,
            steps,
            dependencies.stream().map(Dependency::name).collect(Collectors.toSet()),
            down,
            up,
            recovery.plus(dwell),
            abusive));
  }

  private static Optional<Dependency> first(Catalog catalog, Criticality criticality, int skip) {
    return catalog.dependencies().stream()
        .filter(d -> d.criticality() == criticality)
        .skip(skip)
        .findFirst();
  }

  /** Every scenario, in the order they run. */
  public List<Scenario> all() {
    return List.copyOf(scenarios.values());
  }

  public Optional<Scenario> named(String name) {
    return Optional.ofNullable(scenarios.get(name));
  }

  /** Scenario names this catalog cannot run, with the reason. */
  public Map<String, String> missing() {
    return Map.copyOf(missing);
  }

  /**
   * The scenarios named, in the order given; all of them when none is.
   *
   * @throws IllegalArgumentException naming an unknown scenario and listing the known ones
   */
  public List<Scenario> select(List<String> names) {
    if (names.isEmpty()) {
      return all();
    }
    List<Scenario> selected = new ArrayList<>();
    for (String name : names) {
      Scenario s = scenarios.get(name);
      if (s == null) {
        throw new IllegalArgumentException(
            "no chaos scenario is named \""
                + name
                + "\""
                + (missing.containsKey(name) ? " for this catalog: " + missing.get(name) : "")
                + "; known: "
                + String.join(", ", scenarios.keySet()));
      }
      selected.add(s);
    }
    return selected;
  }
}
