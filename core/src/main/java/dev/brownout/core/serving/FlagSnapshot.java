package dev.brownout.core.serving;

import dev.brownout.core.Level;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Feature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The feature flags and level the API acts on.
 *
 * @param readAt when they were read from SSM; empty while they are the catalog's defaults
 * @param override the override parameter as stored, if any
 * @param problems values that could not be read and were replaced by the catalog's default
 */
public record FlagSnapshot(
    Level level,
    Map<String, Boolean> flags,
    Optional<String> override,
    Optional<Instant> readAt,
    List<String> problems) {

  public FlagSnapshot {
    flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    problems = List.copyOf(problems);
  }

  /** Before anything was read: every feature at its catalog default, level FULL. */
  public static FlagSnapshot defaults(Catalog catalog) {
    Map<String, Boolean> flags = new LinkedHashMap<>();
    catalog.features().forEach(f -> flags.put(f.name(), f.defaultOn()));
    return new FlagSnapshot(Level.FULL, flags, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * The snapshot that SSM's parameters under the app's prefix give.
   *
   * @param parameters values by name relative to the prefix ({@code flags/checkout}, {@code level})
   */
  public static FlagSnapshot fromParameters(
      Catalog catalog, Map<String, String> parameters, Instant readAt) {
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> flags = new LinkedHashMap<>();
    for (Feature f : catalog.features()) {
      String value = parameters.get(Parameters.FLAGS + f.name());
      Optional<Boolean> on = value == null ? Optional.empty() : onOff(value);
      if (value != null && on.isEmpty()) {
        problems.add(
            Parameters.flag(catalog, f.name())
                + " is \""
                + value
                + "\", expected on or off; using the default");
      }
      flags.put(f.name(), on.orElse(f.defaultOn()));
    }
    String levelText = parameters.get(Parameters.LEVEL);
    Optional<Level> level =
        levelText == null
            ? Optional.empty()
            : Level.named(levelText.trim().toUpperCase(Locale.ROOT));
    if (levelText != null && level.isEmpty()) {
      problems.add(
          Parameters.level(catalog) + " is \"" + levelText + "\", not a level; using FULL");
    }
    return new FlagSnapshot(
        level.orElse(Level.FULL),
        flags,
        Optional.ofNullable(parameters.get(Parameters.OVERRIDE)),
        Optional.of(readAt),
        problems);
  }

  private static Optional<Boolean> onOff(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case Parameters.ON, "true" -> Optional.of(true);
      case Parameters.OFF, "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** A feature the catalog does not have is on: gates name catalog features only. */
  public boolean isOn(String feature) {
    return flags.getOrDefault(feature, true);
  }
}
