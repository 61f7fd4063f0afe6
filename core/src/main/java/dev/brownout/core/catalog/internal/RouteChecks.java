package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.TemplateRules;
import dev.brownout.core.contract.StatusPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code routes} section: each route's method, path and references, routes that API Gateway
 * could not tell apart or deploy side by side, and each route's fallback chain.
 */
public final class RouteChecks {
  private final Findings findings;
  private final FallbackChecks fallbacks;

  public RouteChecks(Findings findings) {
    this.findings = findings;
    this.fallbacks = new FallbackChecks(findings);
  }

  /** The parameter a route names at one place of the path tree. */
  private record NamedAt(String name, int route) {}

  /**
   * @param dependencies the names of the catalog's dependencies
   * @param features the names of the catalog's features
   */
  public void check(List<Route> routes, Set<String> dependencies, Set<String> features) {
    Map<String, Integer> shapes = new HashMap<>();
    Map<String, NamedAt> parameterNames = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String path = index("routes", i);
      route(path, r, dependencies, features);
      if (r.path() != null) {
        siblingParameters(i, r, parameterNames, routes);
      }
      if (r.method() != null && r.path() != null) {
        Integer earlier = shapes.putIfAbsent(r.method() + " " + r.path().shape(), i);
        if (earlier != null) {
          findings.add(
              path,
              r.id()
                  + " cannot be told apart from routes["
                  + earlier
                  + "] ("
                  + routes.get(earlier).id()
                  + ")");
        }
      }
    }
  }

  private void route(String path, Route r, Set<String> dependencies, Set<String> features) {
    if (findings.required(key(path, "method"), r.method()) && !Route.METHODS.contains(r.method())) {
      findings.add(
          key(path, "method"),
          "expected one of "
              + String.join(", ", Findings.sorted(Route.METHODS))
              + ", got \""
              + r.method()
              + "\"");
    }
    if (findings.required(key(path, "path"), r.path()) && r.path().startsWith(StatusPaths.PREFIX)) {
      findings.add(
          key(path, "path"),
          StatusPaths.PREFIX
              + " is reserved for Brownout's own endpoints, got \""
              + r.path()
              + "\"");
    }
    if (findings.required(key(path, "dependency"), r.dependency())) {
      findings.reference(key(path, "dependency"), r.dependency(), dependencies, "dependency");
    }
    r.feature().ifPresent(f -> findings.reference(key(path, "feature"), f, features, "feature"));
    Set<String> parameters = r.path() == null ? null : Set.copyOf(r.path().parameters());
    if (findings.required(key(path, "primary"), r.primary())) {
      UpstreamChecks.check(findings, key(path, "primary"), r.primary(), parameters);
    }
    fallbacks.check(path, r, parameters);
  }

  /**
   * API Gateway builds one resource tree of all paths and allows one parameter name at a place in
   * it: {@code /products/{id}} and {@code /products/{sku}/reviews} cannot both be deployed.
   *
   * @param seen the first parameter named after each path prefix, such as {@code /products}
   */
  private void siblingParameters(int i, Route r, Map<String, NamedAt> seen, List<Route> routes) {
    StringBuilder parent = new StringBuilder();
    for (String segment : r.path().segments()) {
      Optional<String> name = TemplateRules.wholePlaceholder(segment);
      if (name.isPresent()) {
        String at = parent.isEmpty() ? "/" : parent.toString();
        NamedAt earlier = seen.putIfAbsent(at, new NamedAt(name.get(), i));
        if (earlier != null && !earlier.name().equals(name.get())) {
          findings.add(
              key(index("routes", i), "path"),
              "names the parameter {"
                  + name.get()
                  + "} after "
                  + at
                  + ", where routes["
                  + earlier.route()
                  + "] ("
                  + routes.get(earlier.route()).id()
                  + ") names {"
                  + earlier.name()
                  + "}; API Gateway allows one parameter name at one place of the path tree, use {"
                  + earlier.name()
                  + "}");
          return;
        }
      }
      parent.append('/').append(segment);
    }
  }
}
