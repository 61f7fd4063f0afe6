package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.Upstream;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import dev.brownout.functions.api.OutboundCalls;
import java.util.Optional;

/** {@code alternative}: another service's answer below 500 to the same request. */
public final class AlternativeStep implements FallbackStep {
  private final Upstream upstream;
  private final OutboundCalls calls;

  AlternativeStep(Upstream upstream, OutboundCalls calls) {
    this.upstream = upstream;
    this.calls = calls;
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    return calls.passOn(attempt, upstream, ServedFrom.ALTERNATIVE, "alternative");
  }
}
