package dev.brownout.functions.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.core.Level;
import dev.brownout.core.policy.ManualOverride;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The override parameter ({@code /brownout/<app>/override}), JSON such as {@code {"level":
 * "MINIMAL", "features": {"checkout": false}, "until": "2026-11-27T18:00:00Z", "reason": "load
 * test"}}. Anything wrong in it makes the whole override void, never half-applied.
 */
public final class OverrideJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("level", "features", "until", "reason");

  /** The override, or why the text is not one. */
  public record Parsed(Optional<ManualOverride> override, Optional<String> problem) {}

  private OverrideJson() {}

  public static Parsed parse(String text) {
    if (text == null || text.isBlank() || text.trim().equals("{}")) {
      return new Parsed(Optional.empty(), Optional.empty());
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (Exception e) {
      return invalid("it is not JSON");
    }
    if (node == null || !node.isObject()) {
      return invalid("it is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!KEYS.contains(name)) {
                problems.add("unknown key \"" + name + "\"");
              }
            });
    Optional<Level> level = Optional.empty();
    if (node.has("level")) {
      level = Level.named(node.get("level").asText());
      if (!node.get("level").isTextual() || level.isEmpty()) {
        problems.add("level must be FULL, REDUCED, MINIMAL or EMERGENCY, got " + node.get("level"));
      }
    }
    Map<String, Boolean> features = new LinkedHashMap<>();
    if (node.has("features")) {
      if (!node.get("features").isObject()) {
        problems.add("features must be an object of feature names to true or false");
      } else {
        node.get("features")
            .properties()
            .forEach(
                e -> {
                  JsonNode v = e.getValue();
                  if (v.isBoolean()) {
                    features.put(e.getKey(), v.asBoolean());
                  } else if (v.isTextual()
                      && (v.asText().equals("on") || v.asText().equals("off"))) {
                    features.put(e.getKey(), v.asText().equals("on"));
                  } else {
                    problems.add(
                        "features."
                            + e.getKey()
                            + " must be true, false, \"on\" or \"off\", got "
                            + v);
                  }
                });
      }
    }
    Optional<Instant> until = Optional.empty();
    if (node.has("until")) {
      try {
        until = Optional.of(Instant.parse(node.get("until").asText()));
      } catch (DateTimeParseException e) {
        problems.add(
            "until must be a UTC time like 2026-11-27T18:00:00Z, got " + node.get("until"));
      }
    }
    if (level.isEmpty() && features.isEmpty() && problems.isEmpty()) {
      problems.add("it pins no level and forces no feature");
    }
    if (!problems.isEmpty()) {
      return invalid(String.join("; ", problems));
    }
    Optional<String> reason =
        node.has("reason") ? Optional.of(node.get("reason").asText()) : Optional.empty();
    return new Parsed(
        Optional.of(new ManualOverride(level, features, until, reason)), Optional.empty());
  }

  private static Parsed invalid(String why) {
    return new Parsed(
        Optional.empty(), Optional.of("the override is malformed (" + why + "); it is ignored"));
  }
}
