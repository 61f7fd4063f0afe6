package dev.brownout.functions.api;

import dev.brownout.core.api.ServedFrom;
import java.time.Duration;
import java.util.Optional;

/** Told how each request was answered: where metrics come from. */
public interface ApiObserver {

  /**
   * @param route the route's id, or empty when no route matched
   * @param primaryLatency how long the primary took, when it was called
   * @param breakerOpen the breaker answered instead of the primary
   */
  void answered(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen);

  /** Tells {@code first}, then {@code second}. */
  static ApiObserver both(ApiObserver first, ApiObserver second) {
    return (route, servedFrom, status, primaryLatency, breakerOpen) -> {
      first.answered(route, servedFrom, status, primaryLatency, breakerOpen);
      second.answered(route, servedFrom, status, primaryLatency, breakerOpen);
    };
  }
}
