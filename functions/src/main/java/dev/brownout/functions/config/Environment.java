package dev.brownout.functions.config;

import dev.brownout.core.catalog.Durations;
import dev.brownout.core.contract.FunctionEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a function's environment variables once, at cold start, collecting every problem so a
 * misconfigured function says everything that is wrong in one init error. A Brownout variable
 * ({@link FunctionEnvironment#PREFIX}) that the function never asked for is logged as a warning,
 * not refused: a stray variable must not take the API down at every cold start, and the build's
 * contract test already refuses one in the construct's own template ({@link #unread()}).
 */
public final class Environment {
  private static final Logger LOG = LoggerFactory.getLogger(Environment.class);

  private final Map<String, String> variables;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> asked = new HashSet<>();

  public Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  public String required(String name) {
    asked.add(name);
    String value = variables.get(name);
    if (value == null || value.isBlank()) {
      problems.add(name + " is not set");
      return "";
    }
    return value;
  }

  public Optional<String> optional(String name) {
    asked.add(name);
    return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
  }

  public String or(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public Duration duration(String name, Duration fallback) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return fallback;
    }
    Optional<Duration> parsed = Durations.parse(text.get());
    if (parsed.isEmpty() || parsed.get().isZero()) {
      problems.add(name + " must be a duration like 30s, 5m or 168h, got \"" + text.get() + "\"");
      return fallback;
    }
    return parsed.get();
  }

  /** A whole number of at least 1. */
  public int positive(String name) {
    String text = required(name);
    if (text.isEmpty()) {
      return 1;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a whole number of at least 1, got \"" + text + "\"");
    return 1;
  }

  public Optional<URI> uri(String name) {
    return optional(name)
        .flatMap(
            text -> {
              try {
                return Optional.of(new URI(text));
              } catch (URISyntaxException e) {
                problems.add(name + " must be a URL, got \"" + text + "\"");
                return Optional.empty();
              }
            });
  }

  /**
   * @throws IllegalStateException listing every problem found while reading, if there is any
   */
  public void check(String function) {
    unread()
        .forEach(
            name -> LOG.warn("{} is set, but the {} function does not read it", name, function));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The " + function + " function is misconfigured: " + String.join("; ", problems));
    }
  }

  /** The Brownout variables that are set but were never asked for, sorted: a name misspelt. */
  public List<String> unread() {
    return variables.keySet().stream()
        .filter(name -> name.startsWith(FunctionEnvironment.PREFIX) && !asked.contains(name))
        .sorted()
        .toList();
  }
}
