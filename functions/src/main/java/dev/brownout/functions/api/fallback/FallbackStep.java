package dev.brownout.functions.api.fallback;

import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import java.util.Optional;

/**
 * One kind of fallback of the catalog, ready for its route: it answers, or says in the attempt why
 * not.
 */
public sealed interface FallbackStep
    permits CacheStep, AlternativeStep, DegradedStep, StaticStep, QueueStep, ReadOnlyStep {

  Optional<ApiResponse> answer(Attempt attempt);
}
