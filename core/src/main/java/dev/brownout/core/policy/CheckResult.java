package dev.brownout.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The outcome of one health check of one dependency. */
public record CheckResult(boolean success, Duration latency, Optional<String> error, Instant at) {

  public static CheckResult success(Duration latency, Instant at) {
    return new CheckResult(true, latency, Optional.empty(), at);
  }

  public static CheckResult failure(String error, Duration latency, Instant at) {
    return new CheckResult(false, latency, Optional.of(error), at);
  }
}
