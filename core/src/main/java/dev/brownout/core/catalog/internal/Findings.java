package dev.brownout.core.catalog.internal;

import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.Problem;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one problem list the validator's sections add to, and the checks they share. Each check
 * reports what is wrong at its path and goes on, so every problem is found at once.
 */
public final class Findings {
  /** The message of a value that is missing; the loader drops it where the parser said why. */
  public static final String REQUIRED = "required";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private final Problems problems = new Problems();

  public void add(String path, String message) {
    problems.at(path, message);
  }

  public List<Problem> list() {
    return problems.list();
  }

  /** Whether {@code value} is there; reports it missing if not. */
  boolean required(String path, Object value) {
    if (value == null) {
      add(path, REQUIRED);
      return false;
    }
    return true;
  }

  /** A name that can stand in resource names, SSM paths and metrics. */
  void name(String path, String name) {
    if (required(path, name) && !NAME.matcher(name).matches()) {
      add(
          path,
          "must be lowercase letters, digits or -, starting with a letter, at most 63 long, got \""
              + name
              + "\"");
    }
  }

  /** {@code name} at {@code path} (an item of a list) if another item already has it. */
  void unique(String path, String name, Set<String> seen, String what) {
    if (name != null && seen.contains(name)) {
      add(Paths.key(path, "name"), "another " + what + " is already named \"" + name + "\"");
    }
  }

  /** A name that must be one of {@code known}, with the closest known one if it is misspelt. */
  void reference(String path, String name, Set<String> known, String what) {
    if (name != null && !known.contains(name)) {
      add(path, "no " + what + " is named \"" + name + "\"" + closest(name, known));
    }
  }

  private static String closest(String name, Set<String> known) {
    return Suggestions.closest(name, sorted(known))
        .map(k -> " (did you mean \"" + k + "\"?)")
        .orElse(known.isEmpty() ? "" : "; known: " + String.join(", ", sorted(known)));
  }

  void between(String path, int value, int min, int max) {
    if (value < min || value > max) {
      add(path, "must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** Whether {@code d} is there and longer than zero; reports it if not. */
  boolean positive(String path, Duration d) {
    if (!required(path, d)) {
      return false;
    }
    if (d.isZero() || d.isNegative()) {
      add(path, "must be longer than 0s, got " + Durations.format(d));
      return false;
    }
    return true;
  }

  /** {@code names} in order, without a missing one. */
  static List<String> sorted(Collection<String> names) {
    return names.stream().filter(n -> n != null).sorted().toList();
  }
}
