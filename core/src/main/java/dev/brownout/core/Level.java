package dev.brownout.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much of the application is switched on, from everything ({@link #FULL}) to the bare minimum
 * ({@link #EMERGENCY}). A level is "worse" the further it is from FULL; stepping up means getting
 * worse, stepping down means recovering.
 */
public enum Level {
  FULL,
  REDUCED,
  MINIMAL,
  EMERGENCY;

  /** 0 for FULL up to 3 for EMERGENCY: the value of the {@code DegradationLevel} metric. */
  public int severity() {
    return ordinal();
  }

  public boolean isWorseThan(Level other) {
    return ordinal() > other.ordinal();
  }

  public boolean isAtLeast(Level other) {
    return ordinal() >= other.ordinal();
  }

  public static Level worst(Level a, Level b) {
    return a.isWorseThan(b) ? a : b;
  }

  /** The level of that exact name ({@code "MINIMAL"}), or empty. */
  public static Optional<Level> named(String name) {
    return Arrays.stream(values()).filter(l -> l.name().equals(name)).findFirst();
  }
}
