package dev.brownout.core.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * After a store on the request path fails, it is left alone for a while instead of asked again on
 * every request: a table that does not answer would otherwise add its whole timeout to each answer,
 * and the requests it holds up would pile into every execution environment. Once the period is
 * over, the next request asks again (one request per environment pays for finding it still down).
 * Thread-safe and clock-free: callers say what time it is.
 */
public final class CoolOff {
  /** Long enough that a store that is down costs one timeout per environment per half minute. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  private final Duration period;
  private final AtomicReference<Instant> until = new AtomicReference<>(Instant.MIN);

  public CoolOff(Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a cool-off period must be positive, got " + period);
    }
    this.period = period;
  }

  public CoolOff() {
    this(DEFAULT_PERIOD);
  }

  public Duration period() {
    return period;
  }

  /** Whether the store may be asked at {@code now}. */
  public boolean open(Instant now) {
    return !now.isBefore(until.get());
  }

  /** The store failed at {@code now}: leave it alone for the period. */
  public void failed(Instant now) {
    until.set(now.plus(period));
  }
}
