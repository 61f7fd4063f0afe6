package dev.brownout.core.catalog;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.internal.Suggestions;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.core.text.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a catalog as a whole: required values, ranges, names that refer to each other, and a
 * policy that contradicts itself. Every problem is reported, each with its path.
 */
public final class CatalogValidator {
  static final String REQUIRED = "required";
  private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  /** A host name, an IPv4 address, or an IPv6 address (hex digits and colons). */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");

  /** Every check runs inside the health-check function's one-minute window. */
  static final Duration MAX_CHECK_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern QUERY_KEY = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  private static final Set<String> CHECK_METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
  private static final Duration MAX_DWELL = Duration.ofHours(24);
  private static final int MAX_QUEUE_ATTEMPTS = 100;

  private final List<Problem> problems = new ArrayList<>();

  private CatalogValidator() {}

  /** Every problem with {@code catalog}; empty if it is fit to use. */
  public static List<Problem> problems(Catalog catalog) {
    CatalogValidator v = new CatalogValidator();
    v.catalog(catalog);
    return List.copyOf(v.problems);
  }

  /**
   * @throws CatalogException listing every problem, if there is any
   */
  public static Catalog validate(Catalog catalog) {
    List<Problem> found = problems(catalog);
    if (!found.isEmpty()) {
      throw new CatalogException("(built in code)", found);
    }
    return catalog;
  }

  private void add(String path, String message) {
    problems.add(new Problem(path, 0, message));
  }

  private boolean required(String path, Object value) {
    if (value == null) {
      add(path, REQUIRED);
      return false;
    }
    return true;
  }

  private void catalog(Catalog c) {
    if (required("app", c.app()) && !APP.matcher(c.app()).matches()) {
      add(
          "app",
          "must be 1-40 lowercase letters, digits or -, starting with a letter (it names tables, SSM paths and metrics), got \""
              + c.app()
              + "\"");
    }
    if (c.dependencies().isEmpty()) {
      add("dependencies", "list at least one dependency: Brownout degrades when dependencies fail");
    }
    Map<String, Dependency> dependencies = new HashMap<>();
    for (int i = 0; i < c.dependencies().size(); i++) {
      Dependency d = c.dependencies().get(i);
      String path = index("dependencies", i);
      dependency(path, d);
      unique(path, d.name(), dependencies.keySet(), "dependency");
      if (d.name() != null) {
        dependencies.putIfAbsent(d.name(), d);
      }
    }
    Set<String> features = new HashSet<>();
    for (int i = 0; i < c.features().size(); i++) {
      Feature f = c.features().get(i);
      String path = index("features", i);
      feature(path, f, dependencies.keySet(), c);
      unique(path, f.name(), features, "feature");
      if (f.name() != null) {
        features.add(f.name());
      }
    }
    featureCycles(c);
    Map<String, Integer> routeShapes = new HashMap<>();
    Map<String, NamedAt> parameterNames = new HashMap<>();
    for (int i = 0; i < c.routes().size(); i++) {
      Route r = c.routes().get(i);
      String path = index("routes", i);
      route(path, r, dependencies.keySet(), features);
      if (r.path() != null) {
        siblingParameters(i, r, parameterNames, c.routes());
      }
      if (r.method() != null && r.path() != null) {
        Integer earlier = routeShapes.putIfAbsent(r.method() + " " + r.path().shape(), i);
        if (earlier != null) {
          add(
              path,
              r.id()
                  + " cannot be told apart from routes["
                  + earlier
                  + "] ("
                  + c.routes().get(earlier).id()
                  + ")");
        }
      }
    }
    policy(c.policy(), dependencies);
  }

  /** The parameter a route names at one place of the path tree. */
  private record NamedAt(String name, int route) {}

  /**
   * API Gateway builds one resource tree of all paths and allows one parameter name at a place in
   * it: {@code /products/{id}} and {@code /products/{sku}/reviews} cannot both be deployed.
   *
   * @param seen the first parameter named after each path prefix, such as {@code /products}
   */
  private void siblingParameters(int i, Route r, Map<String, NamedAt> seen, List<Route> routes) {
    StringBuilder parent = new StringBuilder();
    for (String segment : r.path().segments()) {
      Optional<String> name = TemplateRules.wholePlaceholder(segment);
      if (name.isPresent()) {
        String at = parent.isEmpty() ? "/" : parent.toString();
        NamedAt earlier = seen.putIfAbsent(at, new NamedAt(name.get(), i));
        if (earlier != null && !earlier.name().equals(name.get())) {
          add(
              key(index("routes", i), "path"),
              "names the parameter {"
                  + name.get()
                  + "} after "
                  + at
                  + ", where routes["
                  + earlier.route()
                  + "] ("
                  + routes.get(earlier.route()).id()
                  + ") names {"
                  + earlier.name()
                  + "}; API Gateway allows one parameter name at one place of the path tree, use {"
                  + earlier.name()
                  + "}");
          return;
        }
      }
      parent.append('/').append(segment);
    }
  }

  private void unique(String path, String name, Set<String> seen, String what) {
    if (name != null && seen.contains(name)) {
      add(key(path, "name"), "another " + what + " is already named \"" + name + "\"");
    }
  }

  private void name(String path, String name) {
    if (required(path, name) && !NAME.matcher(name).matches()) {
      add(
          path,
          "must be lowercase letters, digits or -, starting with a letter, at most 63 long, got \""
              + name
              + "\"");
    }
  }

  private void dependency(String path, Dependency d) {
    name(key(path, "name"), d.name());
    required(key(path, "criticality"), d.criticality());
    between(key(path, "failureThreshold"), d.failureThreshold(), 1, Dependency.MAX_THRESHOLD);
    between(key(path, "recoveryThreshold"), d.recoveryThreshold(), 1, Dependency.MAX_THRESHOLD);
    if (required(key(path, "interval"), d.interval())
        && (d.interval().compareTo(Dependency.MIN_INTERVAL) < 0
            || d.interval().compareTo(Dependency.MAX_INTERVAL) > 0)) {
      add(
          key(path, "interval"),
          "must be between 1s and 1m (the health-check function runs once a minute), got "
              + Durations.format(d.interval()));
    }
    if (required(key(path, "check"), d.check())) {
      check(key(path, "check"), d.check(), d.interval());
    }
  }

  private void check(String path, HealthCheck check, Duration interval) {
    if (check.timeout() != null && check.timeout().compareTo(MAX_CHECK_TIMEOUT) > 0) {
      add(
          key(path, "timeout"),
          "must be at most 30s: every check runs inside the health-check function's one-minute"
              + " window, got "
              + Durations.format(check.timeout()));
    }
    if (positive(key(path, "timeout"), check.timeout())
        && interval != null
        && check.timeout().compareTo(interval) >= 0) {
      add(
          key(path, "timeout"),
          "must be shorter than the check interval ("
              + Durations.format(interval)
              + ") so rounds do not overlap, got "
              + Durations.format(check.timeout()));
    }
    switch (check) {
      case HealthCheck.Http http -> {
        required(key(path, "url"), http.url());
        if (required(key(path, "method"), http.method())
            && !CHECK_METHODS.contains(http.method())) {
          add(
              key(path, "method"),
              "expected one of GET, HEAD, POST, OPTIONS, got \"" + http.method() + "\"");
        }
        if ("HEAD".equals(http.method()) && http.bodyMatch().isPresent()) {
          add(key(path, "bodyMatch"), "a HEAD answer has no body to match; use GET");
        }
        for (int status : http.expectedStatuses()) {
          if (status < 100 || status > 599) {
            add(key(path, "expectStatus"), "HTTP statuses are between 100 and 599, got " + status);
          }
        }
        http.latencyBudget()
            .ifPresent(
                budget -> {
                  if (positive(key(path, "latencyBudget"), budget)
                      && check.timeout() != null
                      && budget.compareTo(check.timeout()) >= 0) {
                    add(
                        key(path, "latencyBudget"),
                        "must be shorter than the timeout ("
                            + Durations.format(check.timeout())
                            + "), got "
                            + Durations.format(budget));
                  }
                });
      }
      case HealthCheck.Tcp tcp -> {
        if (required(key(path, "host"), tcp.host()) && !HOST.matcher(tcp.host()).matches()) {
          add(key(path, "host"), "expected a host name or IP address, got \"" + tcp.host() + "\"");
        }
        between(key(path, "port"), tcp.port(), 1, 65535);
      }
      case HealthCheck.DynamoDb dynamo -> {
        if (required(key(path, "table"), dynamo.table())
            && !TABLE.matcher(dynamo.table()).matches()) {
          add(
              key(path, "table"),
              "expected a DynamoDB table name (3-255 letters, digits, _ . -), got \""
                  + dynamo.table()
                  + "\"");
        }
      }
    }
  }

  private void feature(String path, Feature f, Set<String> dependencies, Catalog c) {
    name(key(path, "name"), f.name());
    for (int i = 0; i < f.needs().size(); i++) {
      reference(index(key(path, "needs"), i), f.needs().get(i), dependencies, "dependency");
    }
    Set<String> featureNames = new HashSet<>();
    c.features().forEach(other -> featureNames.add(other.name()));
    for (int i = 0; i < f.requires().size(); i++) {
      String required = f.requires().get(i);
      if (required != null && required.equals(f.name())) {
        add(index(key(path, "requires"), i), "a feature cannot require itself");
      } else {
        reference(index(key(path, "requires"), i), required, featureNames, "feature");
      }
    }
    f.offAt()
        .ifPresent(
            level -> {
              if (level == Level.FULL) {
                add(
                    key(path, "offAt"),
                    "FULL would switch the feature off for good; use REDUCED, MINIMAL or EMERGENCY");
              }
            });
  }

  private void reference(String path, String name, Set<String> known, String what) {
    if (name != null && !known.contains(name)) {
      add(path, "no " + what + " is named \"" + name + "\"" + closest(name, known));
    }
  }

  private static String closest(String name, Set<String> known) {
    return Suggestions.closest(name, sorted(known))
        .map(k -> " (did you mean \"" + k + "\"?)")
        .orElse(known.isEmpty() ? "" : "; known: " + String.join(", ", sorted(known)));
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().filter(n -> n != null).sorted().toList();
  }

  /** Features that require each other in a circle can never be decided. */
  private void featureCycles(Catalog c) {
    Map<String, List<String>> edges = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < c.features().size(); i++) {
      Feature f = c.features().get(i);
      if (f.name() != null) {
        edges.putIfAbsent(f.name(), f.requires());
        position.putIfAbsent(f.name(), i);
      }
    }
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (Feature f : c.features()) {
      if (f.name() != null) {
        walk(f.name(), edges, new ArrayList<>(), done, reported, position);
      }
    }
  }

  private void walk(
      String node,
      Map<String, List<String>> edges,
      List<String> trail,
      Set<String> done,
      Set<String> reported,
      Map<String, Integer> position) {
    if (done.contains(node) || !edges.containsKey(node)) {
      return;
    }
    int at = trail.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(trail.subList(at, trail.size()));
      cycle.add(node);
      if (reported.add(String.join(",", cycle.stream().sorted().toList()))) {
        add(
            key(index("features", position.get(node)), "requires"),
            "features require each other in a circle: " + String.join(" -> ", cycle));
      }
      return;
    }
    trail.add(node);
    for (String next : edges.get(node)) {
      if (next != null && !next.equals(node)) {
        walk(next, edges, trail, done, reported, position);
      }
    }
    trail.remove(trail.size() - 1);
    done.add(node);
  }

  private void route(String path, Route r, Set<String> dependencies, Set<String> features) {
    if (required(key(path, "method"), r.method()) && !Route.METHODS.contains(r.method())) {
      add(
          key(path, "method"),
          "expected one of "
              + String.join(", ", sorted(Route.METHODS))
              + ", got \""
              + r.method()
              + "\"");
    }
    if (required(key(path, "path"), r.path()) && r.path().startsWith(StatusPaths.PREFIX)) {
      add(
          key(path, "path"),
          StatusPaths.PREFIX
              + " is reserved for Brownout's own endpoints, got \""
              + r.path()
              + "\"");
    }
    if (required(key(path, "dependency"), r.dependency())) {
      reference(key(path, "dependency"), r.dependency(), dependencies, "dependency");
    }
    r.feature().ifPresent(f -> reference(key(path, "feature"), f, features, "feature"));
    Set<String> parameters = r.path() == null ? null : Set.copyOf(r.path().parameters());
    if (required(key(path, "primary"), r.primary())) {
      upstream(key(path, "primary"), r.primary(), parameters);
    }
    fallbacks(path, r, parameters);
  }

  private void upstream(String path, Upstream u, Set<String> parameters) {
    if (required(key(path, "url"), u.url()) && parameters != null) {
      for (String placeholder : u.url().placeholders()) {
        if (!parameters.contains(placeholder)) {
          add(
              key(path, "url"),
              "the placeholder {"
                  + placeholder
                  + "} is not a parameter of the route's path ("
                  + describe(parameters)
                  + ")");
        }
      }
    }
    if (positive(key(path, "timeout"), u.timeout())
        && u.timeout().compareTo(Upstream.MAX_TIMEOUT) > 0) {
      add(
          key(path, "timeout"),
          "must be at most 29s (API Gateway's integration limit), got "
              + Durations.format(u.timeout()));
    }
  }

  private static String describe(Set<String> parameters) {
    return parameters.isEmpty()
        ? "it has none"
        : "it has "
            + String.join(", ", sorted(parameters).stream().map(p -> "{" + p + "}").toList());
  }

  private void fallbacks(String routePath, Route r, Set<String> parameters) {
    Map<String, Integer> seen = new HashMap<>();
    Integer terminal = null;
    boolean write = r.method() != null && r.isWrite();
    for (int i = 0; i < r.fallback().size(); i++) {
      Fallback f = r.fallback().get(i);
      String path = key(index(key(routePath, "fallback"), i), f.kind());
      Integer earlier = seen.putIfAbsent(f.kind(), i);
      if (earlier != null) {
        add(
            path,
            "fallback["
                + earlier
                + "] is already a "
                + f.kind()
                + " step; each kind may appear once");
      }
      if (terminal != null) {
        add(
            path,
            "can never be reached: fallback["
                + terminal
                + "] ("
                + r.fallback().get(terminal).kind()
                + ") always answers");
      }
      if (f.alwaysAnswers() && terminal == null) {
        terminal = i;
      }
      switch (f) {
        case Fallback.Cache cache -> {
          if (r.method() != null && write) {
            add(
                path,
                "a cache answers reads; " + r.method() + " is a write (use queue or readOnly)");
          }
          positive(key(path, "maxStaleness"), cache.maxStaleness());
          for (int q = 0; q < cache.queryKeys().size(); q++) {
            String name = cache.queryKeys().get(q);
            if (name == null || !QUERY_KEY.matcher(name).matches()) {
              add(
                  index(key(path, "queryKeys"), q),
                  "expected a query parameter name, got \"" + name + "\"");
            }
          }
        }
        case Fallback.Alternative alternative -> upstream(path, alternative.upstream(), parameters);
        case Fallback.Static fixed -> canned(path, fixed.response(), null);
        case Fallback.Degraded degraded -> {
          if (degraded.upstream().isPresent() == degraded.response().isPresent()) {
            add(
                path,
                "give either url (a cheaper call) or body (a reduced answer), not "
                    + (degraded.upstream().isPresent() ? "both" : "neither"));
          }
          degraded.upstream().ifPresent(u -> upstream(path, u, parameters));
          degraded.response().ifPresent(c -> canned(path, c, parameters));
        }
        case Fallback.Queue queue -> {
          writeOnly(path, r, write, "queue");
          between(key(path, "maxAttempts"), queue.maxAttempts(), 1, MAX_QUEUE_ATTEMPTS);
        }
        case Fallback.ReadOnly readOnly -> {
          writeOnly(path, r, write, "readOnly");
          required(key(path, "message"), readOnly.message());
        }
      }
    }
  }

  private void writeOnly(String path, Route r, boolean write, String kind) {
    if (r.method() != null && !write) {
      add(path, kind + " is for writes (POST, PUT, PATCH, DELETE); " + r.method() + " is a read");
    }
  }

  /** A canned answer; {@code parameters} are the placeholders its body may use (null: unknown). */
  private void canned(String path, CannedResponse response, Set<String> parameters) {
    between(key(path, "status"), response.status(), 200, 599);
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!HEADER_NAME.matcher(name).matches()) {
                add(key(key(path, "headers"), name), "not a valid header name");
              } else if (value.contains("\r") || value.contains("\n")) {
                add(key(key(path, "headers"), name), "a header value must be one line");
              }
            });
    if (required(key(path, "body"), response.body()) && parameters != null) {
      filledBody(key(path, "body"), response, parameters);
    }
  }

  /**
   * A body whose placeholders take the path parameters: each must name one, and stand inside a JSON
   * string, where its escaped value stays text; outside one the path would decide the JSON's shape.
   * Only JSON bodies are filled (with JSON escaping), so another type may not have them.
   */
  private void filledBody(String path, CannedResponse response, Set<String> parameters) {
    String body = response.body();
    boolean[] inString = Json.insideStrings(body);
    for (TemplateRules.Placeholder p : TemplateRules.placeholders(body)) {
      if (!parameters.contains(p.name())) {
        add(
            path,
            "the placeholder "
                + p.text()
                + " is not a parameter of the route's path ("
                + describe(parameters)
                + ")");
      } else if (!response.isJson()) {
        add(
            path,
            "the placeholder \""
                + p.text()
                + "\" is filled only in a JSON body, and the content type is \""
                + response.contentType()
                + "\"");
      } else if (!inString[p.start()]) {
        add(
            path,
            "the placeholder \""
                + p.text()
                + "\" at character "
                + p.start()
                + " stands outside a JSON string, so the request's path would decide the"
                + " JSON's shape; put it between a JSON string's quotes");
      }
    }
  }

  private void between(String path, int value, int min, int max) {
    if (value < min || value > max) {
      add(path, "must be between " + min + " and " + max + ", got " + value);
    }
  }

  private boolean positive(String path, Duration d) {
    if (!required(path, d)) {
      return false;
    }
    if (d.isZero() || d.isNegative()) {
      add(path, "must be longer than 0s, got " + Durations.format(d));
      return false;
    }
    return true;
  }

  private void policy(Policy p, Map<String, Dependency> dependencies) {
    if (required("policy.minDwell", p.minDwell())
        && (p.minDwell().isNegative() || p.minDwell().compareTo(MAX_DWELL) > 0)) {
      add("policy.minDwell", "must be between 0s and 24h, got " + Durations.format(p.minDwell()));
    }
    Map<String, Integer> conditions = new HashMap<>();
    for (int i = 0; i < p.rules().size(); i++) {
      LevelRule rule = p.rules().get(i);
      String path = index("policy.rules", i);
      if (!required(key(path, "level"), rule.level())) {
        continue;
      }
      if (rule.level() == Level.FULL) {
        add(key(path, "level"), "a rule raises the level; FULL is the level when no rule fires");
      }
      String condition;
      switch (rule) {
        case LevelRule.ByCriticality byCount -> {
          condition = byCount.criticality() + ">=" + byCount.atLeast();
          if (byCount.criticality() == Criticality.OPTIONAL) {
            add(
                key(path, "criticality"),
                "optional dependencies never raise the level; they only switch off the features that need them");
          }
          if (byCount.atLeast() < 1) {
            add(key(path, "atLeast"), "must be at least 1, got " + byCount.atLeast());
          }
        }
        case LevelRule.ByDependency byName -> {
          condition = "dependency " + byName.dependency();
          Dependency d = dependencies.get(byName.dependency());
          if (d == null) {
            reference(
                key(path, "dependency"), byName.dependency(), dependencies.keySet(), "dependency");
          } else if (d.criticality() == Criticality.OPTIONAL) {
            add(
                key(path, "dependency"),
                byName.dependency()
                    + " is optional, and optional dependencies never raise the level");
          }
        }
      }
      Integer earlier = conditions.putIfAbsent(condition, i);
      if (earlier != null) {
        Level other = p.rules().get(earlier).level();
        add(
            path,
            other == rule.level()
                ? "repeats policy.rules[" + earlier + "]"
                : "contradicts policy.rules["
                    + earlier
                    + "]: the same condition gives "
                    + rule.level()
                    + " here and "
                    + other
                    + " there");
      }
    }
    monotonic(p.rules());
    criticalOutweighsImportant(p.rules(), dependencies);
    criticalAlwaysMatters(p.rules(), dependencies);
  }

  /** With more unhealthy dependencies of a criticality, a rule must not name a lower level. */
  private void monotonic(List<LevelRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      for (int j = 0; j < rules.size(); j++) {
        if (rules.get(i) instanceof LevelRule.ByCriticality a
            && rules.get(j) instanceof LevelRule.ByCriticality b
            && a.level() != null
            && b.level() != null
            && a.criticality() == b.criticality()
            && a.atLeast() > b.atLeast()
            && b.level().isWorseThan(a.level())) {
          add(
              index("policy.rules", i),
              "contradicts policy.rules["
                  + j
                  + "]: "
                  + a
                  + " is lower than "
                  + b
                  + ", but more unhealthy dependencies must never lower the level");
        }
      }
    }
  }

  /**
   * For the same number down, critical dependencies must weigh at least as much as important ones.
   */
  private void criticalOutweighsImportant(
      List<LevelRule> rules, Map<String, Dependency> dependencies) {
    // Critical dependencies may also be covered one by one: the least of those levels counts.
    List<String> criticalNames =
        dependencies.values().stream()
            .filter(d -> d.criticality() == Criticality.CRITICAL)
            .map(Dependency::name)
            .toList();
    Optional<Level> byName = leastLevelByName(rules, criticalNames);
    int most =
        rules.stream()
            .mapToInt(r -> r instanceof LevelRule.ByCriticality c ? c.atLeast() : 0)
            .max()
            .orElse(0);
    for (int n = 1; n <= most; n++) {
      Optional<Level> counted = levelFor(rules, Criticality.CRITICAL, n);
      Optional<Level> critical =
          counted.isPresent() && byName.isPresent()
              ? Optional.of(Level.worst(counted.get(), byName.get()))
              : counted.or(() -> byName);
      Optional<Level> important = levelFor(rules, Criticality.IMPORTANT, n);
      if (important.isPresent()
          && (critical.isEmpty() || important.get().isWorseThan(critical.get()))) {
        add(
            "policy.rules",
            "contradiction: "
                + n
                + " important unhealthy gives "
                + important.get()
                + ", but "
                + n
                + " critical unhealthy gives "
                + critical.map(Level::name).orElse("no level")
                + "; a critical dependency must weigh at least as much as an important one");
        return;
      }
    }
  }

  /** The least level the by-name rules give, if every one of {@code names} has such a rule. */
  private static Optional<Level> leastLevelByName(List<LevelRule> rules, List<String> names) {
    List<Level> levels = new ArrayList<>();
    for (String name : names) {
      rules.stream()
          .filter(
              r ->
                  r instanceof LevelRule.ByDependency n
                      && n.dependency().equals(name)
                      && r.level() != null)
          .map(LevelRule::level)
          .reduce(Level::worst)
          .ifPresent(levels::add);
    }
    if (names.isEmpty() || levels.size() != names.size()) {
      return Optional.empty();
    }
    return levels.stream().reduce((a, b) -> a.isWorseThan(b) ? b : a);
  }

  private static Optional<Level> levelFor(
      List<LevelRule> rules, Criticality criticality, int down) {
    return rules.stream()
        .filter(
            r ->
                r instanceof LevelRule.ByCriticality c
                    && c.criticality() == criticality
                    && c.atLeast() <= down
                    && c.level() != null)
        .map(LevelRule::level)
        .reduce(Level::worst);
  }

  private void criticalAlwaysMatters(List<LevelRule> rules, Map<String, Dependency> dependencies) {
    List<String> ignored = new ArrayList<>();
    for (Dependency d : dependencies.values()) {
      boolean covered =
          levelFor(rules, Criticality.CRITICAL, 1).isPresent()
              || rules.stream()
                  .anyMatch(
                      r ->
                          r instanceof LevelRule.ByDependency n && n.dependency().equals(d.name()));
      if (d.criticality() == Criticality.CRITICAL && !covered) {
        ignored.add(d.name());
      }
    }
    if (!ignored.isEmpty()) {
      add(
          "policy.rules",
          "no rule fires when the critical dependency "
              + String.join(", ", sorted(Set.copyOf(ignored)))
              + " is unhealthy; add a rule with criticality: critical and atLeast: 1");
    }
  }
}
