package dev.brownout.core.serving;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.PathTemplate;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.TemplateRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the catalog route for a request's method and path as API Gateway REST does: the routes'
 * paths form a tree of resources, and at each segment a literal ({@code /products/featured}) is
 * preferred over a parameter ({@code /products/{id}}), whatever the catalog's order. The method is
 * then looked up on the one path that matched, so a method only a less specific path has is a
 * {@code 405}, not a call to that path.
 */
public final class RouteTable {

  /** A route and the decoded values of its path parameters. */
  public record Match(Route route, Map<String, String> parameters) {}

  /**
   * What a request's path and method found.
   *
   * @param match the route, if the method and path both match
   * @param allowed the methods of the path that matched, for {@code 405} and {@code Allow}
   * @param badPath why the path is refused ({@code 400}): a malformed percent escape, or a
   *     parameter value that would move the request to another upstream path; match is then empty
   */
  public record Lookup(Optional<Match> match, List<String> allowed, Optional<String> badPath) {
    static Lookup matched(Match match) {
      return new Lookup(Optional.of(match), List.of(), Optional.empty());
    }

    static Lookup notFound() {
      return new Lookup(Optional.empty(), List.of(), Optional.empty());
    }

    static Lookup notAllowed(List<String> allowed) {
      return new Lookup(Optional.empty(), allowed, Optional.empty());
    }

    static Lookup bad(String why) {
      return new Lookup(Optional.empty(), List.of(), Optional.of(why));
    }
  }

  /** One path of the catalog and its routes by method. */
  private record Resource(PathTemplate path, Map<String, Route> byMethod) {}

  /** Literal segments before parameter segments, position by position from the left. */
  private static final Comparator<Resource> MOST_SPECIFIC_FIRST =
      (a, b) -> {
        List<String> x = a.path().segments();
        List<String> y = b.path().segments();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
          boolean xParameter = TemplateRules.wholePlaceholder(x.get(i)).isPresent();
          boolean yParameter = TemplateRules.wholePlaceholder(y.get(i)).isPresent();
          if (xParameter != yParameter) {
            return xParameter ? 1 : -1;
          }
        }
        return 0;
      };

  /** The resources by their number of segments, each list most specific first. */
  private final Map<Integer, List<Resource>> resources;

  public RouteTable(Catalog catalog) {
    Map<PathTemplate, Map<String, Route>> byPath = new LinkedHashMap<>();
    for (Route route : catalog.routes()) {
      byPath.computeIfAbsent(route.path(), p -> new TreeMap<>()).putIfAbsent(route.method(), route);
    }
    Map<Integer, List<Resource>> bySize = new TreeMap<>();
    byPath.forEach(
        (path, routes) ->
            bySize
                .computeIfAbsent(path.segments().size(), n -> new ArrayList<>())
                .add(new Resource(path, Map.copyOf(routes))));
    // A stable sort: paths equally specific keep the catalog's order.
    bySize.values().forEach(list -> list.sort(MOST_SPECIFIC_FIRST));
    bySize.replaceAll((size, list) -> List.copyOf(list));
    this.resources = Map.copyOf(bySize);
  }

  public Lookup find(String method, String path) {
    List<String> segments;
    try {
      segments = decodedSegments(path);
    } catch (IllegalArgumentException e) {
      return Lookup.bad(e.getMessage());
    }
    for (Resource resource : resources.getOrDefault(segments.size(), List.of())) {
      Optional<Map<String, String>> parameters = resource.path().match(segments);
      if (parameters.isEmpty()) {
        continue;
      }
      Route route = resource.byMethod().get(method);
      if (route == null) {
        return Lookup.notAllowed(resource.byMethod().keySet().stream().sorted().toList());
      }
      for (var parameter : parameters.get().entrySet()) {
        Optional<String> unsafe = TemplateRules.whyUnsafe(parameter.getKey(), parameter.getValue());
        if (unsafe.isPresent()) {
          return Lookup.bad(unsafe.get());
        }
      }
      return Lookup.matched(new Match(route, parameters.get()));
    }
    return Lookup.notFound();
  }

  /** The path's segments, percent-decoded; none for {@code /}. */
  private static List<String> decodedSegments(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the path must start with /, got \"" + path + "\"");
    }
    List<String> segments = new ArrayList<>();
    if (path.length() > 1) {
      int start = 1;
      for (String raw : path.substring(1).split("/", -1)) {
        segments.add(TemplateRules.decodeSegment(raw, start));
        start += raw.length() + 1;
      }
    }
    return segments;
  }
}
