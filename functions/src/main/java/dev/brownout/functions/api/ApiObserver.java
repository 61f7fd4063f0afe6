package dev.brownout.functions.api;

import dev.brownout.core.serving.ServedFrom;
import java.time.Duration;
import java.util.Optional;

/** Told how each request was answered: where metrics come from. */
public interface ApiObserver {

  /**
   * @param route the route's id, or empty when no route matched
   * @param primaryLatency how long the primary took, when it was called
   * @param breakerOpen the breaker answered instead of the primary
   * @param refused the request guard refused the request before any source was asked (a 400, 404,
   *     405 or 413 on a matched route): Brownout answered, not a fallback
   */
  void answered(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      boolean refused);

  /** Tells {@code first}, then {@code second}. */
  static ApiObserver both(ApiObserver first, ApiObserver second) {
    return (route, servedFrom, status, primaryLatency, breakerOpen, refused) -> {
      first.answered(route, servedFrom, status, primaryLatency, breakerOpen, refused);
      second.answered(route, servedFrom, status, primaryLatency, breakerOpen, refused);
    };
  }
}
