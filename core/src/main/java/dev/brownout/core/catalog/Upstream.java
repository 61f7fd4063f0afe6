package dev.brownout.core.catalog;

import java.time.Duration;

/** An HTTP service that a route calls, with the longest it may take. */
public record Upstream(UrlTemplate url, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** API Gateway stops waiting for a Lambda integration after 29 seconds. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(29);
}
