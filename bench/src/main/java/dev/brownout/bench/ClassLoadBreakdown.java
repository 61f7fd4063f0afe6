package dev.brownout.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a cold start loads, by library, from a {@code -Xlog:class+load::uptime} log cut at
 * the runtime's first {@code next} (init) and at its answer. Each class is also charged the time
 * since the class loaded before it: its own loading, plus whatever ran in between (mostly the code
 * of the same library, since classes come in runs). That time is an attribution, not a profile: a
 * network wait shows up on the class loaded after it.
 */
final class ClassLoadBreakdown {
  private static final Pattern LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\] (\\S+) source: (.*)$");

  /** Library groups by class-name prefix, first match wins; the order is the report's. */
  private static final List<Map.Entry<String, List<String>>> GROUPS =
      List.of(
          Map.entry(
              "JDK XML parser",
              List.of(
                  "javax.xml.",
                  "org.xml.",
                  "org.w3c.",
                  "com.sun.org.apache.",
                  "jdk.xml.",
                  "com.sun.xml.")),
          Map.entry("JDK (rest)", List.of("java.", "javax.", "jdk.", "sun.", "com.sun.")),
          Map.entry(
              "runtime interface client (incl. its shaded Jackson)",
              List.of(
                  "com.amazonaws.services.lambda.runtime.api.",
                  "com.amazonaws.services.lambda.runtime.serialization.",
                  "com.amazonaws.lambda.thirdparty.",
                  "com.amazonaws.services.lambda.crac.")),
          Map.entry("Lambda core and events", List.of("com.amazonaws.services.lambda.runtime.")),
          Map.entry("Log4j", List.of("org.apache.logging.")),
          Map.entry("Logback", List.of("ch.qos.logback.")),
          Map.entry("SLF4J", List.of("org.slf4j.")),
          Map.entry(
              "Powertools (+ EMF, JMESPath)",
              List.of(
                  "software.amazon.lambda.powertools.",
                  "software.amazon.cloudwatchlogs.",
                  "io.burt.jmespath.")),
          Map.entry("AWS SDK: HTTP client", List.of("software.amazon.awssdk.http.")),
          Map.entry(
              "AWS SDK: regions, endpoints",
              List.of(
                  "software.amazon.awssdk.regions.",
                  "software.amazon.awssdk.endpoints.",
                  "software.amazon.awssdk.awscore.endpoints.")),
          Map.entry(
              "AWS SDK: services (clients, models, endpoint rules)",
              List.of("software.amazon.awssdk.services.")),
          Map.entry(
              "AWS SDK: auth, identity, signing",
              List.of(
                  "software.amazon.awssdk.auth.",
                  "software.amazon.awssdk.identity.",
                  "software.amazon.awssdk.http.auth.",
                  "software.amazon.awssdk.profiles.")),
          Map.entry("AWS SDK: core, protocols, utils", List.of("software.amazon.awssdk.")),
          Map.entry("Jackson", List.of("com.fasterxml.jackson.")),
          Map.entry("SnakeYAML", List.of("org.snakeyaml.")),
          Map.entry("Brownout core", List.of("dev.brownout.core.")),
          Map.entry("Brownout functions", List.of("dev.brownout.functions.")),
          Map.entry("minimal handler", List.of("dev.brownout.bench.")),
          Map.entry("other", List.of("")));

  /** Per group: classes and milliseconds before init's end, and up to the answer. */
  record Share(int initClasses, double initMs, int classes, double ms) {}

  private final Map<String, Share> shares;
  private final int total;

  private ClassLoadBreakdown(Map<String, Share> shares, int total) {
    this.shares = shares;
    this.total = total;
  }

  /**
   * @param initMs and {@code answerMs}: the run's init and first answer, from process start
   */
  static ClassLoadBreakdown of(List<String> log, double initMs, double answerMs) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, double[]> times = new LinkedHashMap<>();
    GROUPS.forEach(
        g -> {
          counts.put(g.getKey(), new int[2]);
          times.put(g.getKey(), new double[2]);
        });
    double previous = 0;
    int total = 0;
    for (String line : log) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      double at = Double.parseDouble(m.group(1)) * 1000;
      if (at > answerMs) {
        break;
      }
      String group = group(m.group(2));
      int phase = at <= initMs ? 0 : 1;
      counts.get(group)[phase]++;
      times.get(group)[phase] += at - previous;
      previous = at;
      total++;
    }
    Map<String, Share> shares = new LinkedHashMap<>();
    counts.forEach(
        (group, c) -> {
          double[] t = times.get(group);
          if (c[0] + c[1] > 0) {
            shares.put(group, new Share(c[0], t[0], c[0] + c[1], t[0] + t[1]));
          }
        });
    return new ClassLoadBreakdown(shares, total);
  }

  static String group(String className) {
    // hidden classes (lambdas, method handles) count for the class that made them
    String name = className.replaceAll("\\$\\$Lambda.*$", "");
    for (var g : GROUPS) {
      for (String prefix : g.getValue()) {
        if (name.startsWith(prefix)) {
          return g.getKey();
        }
      }
    }
    return "other";
  }

  String render(String title) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n%s: %d classes to the answer%n%n", title, total));
    out.append(
        "| library | classes at init | ms charged at init | classes to answer | ms charged to answer |\n"
            + "|---|---:|---:|---:|---:|\n");
    shares.forEach(
        (group, s) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %d | %.0f |%n",
                    group,
                    s.initClasses(),
                    s.initMs(),
                    s.classes(),
                    s.ms())));
    return out.toString();
  }
}
