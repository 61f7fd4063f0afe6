package dev.brownout.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How much the application needs a dependency. Critical and important dependencies raise the
 * degradation level when they fail; optional ones only switch off the features that need them.
 */
public enum Criticality {
  CRITICAL,
  IMPORTANT,
  OPTIONAL;

  /** The catalog's spelling: {@code critical}, {@code important}, {@code optional}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Criticality> labelled(String label) {
    return Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst();
  }
}
