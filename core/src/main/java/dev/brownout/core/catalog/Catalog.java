package dev.brownout.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One application's dependencies, features, routes and level policy: everything Brownout decides
 * from. Obtain one through {@link CatalogLoader}, which refuses a catalog with problems, or build
 * the records yourself and check them with {@link CatalogValidator}.
 *
 * @param app the application's name, used in SSM paths, table names and the metric namespace
 */
public record Catalog(
    String app,
    List<Dependency> dependencies,
    List<Feature> features,
    List<Route> routes,
    Policy policy) {

  public Catalog {
    dependencies = List.copyOf(dependencies);
    features = List.copyOf(features);
    routes = List.copyOf(routes);
  }

  public Optional<Dependency> dependency(String name) {
    return dependencies.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Whether some route's fallback has a {@code queue} step: only then does the app need the queue
   * of writes, the function that replays them and the key that seals their credentials.
   */
  public boolean hasQueueFallback() {
    return routes.stream()
        .flatMap(r -> r.fallback().stream())
        .anyMatch(f -> f instanceof Fallback.Queue);
  }

  /** The SSM prefix under which this application's flags, level and override live. */
  public String parameterPrefix() {
    return "/brownout/" + app;
  }
}
