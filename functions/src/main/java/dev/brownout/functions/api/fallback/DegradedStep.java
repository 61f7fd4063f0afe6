package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Upstream;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import dev.brownout.functions.api.OutboundCalls;
import java.util.Optional;

/**
 * {@code degraded}: the catalog's body template filled from the path parameters, or a cheaper
 * call's answer below 500.
 */
public final class DegradedStep implements FallbackStep {
  private final Optional<CannedResponse> template;
  private final Optional<Upstream> upstream;
  private final OutboundCalls calls;

  private DegradedStep(
      Optional<CannedResponse> template, Optional<Upstream> upstream, OutboundCalls calls) {
    this.template = template;
    this.upstream = upstream;
    this.calls = calls;
  }

  static DegradedStep of(Fallback.Degraded degraded, OutboundCalls calls) {
    return new DegradedStep(degraded.response(), degraded.upstream(), calls);
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    if (template.isPresent()) {
      return Optional.of(
          CannedAnswers.of(template.get(), attempt.match().parameters(), ServedFrom.DEGRADED));
    }
    return calls.passOn(attempt, upstream.orElseThrow(), ServedFrom.DEGRADED, "degraded call");
  }
}
