package dev.brownout.functions.api;

import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.serving.CacheRules;
import dev.brownout.core.serving.CachedAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a good primary answer for the route's {@code cache} step, when {@link CacheRules} allow it
 * and this environment did not just store the same key. It never fails the request: a cache that
 * cannot be written, or anything unexpected here, is logged and the answer goes out all the same.
 */
public final class CacheWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CacheWriter.class);
  private static final int MAX_RECENT_WRITES = 10_000;

  private final ResponseCache cache;
  private final Clock clock;
  private final Map<String, Instant> recentWrites = new ConcurrentHashMap<>();
  private final Set<String> toldTooLarge = ConcurrentHashMap.newKeySet();

  public CacheWriter(ResponseCache cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
  }

  public void remember(Attempt attempt, Answer answer) {
    try {
      store(attempt, answer);
    } catch (RuntimeException e) {
      LOG.warn("The answer was not cached: {}", e.toString());
    }
  }

  private void store(Attempt attempt, Answer answer) {
    if (!attempt.hasTimeFor(ApiService.STORE_CALL_TIMEOUT)) {
      return; // the answer must leave before API Gateway gives up; the next one may be kept
    }
    var route = attempt.route();
    Optional<Fallback.Cache> step = CacheRules.cacheOf(route);
    Optional<String> key =
        CacheRules.key(route, attempt.match().parameters(), attempt.request().query());
    if (step.isEmpty() || key.isEmpty()) {
      return;
    }
    Optional<String> refused =
        CacheRules.whyNotStorable(
            route,
            attempt.request().headers(),
            answer.status(),
            answer.headers(),
            answer.body().length);
    if (refused.isPresent()) {
      if (answer.body().length > CacheRules.MAX_BODY_BYTES && toldTooLarge.add(route.id())) {
        LOG.warn("Not cached, and not said again for this route: {}", refused.get());
      }
      return;
    }
    Instant now = clock.instant();
    Instant written = recentWrites.get(key.get());
    if (written != null && CacheRules.recentEnough(Duration.between(written, now), step.get())) {
      return;
    }
    if (recentWrites.size() > MAX_RECENT_WRITES) {
      recentWrites.clear();
    }
    recentWrites.put(key.get(), now);
    cache.put(
        key.get(),
        new CachedAnswer(
            answer.status(),
            Answers.kept(answer.headers()),
            answer.body(),
            now,
            CacheRules.freshFor(answer.headers())),
        step.get().maxStaleness());
  }
}
