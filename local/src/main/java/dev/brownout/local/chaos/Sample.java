package dev.brownout.local.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One request of the chaos traffic and what came back.
 *
 * @param route the catalog route's id ({@code GET /products/{id}})
 * @param status the HTTP status, or {@link #NO_ANSWER} when none came within the client's timeout
 * @param servedFrom {@code X-Served-From}, or empty when absent
 * @param level {@code X-Degradation-Level}, or empty when absent
 * @param abusive sent by the abusive client rather than the steady traffic
 */
public record Sample(
    Instant sentAt,
    String route,
    int status,
    String servedFrom,
    String level,
    Duration latency,
    boolean abusive) {
  public static final int NO_ANSWER = 0;
  public static final String PRIMARY = "primary";

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** A 5xx, or no answer at all: nothing could answer for the dependency. */
  public boolean failed() {
    return status == NO_ANSWER || status >= 500;
  }

  public boolean fromFallback() {
    return status != NO_ANSWER && !servedFrom.isEmpty() && !servedFrom.equals(PRIMARY);
  }

  /** An error answer served from the cache: the cache must only ever hold good answers. */
  public boolean errorFromCache() {
    return servedFrom.equals("cache") && status >= 400;
  }
}
