package dev.brownout.core.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** How a dependency is checked. Every check has a timeout; a check that times out failed. */
public sealed interface HealthCheck {

  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  Duration timeout();

  /** The catalog's {@code type} for this kind of check. */
  String type();

  /**
   * An HTTP request that must answer one of the expected statuses, within the latency budget if one
   * is set, with a body matching the pattern if one is set.
   *
   * @param expectedStatuses empty means any 2xx
   */
  record Http(
      URI url,
      String method,
      Set<Integer> expectedStatuses,
      Duration timeout,
      Optional<Duration> latencyBudget,
      Optional<Pattern> bodyMatch)
      implements HealthCheck {

    public Http {
      expectedStatuses = Set.copyOf(expectedStatuses);
    }

    public boolean expects(int status) {
      return expectedStatuses.isEmpty()
          ? status >= 200 && status < 300
          : expectedStatuses.contains(status);
    }

    @Override
    public String type() {
      return "http";
    }

    // Pattern has no value equality; compare the source so equal catalogs are equal.
    @Override
    public boolean equals(Object o) {
      return o instanceof Http h
          && url.equals(h.url)
          && method.equals(h.method)
          && expectedStatuses.equals(h.expectedStatuses)
          && timeout.equals(h.timeout)
          && latencyBudget.equals(h.latencyBudget)
          && bodyMatch.map(Pattern::pattern).equals(h.bodyMatch.map(Pattern::pattern));
    }

    @Override
    public int hashCode() {
      return url.hashCode() * 31 + method.hashCode();
    }
  }

  /** A TCP connection that must open within the timeout. */
  record Tcp(String host, int port, Duration timeout) implements HealthCheck {
    @Override
    public String type() {
      return "tcp";
    }
  }

  /** A DynamoDB table that must be ACTIVE. */
  record DynamoDb(String table, Duration timeout) implements HealthCheck {
    @Override
    public String type() {
      return "dynamodb";
    }
  }
}
