package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.Upstream;
import java.util.Set;

/** A call to an upstream, the primary or a fallback's: its URL's placeholders and its timeout. */
final class UpstreamChecks {
  private UpstreamChecks() {}

  /**
   * @param parameters the route path's parameters, which the URL's placeholders may use; null if
   *     the path is missing
   */
  static void check(Findings findings, String path, Upstream u, Set<String> parameters) {
    if (findings.required(key(path, "url"), u.url()) && parameters != null) {
      for (String placeholder : u.url().placeholders()) {
        if (!parameters.contains(placeholder)) {
          findings.add(
              key(path, "url"),
              "the placeholder {"
                  + placeholder
                  + "} is not a parameter of the route's path ("
                  + describe(parameters)
                  + ")");
        }
      }
    }
    if (findings.positive(key(path, "timeout"), u.timeout())
        && u.timeout().compareTo(Upstream.MAX_TIMEOUT) > 0) {
      findings.add(
          key(path, "timeout"),
          "must be at most 29s (API Gateway's integration limit), got "
              + Durations.format(u.timeout()));
    }
  }

  /** {@code it has {id}, {sku}}: the parameters a placeholder may name. */
  static String describe(Set<String> parameters) {
    return parameters.isEmpty()
        ? "it has none"
        : "it has "
            + String.join(
                ", ", Findings.sorted(parameters).stream().map(p -> "{" + p + "}").toList());
  }
}
