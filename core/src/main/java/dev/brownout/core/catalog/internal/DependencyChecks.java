package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code dependencies} section: names, thresholds, intervals and each health check. */
public final class DependencyChecks {
  /** Every check runs inside the health-check function's one-minute window. */
  private static final Duration MAX_CHECK_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> CHECK_METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  /** A host name, an IPv4 address, or an IPv6 address (hex digits and colons). */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");

  private final Findings findings;

  public DependencyChecks(Findings findings) {
    this.findings = findings;
  }

  /**
   * @return the dependencies by name, the first of each name, for the sections that refer to them
   */
  public Map<String, Dependency> check(List<Dependency> dependencies) {
    if (dependencies.isEmpty()) {
      findings.add(
          "dependencies", "list at least one dependency: Brownout degrades when dependencies fail");
    }
    Map<String, Dependency> byName = new LinkedHashMap<>();
    for (int i = 0; i < dependencies.size(); i++) {
      Dependency d = dependencies.get(i);
      String path = index("dependencies", i);
      dependency(path, d);
      findings.unique(path, d.name(), byName.keySet(), "dependency");
      if (d.name() != null) {
        byName.putIfAbsent(d.name(), d);
      }
    }
    return byName;
  }

  private void dependency(String path, Dependency d) {
    findings.name(key(path, "name"), d.name());
    findings.required(key(path, "criticality"), d.criticality());
    findings.between(
        key(path, "failureThreshold"), d.failureThreshold(), 1, Dependency.MAX_THRESHOLD);
    findings.between(
        key(path, "recoveryThreshold"), d.recoveryThreshold(), 1, Dependency.MAX_THRESHOLD);
    if (findings.required(key(path, "interval"), d.interval())
        && (d.interval().compareTo(Dependency.MIN_INTERVAL) < 0
            || d.interval().compareTo(Dependency.MAX_INTERVAL) > 0)) {
      findings.add(
          key(path, "interval"),
          "must be between 1s and 1m (the health-check function runs once a minute), got "
              + Durations.format(d.interval()));
    }
    if (findings.required(key(path, "check"), d.check())) {
      check(key(path, "check"), d.check(), d.interval());
    }
  }

  private void check(String path, HealthCheck check, Duration interval) {
    if (check.timeout() != null && check.timeout().compareTo(MAX_CHECK_TIMEOUT) > 0) {
      findings.add(
          key(path, "timeout"),
          "must be at most 30s: every check runs inside the health-check function's one-minute"
              + " window, got "
              + Durations.format(check.timeout()));
    }
    if (findings.positive(key(path, "timeout"), check.timeout())
        && interval != null
        && check.timeout().compareTo(interval) >= 0) {
      findings.add(
          key(path, "timeout"),
          "must be shorter than the check interval ("
              + Durations.format(interval)
              + ") so rounds do not overlap, got "
              + Durations.format(check.timeout()));
    }
    switch (check) {
      case HealthCheck.Http http -> http(path, http);
      case HealthCheck.Tcp tcp -> {
        if (findings.required(key(path, "host"), tcp.host())
            && !HOST.matcher(tcp.host()).matches()) {
          findings.add(
              key(path, "host"), "expected a host name or IP address, got \"" + tcp.host() + "\"");
        }
        findings.between(key(path, "port"), tcp.port(), 1, 65535);
      }
      case HealthCheck.DynamoDb dynamo -> {
        if (findings.required(key(path, "table"), dynamo.table())
            && !TABLE.matcher(dynamo.table()).matches()) {
          findings.add(
              key(path, "table"),
              "expected a DynamoDB table name (3-255 letters, digits, _ . -), got \""
                  + dynamo.table()
                  + "\"");
        }
      }
    }
  }

  private void http(String path, HealthCheck.Http http) {
    findings.required(key(path, "url"), http.url());
    if (findings.required(key(path, "method"), http.method())
        && !CHECK_METHODS.contains(http.method())) {
      findings.add(
          key(path, "method"),
          "expected one of GET, HEAD, POST, OPTIONS, got \"" + http.method() + "\"");
    }
    if ("HEAD".equals(http.method()) && http.bodyMatch().isPresent()) {
      findings.add(key(path, "bodyMatch"), "a HEAD answer has no body to match; use GET");
    }
    for (int status : http.expectedStatuses()) {
      if (status < 100 || status > 599) {
        findings.add(
            key(path, "expectStatus"), "HTTP statuses are between 100 and 599, got " + status);
      }
    }
    http.latencyBudget()
        .ifPresent(
            budget -> {
              if (findings.positive(key(path, "latencyBudget"), budget)
                  && http.timeout() != null
                  && budget.compareTo(http.timeout()) >= 0) {
                findings.add(
                    key(path, "latencyBudget"),
                    "must be shorter than the timeout ("
                        + Durations.format(http.timeout())
                        + "), got "
                        + Durations.format(budget));
              }
            });
  }
}
