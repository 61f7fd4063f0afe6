package dev.brownout.core.catalog;

import dev.brownout.core.Level;
import java.util.List;
import java.util.Optional;

/**
 * A part of the application that can be switched off on its own, through its flag.
 *
 * <p>It is off while any dependency it {@code needs} is unhealthy, while the level is at or above
 * {@code offAt} (when set), and while any feature it {@code requires} is off.
 *
 * @param defaultOn the value used before any flag was ever read
 */
public record Feature(
    String name,
    List<String> needs,
    Optional<Level> offAt,
    List<String> requires,
    boolean defaultOn) {

  public Feature {
    needs = List.copyOf(needs);
    requires = List.copyOf(requires);
  }
}
