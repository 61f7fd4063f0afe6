package dev.brownout.core.serving;

import java.util.Locale;

/** Where an answer came from: the {@code X-Served-From} header and the {@code Source} dimension. */
public enum ServedFrom {
  PRIMARY,
  CACHE,
  ALTERNATIVE,
  STATIC,
  DEGRADED,
  QUEUE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
