package dev.brownout.local.chaos;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs scenarios against a running local cloud: before each, every fault is mended and the app must
 * be back at FULL with every flag on; then steady traffic, the scenario's steps, the wait for FULL
 * after the last repair; then the figures. The timing lives here; what the figures are is {@link
 * Figures}' and {@link Target}'s.
 */
final class ChaosRun {
  /**
   * Requests per second of the steady traffic (and of the abusive client): what the local cloud on
   * a 2-core machine answers with its 4 environments per function, faults of the cache table
   * included now that the API leaves an unanswering table alone (docs/chaos.md).
   */
  static final int RATE = 20;

  /** How long the app may take to be clean before a scenario (a previous one's dwell included). */
  static final Duration CLEAN_WITHIN = Duration.ofMinutes(5);

  /** Traffic before the first fault, so the figures have a "before". */
  static final Duration BEFORE_FAULT = Duration.ofSeconds(10);

  /**
   * Slack on the recovery budget while waiting for FULL, so a missed recovery target is measured
   * rather than cut off.
   */
  static final Duration FULL_SLACK = Duration.ofSeconds(90);

  private final Catalog catalog;
  private final URI api;
  private final FaultSwitches faults;
  private final ControlPlane control;
  private final Clock clock;
  private final Consumer<String> progress;
  private final AtomicReference<Observed> latest = new AtomicReference<>();
  private final List<Observed> readings = new CopyOnWriteArrayList<>();
  private boolean warmed;

  ChaosRun(
      Catalog catalog,
      URI api,
      FaultSwitches faults,
      ControlPlane control,
      Clock clock,
      Consumer<String> progress) {
    this.catalog = catalog;
    this.api = api;
    this.faults = faults;
    this.control = control;
    this.clock = clock;
    this.progress = progress;
  }

  Outcome run(Scenario scenario) {
    Instant began = clock.instant();
    ScheduledExecutorService observer = Executors.newSingleThreadScheduledExecutor();
    observer.scheduleWithFixedDelay(this::observe, 0, 1, TimeUnit.SECONDS);
    try (Traffic traffic = new Traffic(api, catalog, RATE, clock)) {
      faults.repairAll();
      progress.accept(scenario.name() + ": waiting for FULL with every flag on");
      if (!awaitObserved(this::clean, CLEAN_WITHIN)) {
        return Outcome.failed(
            scenario,
            "the app was not back at FULL with every flag on and every dependency recorded healthy"
                + " within "
                + CLEAN_WITHIN.toMinutes()
                + " min (last read: "
                + latest.get()
                + ")",
            Duration.between(began, clock.instant()));
      }
      if (!warmed) {
        long ok = traffic.warm().stream().filter(Sample::ok).count();
        progress.accept("warmed the cache: " + ok + " answers 2xx");
        warmed = true;
      }
      readings.clear();
      Instant start = clock.instant();
      traffic.start();
      sleep(BEFORE_FAULT);
      List<String> problems = new ArrayList<>();
      Instant faultAt = null;
      Instant repairAt = null;
      for (Step step : scenario.steps()) {
        switch (step) {
          case Step.Inject inject -> {
            Instant at = clock.instant();
            faults.set(inject.target(), inject.fault());
            progress.accept(scenario.name() + ": " + inject.target() + " " + inject.fault());
            if (faultAt == null) {
              faultAt = at;
              traffic.abuse(scenario.abusive());
            }
          }
          case Step.Repair repair -> {
            repairAt = clock.instant();
            faults.set(repair.target(), "up");
            progress.accept(scenario.name() + ": " + repair.target() + " up");
          }
          case Step.Hold hold -> sleep(hold.duration());
          case Step.Await await -> {
            progress.accept(scenario.name() + ": waiting for " + await.condition().describe());
            if (!awaitObserved(await.condition()::holds, await.timeout())) {
              problems.add(
                  await.condition().describe()
                      + " did not happen within "
                      + await.timeout().toSeconds()
                      + " s");
            }
          }
        }
      }
      traffic.abuse(false);
      Duration fullWithin = scenario.recoveryBudget().plus(FULL_SLACK);
      progress.accept(scenario.name() + ": repaired; waiting for FULL with every flag on");
      if (!awaitObserved(this::clean, fullWithin)) {
        problems.add("not back at FULL with every flag on within " + fullWithin.toSeconds() + " s");
      }
      sleep(Duration.ofSeconds(2));
      List<Sample> samples = traffic.stop();
      Instant end = clock.instant();
      List<Transition> transitions = control.transitions(start, end.plusSeconds(5));
      Recording recording =
          new Recording(
              start,
              faultAt == null ? start : faultAt,
              repairAt == null ? end : repairAt,
              end,
              samples,
              transitions,
              readings,
              problems);
      Figures figures = Figures.of(recording, protectedRoutes(), faultedRoutes(scenario));
      return Outcome.ran(scenario, figures, problems, Duration.between(began, clock.instant()));
    } catch (RuntimeException e) {
      repairQuietly();
      return Outcome.failed(scenario, e.getMessage(), Duration.between(began, clock.instant()));
    } finally {
      observer.shutdownNow();
    }
  }

  /**
   * Mends every fault, as far as the edge answers: a scenario that fails, or a run that is stopped,
   * must not leave a cloud the user keeps running broken.
   */
  void repairQuietly() {
    try {
      faults.repairAll();
    } catch (RuntimeException e) {
      progress.accept(
          "could not mend the faults (" + e.getMessage() + "); ./brownout fault <name> up");
    }
  }

  private boolean clean(Observed observed) {
    return observed.clean(
        catalog.dependencies().stream().map(Dependency::name).collect(Collectors.toSet()));
  }

  /** Routes with a cache or static fallback: what the availability target counts. */
  Set<String> protectedRoutes() {
    return catalog.routes().stream()
        .filter(
            r ->
                r.fallback().stream()
                    .anyMatch(f -> f instanceof Fallback.Cache || f instanceof Fallback.Static))
        .map(Route::id)
        .collect(Collectors.toSet());
  }

  private Set<String> faultedRoutes(Scenario scenario) {
    return catalog.routes().stream()
        .filter(r -> scenario.dependencies().contains(r.dependency()))
        .map(Route::id)
        .collect(Collectors.toSet());
  }

  private void observe() {
    try {
      Observed o = control.read();
      latest.set(o);
      readings.add(o);
    } catch (RuntimeException e) {
      // the next reading tries again
    }
  }

  private boolean awaitObserved(Predicate<Observed> condition, Duration timeout) {
    Instant until = clock.instant().plus(timeout);
    while (clock.instant().isBefore(until)) {
      Observed o = latest.get();
      if (o != null && !o.at().isBefore(clock.instant().minusSeconds(5)) && condition.test(o)) {
        return true;
      }
      sleep(Duration.ofMillis(500));
    }
    return false;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
