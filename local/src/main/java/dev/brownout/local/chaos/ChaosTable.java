package dev.brownout.local.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables a chaos run prints: one per scenario and a summary, as plain text or Markdown. */
public final class ChaosTable {
  private ChaosTable() {}

  /** The rows of one scenario's table: figure, value. */
  static List<String[]> rows(Outcome o) {
    List<String[]> rows = new ArrayList<>();
    if (o.couldNotRun().isPresent()) {
      rows.add(new String[] {"could not run", o.couldNotRun().get()});
      return rows;
    }
    Figures f = o.figures().orElseThrow();
    rows.add(row("requests sent", Long.toString(f.requests())));
    rows.add(row("answered 2xx", f.ok() + percent(f.ok(), f.requests())));
    rows.add(
        row(
            "answered from (X-Served-From)",
            f.bySource().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))));
    rows.add(row("5xx or no answer (no fallback)", Long.toString(f.failed())));
    rows.add(row("latency p50 / p99", f.p50().toMillis() + " ms / " + f.p99().toMillis() + " ms"));
    rows.add(row("fault to first fallback answer", Target.seconds(f.faultToFallback())));
    rows.add(row("fault to level change", Target.seconds(f.faultToLevelChange())));
    rows.add(row("fault to flags switched", Target.seconds(f.faultToFlags())));
    rows.add(row("repair to FULL", Target.seconds(f.repairToFull())));
    rows.add(row("level transitions", f.transitionsDown() + " down, " + f.transitionsUp() + " up"));
    if (o.scenario().abusive()) {
      rows.add(
          row("abusive requests (5xx or no answer)", f.abusive() + " (" + f.abusiveFailed() + ")"));
    }
    for (Target t : o.targets()) {
      rows.add(row("target: " + t.name(), (t.met() ? "met: " : "MISSED: ") + t.figure()));
    }
    for (String p : o.problems()) {
      rows.add(row("problem", p));
    }
    rows.add(row("scenario took", Target.seconds(o.took())));
    return rows;
  }

  private static String[] row(String figure, String value) {
    return new String[] {figure, value};
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "" : String.format(Locale.ROOT, " (%.2f %%)", 100.0 * part / whole);
  }

  /** One scenario as a plain-text table under its name and summary. */
  public static String text(Outcome o) {
    List<String[]> rows = rows(o);
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    out.append("== ").append(o.scenario().name()).append(": ").append(o.scenario().summary());
    out.append('\n');
    for (String[] r : rows) {
      out.append("  ").append(pad(r[0], width)).append(" | ").append(r[1]).append('\n');
    }
    return out.toString();
  }

  /** One scenario as a Markdown section. */
  public static String markdown(Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append("### `").append(o.scenario().name()).append("`\n\n");
    out.append(o.scenario().summary()).append(".\n\n");
    out.append("| figure | value |\n| --- | --- |\n");
    for (String[] r : rows(o)) {
      out.append("| ").append(cell(r[0])).append(" | ").append(cell(r[1])).append(" |\n");
    }
    return out.append('\n').toString();
  }

  /** The summary: each scenario, its targets met of all, and the missed ones by name. */
  public static String summary(List<Outcome> outcomes, boolean markdown) {
    StringBuilder out = new StringBuilder();
    if (markdown) {
      out.append("| scenario | targets met | missed |\n| --- | --- | --- |\n");
    }
    for (Outcome o : outcomes) {
      String met =
          o.couldNotRun().isPresent()
              ? "could not run"
              : (o.targets().size() - o.missed()) + " of " + o.targets().size();
      String missed =
          o.couldNotRun()
              .orElse(
                  o.targets().stream()
                      .filter(t -> !t.met())
                      .map(t -> t.name() + " (" + t.figure() + ")")
                      .collect(Collectors.joining("; ")));
      if (markdown) {
        out.append("| `")
            .append(o.scenario().name())
            .append("` | ")
            .append(met)
            .append(" | ")
            .append(cell(missed))
            .append(" |\n");
      } else {
        out.append("  ")
            .append(pad(o.scenario().name(), 20))
            .append(" ")
            .append(pad(met, 14))
            .append(missed.isEmpty() ? "" : " missed: " + missed)
            .append('\n');
      }
    }
    return out.toString();
  }

  /** The list {@code --list} prints: each scenario and what it does, then the fault names. */
  public static String list(Scenarios scenarios) {
    StringBuilder out = new StringBuilder("Scenarios:\n");
    int width = scenarios.all().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (Scenario s : scenarios.all()) {
      out.append("  ").append(pad(s.name(), width)).append("  ").append(s.summary()).append('\n');
    }
    for (Map.Entry<String, String> m : scenarios.missing().entrySet()) {
      out.append("  ").append(pad(m.getKey(), width)).append("  (not for this catalog: ");
      out.append(m.getValue()).append(")\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
