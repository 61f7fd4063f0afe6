package dev.brownout.local.demo;

import java.time.Duration;

/**
 * What one request to a faulty dependency suffers, as {@link Faults} decides it request by request
 * (a flaky dependency's requests alternate between a {@link Fail} and none).
 */
public sealed interface Disruption {

  /** The dependency is down: refuse the connection, or fail as close to that as the path allows. */
  record Refuse() implements Disruption {}

  /** Answer normally, but only after {@code by} has passed. */
  record Delay(Duration by) implements Disruption {}

  /** Answer 503 (a DynamoDB table: its service-unavailable error). */
  record Fail() implements Disruption {}
}
