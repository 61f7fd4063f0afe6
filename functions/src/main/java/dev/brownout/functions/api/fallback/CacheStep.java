package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.serving.CacheRules;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiService;
import dev.brownout.functions.api.Attempt;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cache}: the last good primary answer, if no older than the step's max staleness and of a
 * content type the client accepts; with {@code Age}, and {@code Warning: 110} once older than the
 * upstream said it stays fresh.
 */
public final class CacheStep implements FallbackStep {
  private final Fallback.Cache config;
  private final ResponseCache cache;
  private final Clock clock;

  CacheStep(Fallback.Cache config, ResponseCache cache, Clock clock) {
    this.config = config;
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    Optional<String> key =
        CacheRules.key(attempt.route(), attempt.match().parameters(), attempt.request().query());
    if (key.isEmpty()) {
      attempt.failed("the request has query parameters the cache does not key on");
      return Optional.empty();
    }
    if (!attempt.hasTimeFor(ApiService.STORE_CALL_TIMEOUT)) {
      attempt.failed("no time was left for the cache");
      return Optional.empty();
    }
    Optional<CachedAnswer> cached = cache.get(key.get());
    if (cached.isEmpty()) {
      attempt.failed("nothing cached");
      return Optional.empty();
    }
    CachedAnswer answer = cached.get();
    Instant now = clock.instant();
    if (!answer.servable(now, config.maxStaleness())) {
      attempt.failed("the cached answer is older than " + config.maxStaleness().toSeconds() + "s");
      return Optional.empty();
    }
    Optional<String> refused = CacheRules.whyNotServable(answer, attempt.request().headers());
    if (refused.isPresent()) {
      attempt.failed(refused.get());
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>(answer.headers());
    headers.put("Age", Long.toString(answer.age(now).toSeconds()));
    if (answer.stale(now)) {
      headers.put("Warning", "110 - \"Response is Stale\"");
    }
    return Optional.of(new ApiResponse(answer.status(), headers, answer.body(), ServedFrom.CACHE));
  }
}
