package dev.brownout.core.catalog.internal;

import dev.brownout.core.catalog.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping of the catalog, read key by key. A value of the wrong type is reported with its
 * path and read as absent; keys that nobody read are reported as unknown by {@link #finish()}.
 */
final class YamlMap {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");

  private final String path;
  private final Problems problems;
  private final Map<String, Node> entries = new LinkedHashMap<>();
  private final Map<String, Node> keyNodes = new LinkedHashMap<>();
  private final Set<String> read = new HashSet<>();

  private YamlMap(String path, MappingNode node, Problems problems) {
    this.path = path;
    this.problems = problems;
    problems.remember(path, node);
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problems.add(
            path,
            tuple.getKeyNode(),
            "keys must be plain names, got a " + kind(tuple.getKeyNode()));
        continue;
      }
      String name = key.getValue();
      if (entries.containsKey(name)) {
        problems.add(Paths.key(path, name), key, "\"" + name + "\" is given twice");
        continue;
      }
      entries.put(name, tuple.getValueNode());
      keyNodes.put(name, key);
      problems.remember(Paths.key(path, name), key);
    }
  }

  /** The mapping at {@code node}, or empty (reported) if it is something else. */
  static Optional<YamlMap> of(String path, Node node, Problems problems) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(new YamlMap(path, mapping, problems));
    }
    problems.add(path, node, "expected a mapping of keys to values, got " + describe(node));
    return Optional.empty();
  }

  String path() {
    return path;
  }

  String path(String key) {
    return Paths.key(path, key);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** The value node of {@code key}; an explicit null counts as absent. */
  Optional<Node> node(String key) {
    read.add(key);
    Node node = entries.get(key);
    return node == null || isNull(node) ? Optional.empty() : Optional.of(node);
  }

  /** Marks every key as read, for a mapping whose shape could not be told (an unknown type). */
  void skipRest() {
    read.addAll(entries.keySet());
  }

  Optional<String> string(String key) {
    return node(key).flatMap(n -> scalar(path(key), n, "a string"));
  }

  Optional<Integer> integer(String key) {
    return node(key).flatMap(n -> integer(path(key), n));
  }

  Optional<Boolean> bool(String key) {
    return node(key)
        .flatMap(
            n -> {
              if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase()));
              }
              problems.add(path(key), n, "expected true or false, got " + describe(n));
              return Optional.empty();
            });
  }

  Optional<Duration> duration(String key) {
    return node(key)
        .flatMap(
            n -> {
              Optional<Duration> d =
                  n instanceof ScalarNode s ? Durations.parse(s.getValue()) : Optional.empty();
              if (d.isEmpty()) {
                problems.add(
                    path(key), n, "expected a duration like 30s or 5m, got " + describe(n));
              }
              return d;
            });
  }

  /** A list whose elements are read by {@code element} with their own paths; absent is empty. */
  <T> List<T> list(String key, BiFunction<String, Node, Optional<T>> element) {
    List<T> out = new ArrayList<>();
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return out;
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.add(path(key), value.get(), "expected a list, got " + describe(value.get()));
      return out;
    }
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = Paths.index(path(key), i);
      problems.remember(itemPath, items.get(i));
      element.apply(itemPath, items.get(i)).ifPresent(out::add);
    }
    return out;
  }

  List<String> strings(String key) {
    return list(key, (p, n) -> scalar(p, n, "a string"));
  }

  List<Integer> integers(String key) {
    return list(key, this::integer);
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    node(key)
        .flatMap(n -> of(path(key), n, problems))
        .ifPresent(
            map -> {
              for (String name : map.keys()) {
                map.string(name).ifPresent(v -> out.put(name, v));
              }
            });
    return out;
  }

  /** Reports every key that was not read, with the closest known key as a hint. */
  void finish(Set<String> known) {
    for (var entry : keyNodes.entrySet()) {
      if (!read.contains(entry.getKey())) {
        problems.add(
            path(entry.getKey()),
            entry.getValue(),
            "unknown key \""
                + entry.getKey()
                + "\""
                + Suggestions.didYouMean(entry.getKey(), known)
                + "; expected one of "
                + String.join(", ", known));
      }
    }
  }

  Optional<String> scalar(String at, Node n, String expected) {
    if (n instanceof ScalarNode s && !isNull(n)) {
      return Optional.of(s.getValue());
    }
    problems.add(at, n, "expected " + expected + ", got " + describe(n));
    return Optional.empty();
  }

  private Optional<Integer> integer(String at, Node n) {
    if (n instanceof ScalarNode s
        && s.getTag().equals(Tag.INT)
        && WHOLE_NUMBER.matcher(s.getValue()).matches()) {
      return Optional.of(Integer.parseInt(s.getValue()));
    }
    problems.add(at, n, "expected a whole number, got " + describe(n));
    return Optional.empty();
  }

  static boolean isNull(Node n) {
    return n.getTag().equals(Tag.NULL);
  }

  /** How a value reads in a message: a scalar quoted, anything else by its kind. */
  static String describe(Node n) {
    if (n instanceof ScalarNode s && !isNull(n)) {
      return "\"" + s.getValue() + "\"";
    }
    return kind(n);
  }

  private static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return isNull(n) ? "nothing" : "a value";
  }
}
