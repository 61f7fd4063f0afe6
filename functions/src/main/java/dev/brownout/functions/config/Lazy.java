package dev.brownout.functions.config;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built at its first use, once, whichever thread comes first: for what only some requests
 * need (a client of the {@code queue} fallback), so the first request does not wait for it. A build
 * that throws is tried again at the next use.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> build;
  private volatile T value;

  public Lazy(Supplier<? extends T> build) {
    this.build = Objects.requireNonNull(build);
  }

  @Override
  public T get() {
    T built = value;
    if (built == null) {
      synchronized (this) {
        built = value;
        if (built == null) {
          built = Objects.requireNonNull(build.get(), "a lazy value cannot be null");
          value = built;
        }
      }
    }
    return built;
  }
}
