package dev.brownout.core.policy;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogValidator;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Feature;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.catalog.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds evaluator inputs for tests: dependencies by criticality, statuses by health. */
final class Scenario {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private Scenario() {}

  static Dependency dependency(String name, Criticality criticality) {
    return new Dependency(
        name,
        criticality,
        new HealthCheck.Tcp("localhost", 80, Duration.ofSeconds(1)),
        3,
        2,
        Duration.ofSeconds(10));
  }

  static Feature feature(String name, List<String> needs, Level offAt, List<String> requires) {
    return new Feature(name, needs, Optional.ofNullable(offAt), requires, true);
  }

  static Catalog catalog(List<Dependency> dependencies, List<Feature> features, Policy policy) {
    return CatalogValidator.validate(
        new Catalog("shop", dependencies, features, List.of(), policy));
  }

  /** The shop: one critical, two important, one optional dependency, and features on each. */
  static Catalog shop() {
    return catalog(
        List.of(
            dependency("db", Criticality.CRITICAL),
            dependency("catalog", Criticality.IMPORTANT),
            dependency("pricing", Criticality.IMPORTANT),
            dependency("recs", Criticality.OPTIONAL)),
        List.of(
            feature("recommendations", List.of("recs"), null, List.of()),
            feature("banners", List.of(), Level.REDUCED, List.of("recommendations")),
            feature("live-prices", List.of("pricing"), null, List.of()),
            feature("checkout", List.of("db"), Level.EMERGENCY, List.of())),
        Policy.DEFAULT);
  }

  static DependencyStatus status(String name, boolean healthy) {
    return new DependencyStatus(
        name,
        healthy,
        healthy ? 0 : 3,
        healthy ? 2 : 0,
        Optional.of(T0),
        Optional.empty(),
        Optional.of(Duration.ofMillis(5)),
        Optional.empty());
  }

  /** Every dependency of {@code catalog} with a status: those named unhealthy, the rest healthy. */
  static Map<String, DependencyStatus> statuses(Catalog catalog, Set<String> unhealthy) {
    Map<String, DependencyStatus> statuses = new HashMap<>();
    catalog
        .dependencies()
        .forEach(d -> statuses.put(d.name(), status(d.name(), !unhealthy.contains(d.name()))));
    return statuses;
  }

  static DegradationEvaluator.Input input(
      Catalog catalog,
      Set<String> unhealthy,
      LevelState current,
      ManualOverride override,
      Instant now) {
    return new DegradationEvaluator.Input(
        statuses(catalog, unhealthy),
        Optional.ofNullable(current),
        Optional.ofNullable(override),
        now);
  }
}
