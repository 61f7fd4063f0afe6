package dev.brownout.functions.testing;

import dev.brownout.core.Criticality;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.HealthCheck;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Catalog dependencies for tests, built as the catalog would build them. */
public final class Dependencies {
  private Dependencies() {}

  public static Dependency http(
      String name, String url, Duration timeout, Duration budget, String bodyMatch) {
    return new Dependency(
        name,
        Criticality.IMPORTANT,
        new HealthCheck.Http(
            URI.create(url),
            "GET",
            Set.of(),
            timeout,
            Optional.ofNullable(budget),
            Optional.ofNullable(bodyMatch).map(Pattern::compile)),
        3,
        2,
        Duration.ofSeconds(10));
  }

  public static Dependency http(String name, String url) {
    return http(name, url, Duration.ofSeconds(2), null, null);
  }

  public static Dependency tcp(String name, String host, int port) {
    return new Dependency(
        name,
        Criticality.IMPORTANT,
        new HealthCheck.Tcp(host, port, Duration.ofSeconds(1)),
        3,
        2,
        Duration.ofSeconds(10));
  }

  public static Dependency table(String name, String table) {
    return new Dependency(
        name,
        Criticality.CRITICAL,
        new HealthCheck.DynamoDb(table, Duration.ofSeconds(2)),
        3,
        2,
        Duration.ofSeconds(10));
  }
}
