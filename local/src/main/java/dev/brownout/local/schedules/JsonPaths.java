package dev.brownout.local.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath that EventBridge evaluates in {@code InputPath} and {@code InputPathsMap} (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html">eb-transform-target-input</a>:
 * "dot notation (for example, $.detail), dashes, underscores, alphanumeric characters, array
 * indices, wildcards (*), forward slashes"): {@code $}, then {@code .name}, {@code [n]}, {@code .*}
 * or {@code [*]} steps.
 */
final class JsonPaths {
  private JsonPaths() {}

  /**
   * What {@code path} selects in {@code root}: one value, or with a wildcard the array of every
   * value it reaches.
   *
   * @return empty when the path reaches nothing
   * @throws IllegalArgumentException if {@code path} is not of that form, quoting it
   */
  static Optional<JsonNode> select(JsonNode root, String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("JSON path \"" + path + "\" does not start with $");
    }
    List<JsonNode> reached = List.of(root);
    boolean wildcard = false;
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      String step;
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        step = path.substring(i + 1, end);
        if (step.isEmpty()) {
          throw new IllegalArgumentException(
              "JSON path \"" + path + "\" has an empty name at position " + (i + 1));
        }
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException(
              "JSON path \"" + path + "\" has an unclosed [ at position " + i);
        }
        step = path.substring(i + 1, end);
        if (!step.equals("*") && !step.matches("[0-9]+")) {
          throw new IllegalArgumentException(
              "JSON path \"" + path + "\" has [" + step + "]; only [n] and [*] are supported");
        }
        i = end + 1;
      } else {
        throw new IllegalArgumentException(
            "JSON path \"" + path + "\" has '" + c + "' at position " + i + ", expected . or [");
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : reached) {
        if (step.equals("*")) {
          node.forEach(next::add);
        } else if (c == '[' && node.isArray()) {
          addIfPresent(next, node.get(Integer.parseInt(step)));
        } else if (c == '.' && node.isObject()) {
          addIfPresent(next, node.get(step));
        }
      }
      wildcard |= step.equals("*");
      reached = next;
    }
    if (reached.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        wildcard ? JsonNodeFactory.instance.arrayNode().addAll(reached) : reached.getFirst());
  }

  private static void addIfPresent(List<JsonNode> nodes, JsonNode node) {
    if (node != null) {
      nodes.add(node);
    }
  }
}
