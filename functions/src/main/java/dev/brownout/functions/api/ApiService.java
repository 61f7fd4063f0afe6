package dev.brownout.functions.api;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.core.ports.FeatureFlags;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.fallback.FallbackChain;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers a request: the {@link RequestGuard} admits it to its route, the {@link PrimaryCall} asks
 * the primary (a good answer goes to the {@link CacheWriter}), and otherwise the route's {@link
 * FallbackChain} answers, in the catalog's order, without calling the failing primary again. Every
 * answer says where it came from and at which level.
 */
public final class ApiService {
  /**
   * The longest a call to the cache or the queue may take. Every such call is on a request's path,
   * and one is only started while at least this much of the budget is left.
   */
  public static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

  private final RequestGuard guard;
  private final FeatureFlags flags;
  private final PrimaryCall primary;
  private final CacheWriter cacheWriter;
  private final Map<String, FallbackChain> chains;
  private final StatusEndpoint status;
  private final ApiObserver observer;
  private final LongSupplier ticker;

  public ApiService(
      Catalog catalog,
      FeatureFlags flags,
      UpstreamClient upstream,
      ResponseCache cache,
      RequestQueue queue,
      Breakers breakers,
      StatusEndpoint status,
      ApiObserver observer,
      Clock clock) {
    this(
        catalog,
        flags,
        upstream,
        cache,
        queue,
        breakers,
        status,
        observer,
        clock,
        System::nanoTime);
  }

  /**
   * @param clock the time of day: cache ages and the breaker's wait
   * @param ticker elapsed nanoseconds, as {@link System#nanoTime()}: budgets and latencies
   */
  public ApiService(
      Catalog catalog,
      FeatureFlags flags,
      UpstreamClient upstream,
      ResponseCache cache,
      RequestQueue queue,
      Breakers breakers,
      StatusEndpoint status,
      ApiObserver observer,
      Clock clock,
      LongSupplier ticker) {
    OutboundCalls calls = new OutboundCalls(upstream);
    FallbackChain.Sources sources =
        new FallbackChain.Sources(cache, calls, queue, clock, breakers.openFor());
    this.guard = new RequestGuard(catalog);
    this.flags = flags;
    this.primary = new PrimaryCall(breakers, calls, ticker);
    this.cacheWriter = new CacheWriter(cache, clock);
    this.chains =
        catalog.routes().stream()
            .collect(Collectors.toUnmodifiableMap(Route::id, r -> FallbackChain.of(r, sources)));
    this.status = status;
    this.observer = observer;
    this.ticker = ticker;
  }

  public ApiResponse handle(ApiRequest request) {
    // Execution environments reuse threads: nothing of the previous request may label this one.
    MDC.remove("route");
    MDC.remove("servedFrom");
    FlagSnapshot snapshot = flags.current();
    Outcome outcome = answer(request, snapshot);
    ApiResponse response =
        outcome
            .response()
            .withHeaders(
                Map.of(
                    "X-Degradation-Level",
                    snapshot.level().name(),
                    "X-Served-From",
                    outcome.response().servedFrom().label()));
    MDC.put("servedFrom", response.servedFrom().label());
    // INFO even from a fallback: during an outage that is the expected answer, said per request.
    if (outcome.why().isEmpty()) {
      LOG.info("{} {} answered {}", request.method(), request.path(), response.status());
    } else {
      LOG.info(
          "{} {} answered {} from {} because {}",
          request.method(),
          request.path(),
          response.status(),
          response.servedFrom().label(),
          outcome.why());
    }
    observer.answered(
        outcome.route().map(Route::metricName),
        response.servedFrom(),
        response.status(),
        outcome.primaryLatency(),
        outcome.breakerOpen(),
        outcome.refused());
    return response;
  }

  /**
   * @param why the detailed reasons the primary did not answer; empty when it did, or was not asked
   * @param refused the request guard answered
   */
  private record Outcome(
      ApiResponse response,
      Optional<Route> route,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      String why,
      boolean refused) {
    static Outcome of(ApiResponse response, Optional<Route> route) {
      return new Outcome(response, route, Optional.empty(), false, "", false);
    }

    static Outcome refused(RequestGuard.Refused refused) {
      return new Outcome(refused.response(), refused.route(), Optional.empty(), false, "", true);
    }

    static Outcome of(ApiResponse response, Attempt attempt) {
      return new Outcome(
          response,
          Optional.of(attempt.route()),
          attempt.primaryLatency(),
          attempt.breakerOpen(),
          attempt.details(),
          false);
    }
  }

  private Outcome answer(ApiRequest request, FlagSnapshot snapshot) {
    if (request.method().equals("GET") && request.path().equals(StatusPaths.STATUS)) {
      return Outcome.of(status.report(snapshot), Optional.empty());
    }
    if (request.method().equals("GET") && StatusEndpoint.isPage(request.path())) {
      return Outcome.of(status.page(snapshot), Optional.empty());
    }
    RequestGuard.Verdict verdict = guard.check(request);
    if (verdict instanceof RequestGuard.Refused refused) {
      return Outcome.refused(refused);
    }
    Attempt attempt = new Attempt(request, ((RequestGuard.Admitted) verdict).match(), ticker);
    MDC.put("route", attempt.route().id());
    Optional<String> off = attempt.route().feature().filter(f -> !snapshot.isOn(f));
    if (off.isPresent()) {
      attempt.failed("feature " + off.get() + " is off");
    } else {
      Optional<Answer> answer = primary.answer(attempt);
      if (answer.isPresent()) {
        cacheWriter.remember(attempt, answer.get());
        return Outcome.of(Answers.of(answer.get(), ServedFrom.PRIMARY), attempt);
      }
    }
    return Outcome.of(chains.get(attempt.route().id()).answer(attempt), attempt);
  }
}
