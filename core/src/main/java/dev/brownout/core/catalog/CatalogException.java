package dev.brownout.core.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog was refused; {@link #problems()} lists everything wrong with it, not just the first.
 */
public final class CatalogException extends RuntimeException {
  private final String source;
  private final List<Problem> problems;

  public CatalogException(String source, List<Problem> problems) {
    super(describe(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** A catalog refused as a whole, for a reason that has no place in it (no file, not text). */
  public static CatalogException whole(String source, String message) {
    return new CatalogException(source, List.of(new Problem(Problem.ROOT, 0, message)));
  }

  public String source() {
    return source;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(String source, List<Problem> problems) {
    String heading =
        "The catalog "
            + source
            + " has "
            + problems.size()
            + (problems.size() == 1 ? " problem:" : " problems:");
    return problems.stream()
        .map(p -> "  " + (p.line() > 0 ? source + ":" + p.line() + ": " : "") + p)
        .collect(Collectors.joining("\n", heading + "\n", ""));
  }
}
