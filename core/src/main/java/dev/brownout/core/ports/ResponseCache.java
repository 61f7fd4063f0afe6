package dev.brownout.core.ports;

import dev.brownout.core.serving.CachedAnswer;
import java.time.Duration;
import java.util.Optional;

/** Keeps the last good primary answers, shared by every execution environment. */
public interface ResponseCache {

  /** The stored answer under {@code key}; absent, expired or unreadable are all empty. */
  Optional<CachedAnswer> get(String key);

  /**
   * Stores an answer for at most {@code keepFor}. A store that fails is logged, never the request's
   * failure: the cache only ever helps.
   */
  void put(String key, CachedAnswer answer, Duration keepFor);
}
