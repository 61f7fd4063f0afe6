package dev.brownout.functions.health;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.Probe;

/** The probe for each kind of check in the catalog. */
public record Probes(Probe http, Probe tcp, Probe dynamoDb) implements Probe {
  @Override
  public CheckResult check(Dependency dependency) {
    return switch (dependency.check()) {
      case HealthCheck.Http ignored -> http.check(dependency);
      case HealthCheck.Tcp ignored -> tcp.check(dependency);
      case HealthCheck.DynamoDb ignored -> dynamoDb.check(dependency);
    };
  }
}
