package dev.brownout.functions.api.fallback;

import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.Answers;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code readOnly}: writes are refused with 503, the catalog's message and {@code Retry-After}. */
public final class ReadOnlyStep implements FallbackStep {
  private final String message;
  private final String retryAfter;

  ReadOnlyStep(String message, Duration retryAfter) {
    this.message = message;
    this.retryAfter = Long.toString(retryAfter.toSeconds());
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    return Optional.of(
        Answers.problem(
            "read-only",
            "Writes are paused",
            503,
            message,
            attempt.route().id(),
            ServedFrom.DEGRADED,
            Map.of("Retry-After", retryAfter)));
  }
}
