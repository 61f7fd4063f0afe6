package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.Answers;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.Attempt;
import dev.brownout.functions.api.OutboundCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's fallbacks in the catalog's order, built once at start: the first step that answers
 * does; when none does, a 503 problem with the brief reasons and {@code Retry-After}. The chain
 * never calls the route's primary.
 */
public final class FallbackChain {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackChain.class);

  /** What the steps answer from. */
  public record Sources(
      ResponseCache cache,
      OutboundCalls calls,
      RequestQueue queue,
      Clock clock,
      Duration retryAfter) {}

  private final String route;
  private final List<FallbackStep> steps;
  private final String retryAfter;

  private FallbackChain(String route, List<FallbackStep> steps, Duration retryAfter) {
    this.route = route;
    this.steps = steps;
    this.retryAfter = Long.toString(retryAfter.toSeconds());
  }

  public static FallbackChain of(Route route, Sources sources) {
    return new FallbackChain(
        route.id(),
        route.fallback().stream().map(f -> step(f, sources)).toList(),
        sources.retryAfter());
  }

  private static FallbackStep step(Fallback fallback, Sources sources) {
    return switch (fallback) {
      case Fallback.Cache c -> new CacheStep(c, sources.cache(), sources.clock());
      case Fallback.Alternative a -> new AlternativeStep(a.upstream(), sources.calls());
      case Fallback.Static s -> new StaticStep(s.response());
      case Fallback.Degraded d -> DegradedStep.of(d, sources.calls());
      case Fallback.Queue q -> new QueueStep(sources.queue(), sources.clock());
      case Fallback.ReadOnly r -> new ReadOnlyStep(r.message(), sources.retryAfter());
    };
  }

  /** The catalog's word for the step's kind. */
  private static String kind(FallbackStep step) {
    String name = step.getClass().getSimpleName().replace("Step", "");
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  public List<FallbackStep> steps() {
    return steps;
  }

  public ApiResponse answer(Attempt attempt) {
    for (FallbackStep step : steps) {
      Optional<ApiResponse> answer;
      try {
        answer = step.answer(attempt);
      } catch (RuntimeException e) {
        // A step's own fault (a bug, an adapter that broke its contract) must not take the rest of
        // the chain, and the client's answer, with it.
        LOG.error("The {} step of {} failed unexpectedly", kind(step), route, e);
        attempt.failed("the " + kind(step) + " step failed", "the " + kind(step) + " step: " + e);
        continue;
      }
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    return Answers.problem(
        "unavailable",
        "Service unavailable",
        503,
        route + " cannot be answered now: " + attempt.briefs(),
        route,
        ServedFrom.DEGRADED,
        Map.of("Retry-After", retryAfter));
  }
}
