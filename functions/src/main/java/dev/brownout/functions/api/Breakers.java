package dev.brownout.functions.api;

import dev.brownout.core.catalog.Route;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * One circuit breaker per route in each execution environment. Over the last {@value #WINDOW} calls
 * (once {@value #MINIMUM_CALLS} were made), half of them failing, or four in five slower than 80%
 * of the route's timeout, opens it; open, it answers at once for {@link #OPEN_FOR_DEFAULT} (unless
 * told otherwise), then lets {@value #HALF_OPEN_PROBES} probe calls through to decide whether to
 * close again.
 */
public final class Breakers {
  static final int WINDOW = 20;
  static final int MINIMUM_CALLS = 5;
  static final float FAILURE_RATE = 50;
  static final float SLOW_RATE = 80;
  public static final Duration OPEN_FOR_DEFAULT = Duration.ofSeconds(10);
  static final int HALF_OPEN_PROBES = 3;

  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
  private final Clock clock;
  private final Duration openFor;

  public Breakers(Clock clock, Duration openFor) {
    this.clock = clock;
    this.openFor = openFor;
  }

  public Duration openFor() {
    return openFor;
  }

  public CircuitBreaker of(Route route) {
    return registry.circuitBreaker(route.id(), () -> config(route));
  }

  private CircuitBreakerConfig config(Route route) {
    return CircuitBreakerConfig.custom()
        .slidingWindow(WINDOW, MINIMUM_CALLS, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(FAILURE_RATE)
        .slowCallRateThreshold(SLOW_RATE)
        .slowCallDurationThreshold(route.primary().timeout().multipliedBy(4).dividedBy(5))
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_PROBES)
        .clock(clock)
        .build();
  }
}
