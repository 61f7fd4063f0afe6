package dev.brownout.core.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A primary answer kept for when the primary cannot answer.
 *
 * @param freshFor how long the upstream said it stays fresh ({@code Cache-Control: max-age}, 0 if
 *     it said nothing); served older than this it carries a stale warning
 */
public record CachedAnswer(
    int status, Map<String, String> headers, byte[] body, Instant storedAt, Duration freshFor) {

  public CachedAnswer {
    headers = Map.copyOf(headers);
  }

  public Duration age(Instant now) {
    Duration age = Duration.between(storedAt, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** Young enough for the route's fallback. */
  public boolean servable(Instant now, Duration maxStaleness) {
    return age(now).compareTo(maxStaleness) <= 0;
  }

  /** Older than the upstream said it stays fresh: served with {@code Warning: 110}. */
  public boolean stale(Instant now) {
    return age(now).compareTo(freshFor) > 0;
  }
}
