package dev.brownout.core.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One API operation: where its answer comes from when all is well, and the ordered fallbacks when
 * it is not.
 *
 * @param dependency the catalog dependency the primary upstream belongs to
 * @param feature the feature flag that gates the primary call, if any
 */
public record Route(
    String method,
    PathTemplate path,
    String dependency,
    Upstream primary,
    Optional<String> feature,
    List<Fallback> fallback) {

  public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  public static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  public Route {
    fallback = List.copyOf(fallback);
  }

  /** {@code GET /products/{id}}: how the route is named in logs, metrics and problems. */
  public String id() {
    return method + " " + path;
  }

  /**
   * {@code GET:/products/{id}}: the route as a metric dimension value, which may not contain
   * spaces.
   */
  public String metricName() {
    return method + ":" + path;
  }

  public boolean isWrite() {
    return WRITE_METHODS.contains(method);
  }
}
