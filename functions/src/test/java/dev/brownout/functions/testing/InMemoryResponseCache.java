package dev.brownout.functions.testing;

import dev.brownout.core.ports.ResponseCache;
import dev.brownout.core.serving.CachedAnswer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The response cache in a map; {@link #failWrites} makes every put throw, as a broken store might.
 */
public final class InMemoryResponseCache implements ResponseCache {
  private final Map<String, CachedAnswer> entries = new ConcurrentHashMap<>();
  private final AtomicInteger puts = new AtomicInteger();
  private volatile boolean failWrites;

  @Override
  public Optional<CachedAnswer> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public void put(String key, CachedAnswer answer, Duration keepFor) {
    puts.incrementAndGet();
    if (failWrites) {
      throw new IllegalStateException("the store is broken");
    }
    entries.put(key, answer);
  }

  public void failWrites() {
    failWrites = true;
  }

  public Map<String, CachedAnswer> entries() {
    return Map.copyOf(entries);
  }

  public int puts() {
    return puts.get();
  }
}
