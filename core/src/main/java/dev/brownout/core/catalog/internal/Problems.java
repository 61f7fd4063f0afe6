package dev.brownout.core.catalog.internal;

import dev.brownout.core.catalog.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects problems while a catalog is read, and remembers which line each path stands on. */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();

  void add(String path, Node at, String message) {
    remember(path, at);
    problems.add(new Problem(path.isEmpty() ? Problem.ROOT : path, lineOf(path), message));
  }

  /** A problem at {@code path}, on the line where that path (or its parent) was seen. */
  public void at(String path, String message) {
    addAtLine(path, lineOf(path), message);
  }

  void addAtLine(String path, int line, String message) {
    problems.add(new Problem(path, line, message));
  }

  void remember(String path, Node node) {
    node.getStartMark().ifPresent(mark -> lines.putIfAbsent(path, mark.getLine() + 1));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  /** The line of {@code path}, or of its nearest ancestor that was seen; 0 if none was. */
  public int lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      p = Paths.parent(p);
    }
    return 0;
  }
}
