package dev.brownout.core.api;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the catalog route for a request's method and path. */
public final class RouteTable {

  /** A route and the decoded values of its path parameters. */
  public record Match(Route route, Map<String, String> parameters) {}

  /**
   * What a request's path and method found.
   *
   * @param match the route, if the method and path both match
   * @param allowed the methods of routes whose path matches, for {@code 405} and {@code Allow}
   */
  public record Lookup(Optional<Match> match, List<String> allowed) {}

  private final List<Route> routes;

  public RouteTable(Catalog catalog) {
    this.routes = catalog.routes();
  }

  public Lookup find(String method, String path) {
    var allowed = new TreeSet<String>();
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = route.path().match(path);
      if (parameters.isPresent()) {
        if (route.method().equals(method)) {
          return new Lookup(Optional.of(new Match(route, parameters.get())), List.of());
        }
        allowed.add(route.method());
      }
    }
    return new Lookup(Optional.empty(), List.copyOf(allowed));
  }
}
