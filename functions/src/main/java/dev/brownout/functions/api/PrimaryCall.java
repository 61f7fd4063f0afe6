package dev.brownout.functions.api;

import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.ports.UpstreamClient.UpstreamFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a route's primary through its circuit breaker. Only what no request can cause counts against
 * it: no usable answer (refused, timed out, broken off) or a gateway failure (502, 503, 504). Any
 * other 5xx sends the request to the fallbacks without a verdict on the primary (the health checks
 * judge the dependency itself). Any answer below 500 is passed on as it is, whatever the client's
 * {@code Accept} (what a client asked for is the client's affair), and for a write it means the
 * write was applied: it is never queued again. The breaker hears exactly one outcome per permit; a
 * call that could not be made for our own reasons gives the permit back.
 */
public final class PrimaryCall {
  private static final Logger LOG = LoggerFactory.getLogger(PrimaryCall.class);

  /** Statuses that say the upstream, not the request, is failing. */
  static final Set<Integer> GATEWAY_FAILURES = Set.of(502, 503, 504);

  private final Breakers breakers;
  private final OutboundCalls calls;
  private final LongSupplier ticker;

  /**
   * @param ticker nanoseconds, as {@link System#nanoTime()}: what the call took
   */
  public PrimaryCall(Breakers breakers, OutboundCalls calls, LongSupplier ticker) {
    this.breakers = breakers;
    this.calls = calls;
    this.ticker = ticker;
  }

  /** The primary's answer to pass on, or empty with the reason in the attempt. */
  public Optional<Answer> answer(Attempt attempt) {
    CircuitBreaker breaker = breakers.of(attempt.route());
    if (!breaker.tryAcquirePermission()) {
      attempt.breakerWasOpen();
      attempt.failed("the circuit breaker is open");
      return Optional.empty();
    }
    if (!attempt.hasTimeForACall()) {
      breaker.releasePermission();
      attempt.failed("no time was left for the primary");
      return Optional.empty();
    }
    long start = ticker.getAsLong();
    Answer answer;
    try {
      answer = calls.call(attempt, attempt.route().primary());
    } catch (UpstreamFailure e) {
      Duration took = took(attempt, start);
      breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, e);
      attempt.failed("the primary failed", "the primary failed: " + e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      // Our fault (a call that cannot be built or sent), not the upstream's.
      breaker.releasePermission();
      LOG.error("The call to the primary could not be made", e);
      attempt.failed("the primary could not be called", "the primary could not be called: " + e);
      return Optional.empty();
    }
    Duration took = took(attempt, start);
    if (answer.status() >= 500) {
      if (GATEWAY_FAILURES.contains(answer.status())) {
        breaker.onError(
            took.toNanos(), TimeUnit.NANOSECONDS, new UpstreamFailure("status " + answer.status()));
      } else {
        // A 500 is as often the request's doing (a value the upstream chokes on) as the
        // upstream's: counted, a client could open the breaker for everyone with a few of them.
        breaker.releasePermission();
      }
      attempt.failed("the primary answered " + answer.status());
      return Optional.empty();
    }
    breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    return Optional.of(answer);
  }

  private Duration took(Attempt attempt, long start) {
    Duration took = Duration.ofNanos(ticker.getAsLong() - start);
    attempt.primaryTook(took);
    return took;
  }
}
