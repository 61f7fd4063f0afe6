package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import java.util.Map;
import java.util.Optional;

/** {@code static}: the catalog's fixed answer, made once. */
public final class StaticStep implements FallbackStep {
  private final ApiResponse response;

  StaticStep(CannedResponse response) {
    this.response = CannedAnswers.of(response, Map.of(), ServedFrom.STATIC);
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    return Optional.of(response);
  }
}
