package dev.brownout.core.catalog.internal;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Feature;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.catalog.LevelRule;
import dev.brownout.core.catalog.PathTemplate;
import dev.brownout.core.catalog.Policy;
import dev.brownout.core.catalog.Problem;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.Upstream;
import dev.brownout.core.catalog.UrlTemplate;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads catalog YAML into the catalog records. It reports what YAML alone can tell (unknown keys,
 * wrong types, unreadable durations, templates and patterns) and leaves absent values null, for
 * {@link dev.brownout.core.catalog.CatalogValidator} to judge.
 */
public final class CatalogParser {
  private static final Set<String> TOP =
      ordered("app", "dependencies", "features", "routes", "policy");
  private static final Set<String> DEPENDENCY =
      ordered("name", "criticality", "check", "failureThreshold", "recoveryThreshold", "interval");
  private static final Set<String> HTTP_CHECK =
      ordered("type", "url", "method", "expectStatus", "timeout", "latencyBudget", "bodyMatch");
  private static final Set<String> TCP_CHECK = ordered("type", "host", "port", "timeout");
  private static final Set<String> DYNAMODB_CHECK = ordered("type", "table", "timeout");
  private static final Set<String> FEATURE =
      ordered("name", "needs", "offAt", "requires", "default");
  private static final Set<String> ROUTE =
      ordered("method", "path", "dependency", "feature", "primary", "fallback");
  private static final Set<String> UPSTREAM = ordered("url", "timeout");
  private static final Set<String> FALLBACKS =
      ordered("cache", "alternative", "static", "degraded", "queue", "readOnly");
  private static final Set<String> CACHE = ordered("maxStaleness", "queryKeys", "public");
  private static final Set<String> CANNED = ordered("status", "headers", "body");
  private static final Set<String> DEGRADED =
      ordered("url", "timeout", "status", "headers", "body");
  private static final Set<String> QUEUE = ordered("maxAttempts");
  private static final Set<String> READ_ONLY = ordered("message");
  private static final Set<String> POLICY = ordered("minDwell", "rules");
  private static final Set<String> RULE = ordered("level", "criticality", "atLeast", "dependency");
  private static final Set<String> CHECK_TYPES = ordered("http", "tcp", "dynamodb");

  /**
   * Far deeper than a catalog goes (about six levels); the YAML composer recurses once per level,
   * so a deeper document would overflow the stack instead of being refused.
   */
  static final int MAX_DEPTH = 64;

  private final Problems problems = new Problems();

  /** The catalog as far as it could be read; {@link #problems()} says what could not. */
  public Optional<Catalog> parse(String yaml) {
    Node root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setSchema(new CoreSchema())
              .setAllowDuplicateKeys(true) // reported with their path by YamlMap instead
              .setMaxAliasesForCollections(50)
              .build();
      Optional<Integer> tooDeep = firstLineTooDeep(settings, yaml);
      if (tooDeep.isPresent()) {
        problems.addAtLine(
            Problem.ROOT,
            tooDeep.get(),
            "lists and mappings are nested more than " + MAX_DEPTH + " deep");
        return Optional.empty();
      }
      Optional<Node> document = new Compose(settings).composeString(yaml);
      if (document.isEmpty()) {
        problems.addAtLine(
            Problem.ROOT,
            0,
            "the catalog is empty; expected a mapping with " + String.join(", ", TOP));
        return Optional.empty();
      }
      root = document.get();
    } catch (MarkedYamlEngineException e) {
      problems.addAtLine(
          Problem.ROOT,
          e.getProblemMark().map(m -> m.getLine() + 1).orElse(0),
          "not valid YAML: " + e.getProblem());
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.addAtLine(Problem.ROOT, 0, "not valid YAML: " + e.getMessage());
      return Optional.empty();
    }
    return YamlMap.of("", root, problems).map(this::catalog);
  }

  /** The line where nesting first goes deeper than {@link #MAX_DEPTH}, if it does. */
  private static Optional<Integer> firstLineTooDeep(LoadSettings settings, String yaml) {
    // The parser is iterative (the composer is not): its events count the depth safely.
    int depth = 0;
    for (Event event : new Parse(settings).parseString(yaml)) {
      switch (event.getEventId()) {
        case SequenceStart, MappingStart -> {
          if (++depth > MAX_DEPTH) {
            return Optional.of(event.getStartMark().map(m -> m.getLine() + 1).orElse(0));
          }
        }
        case SequenceEnd, MappingEnd -> depth--;
        default -> {}
      }
    }
    return Optional.empty();
  }

  public Problems problems() {
    return problems;
  }

  private Catalog catalog(YamlMap top) {
    String app = top.string("app").orElse(null);
    List<Dependency> dependencies = top.list("dependencies", mapped(this::dependency));
    List<Feature> features = top.list("features", mapped(this::feature));
    List<Route> routes = top.list("routes", mapped(this::route));
    Policy policy =
        top.node("policy")
            .flatMap(n -> YamlMap.of("policy", n, problems))
            .map(this::policy)
            .orElse(Policy.DEFAULT);
    top.finish(TOP);
    return new Catalog(app, dependencies, features, routes, policy);
  }

  private <T> java.util.function.BiFunction<String, Node, Optional<T>> mapped(
      Function<YamlMap, T> reader) {
    return (path, node) -> YamlMap.of(path, node, problems).map(reader);
  }

  private Dependency dependency(YamlMap m) {
    String name = m.string("name").orElse(null);
    Criticality criticality =
        m.string("criticality").flatMap(c -> criticality(m.path("criticality"), m, c)).orElse(null);
    HealthCheck check =
        m.node("check")
            .flatMap(n -> YamlMap.of(m.path("check"), n, problems))
            .flatMap(this::check)
            .orElse(null);
    int failure = m.integer("failureThreshold").orElse(Dependency.DEFAULT_FAILURE_THRESHOLD);
    int recovery = m.integer("recoveryThreshold").orElse(Dependency.DEFAULT_RECOVERY_THRESHOLD);
    var interval = m.duration("interval").orElse(Dependency.DEFAULT_INTERVAL);
    m.finish(DEPENDENCY);
    return new Dependency(name, criticality, check, failure, recovery, interval);
  }

  private Optional<Criticality> criticality(String path, YamlMap m, String label) {
    Optional<Criticality> c = Criticality.labelled(label);
    if (c.isEmpty()) {
      problems.at(path, "expected one of critical, important, optional, got \"" + label + "\"");
    }
    return c;
  }

  private Optional<HealthCheck> check(YamlMap m) {
    Optional<String> type = m.string("type");
    if (type.isEmpty() || !CHECK_TYPES.contains(type.get())) {
      problems.at(
          m.path("type"),
          type.map(
                  t ->
                      "unknown check type \""
                          + t
                          + "\""
                          + Suggestions.didYouMean(t, CHECK_TYPES)
                          + "; expected one of http, tcp, dynamodb")
              .orElse("required: the kind of check, one of http, tcp, dynamodb"));
      m.skipRest();
      return Optional.empty();
    }
    var timeout = m.duration("timeout").orElse(HealthCheck.DEFAULT_TIMEOUT);
    return Optional.of(
        switch (type.get()) {
          case "http" -> {
            URI url = m.string("url").flatMap(u -> plainUrl(m.path("url"), u)).orElse(null);
            String method = m.string("method").orElse("GET");
            Set<Integer> expected = new LinkedHashSet<>(m.integers("expectStatus"));
            var budget = m.duration("latencyBudget");
            Optional<Pattern> body =
                m.string("bodyMatch").flatMap(b -> pattern(m.path("bodyMatch"), b));
            m.finish(HTTP_CHECK);
            yield new HealthCheck.Http(url, method, expected, timeout, budget, body);
          }
          case "tcp" -> {
            String host = m.string("host").orElse(null);
            int port = m.integer("port").orElse(0);
            m.finish(TCP_CHECK);
            yield new HealthCheck.Tcp(host, port, timeout);
          }
          default -> {
            String table = m.string("table").orElse(null);
            m.finish(DYNAMODB_CHECK);
            yield new HealthCheck.DynamoDb(table, timeout);
          }
        });
  }

  private Optional<URI> plainUrl(String path, String text) {
    return urlTemplate(path, text)
        .flatMap(
            t -> {
              if (!t.placeholders().isEmpty()) {
                problems.at(path, "a health check URL has no placeholders, got \"" + text + "\"");
                return Optional.empty();
              }
              return Optional.of(t.expand(Map.of(), Map.of()));
            });
  }

  private Optional<Pattern> pattern(String path, String regex) {
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      problems.at(
          path, "not a valid regular expression (" + e.getDescription() + "): \"" + regex + "\"");
      return Optional.empty();
    }
  }

  private Feature feature(YamlMap m) {
    String name = m.string("name").orElse(null);
    List<String> needs = m.strings("needs");
    Optional<Level> offAt = m.string("offAt").flatMap(l -> level(m.path("offAt"), l));
    List<String> requires = m.strings("requires");
    boolean defaultOn = m.bool("default").orElse(true);
    m.finish(FEATURE);
    return new Feature(name, needs, offAt, requires, defaultOn);
  }

  private Optional<Level> level(String path, String name) {
    Optional<Level> level = Level.named(name);
    if (level.isEmpty()) {
      problems.at(
          path,
          "expected one of FULL, REDUCED, MINIMAL, EMERGENCY, got \""
              + name
              + "\""
              + Suggestions.didYouMean(
                  name, Arrays.stream(Level.values()).map(Level::name).toList()));
    }
    return level;
  }

  private Route route(YamlMap m) {
    String method = m.string("method").orElse(null);
    PathTemplate path = m.string("path").flatMap(p -> pathTemplate(m.path("path"), p)).orElse(null);
    String dependency = m.string("dependency").orElse(null);
    Optional<String> feature = m.string("feature");
    Upstream primary =
        m.node("primary")
            .flatMap(n -> YamlMap.of(m.path("primary"), n, problems))
            .map(u -> finished(u, UPSTREAM, upstream(u)))
            .orElse(null);
    List<Fallback> fallback = m.list("fallback", this::fallback);
    m.finish(ROUTE);
    return new Route(method, path, dependency, primary, feature, fallback);
  }

  private Optional<PathTemplate> pathTemplate(String path, String text) {
    try {
      return Optional.of(PathTemplate.parse(text));
    } catch (IllegalArgumentException e) {
      problems.at(path, "not a valid path template: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<UrlTemplate> urlTemplate(String path, String text) {
    try {
      return Optional.of(UrlTemplate.parse(text));
    } catch (IllegalArgumentException e) {
      problems.at(path, "URL " + e.getMessage());
      return Optional.empty();
    }
  }

  private Upstream upstream(YamlMap m) {
    UrlTemplate url = m.string("url").flatMap(u -> urlTemplate(m.path("url"), u)).orElse(null);
    return new Upstream(url, m.duration("timeout").orElse(Upstream.DEFAULT_TIMEOUT));
  }

  /** Reports the keys of {@code m} that reading {@code value} did not use. */
  private static <T> T finished(YamlMap m, Set<String> known, T value) {
    m.finish(known);
    return value;
  }

  /** A fallback step: {@code - cache: {maxStaleness: 5m}}, or just {@code - readOnly}. */
  private Optional<Fallback> fallback(String path, Node node) {
    if (node instanceof ScalarNode s && !YamlMap.isNull(node)) {
      String kind = s.getValue();
      if (!FALLBACKS.contains(kind)) {
        problems.add(path, node, unknownFallback(kind));
        return Optional.empty();
      }
      return fallbackOfKind(kind, Optional.empty());
    }
    Optional<YamlMap> step = YamlMap.of(path, node, problems);
    if (step.isEmpty()) {
      return Optional.empty();
    }
    Set<String> keys = step.get().keys();
    if (keys.size() != 1) {
      problems.add(
          path,
          node,
          "a fallback step names exactly one kind ("
              + String.join(", ", FALLBACKS)
              + "), got "
              + (keys.isEmpty() ? "none" : String.join(", ", keys)));
      return Optional.empty();
    }
    String kind = keys.iterator().next();
    if (!FALLBACKS.contains(kind)) {
      problems.add(step.get().path(kind), node, unknownFallback(kind));
      return Optional.empty();
    }
    Optional<YamlMap> settings =
        step.get().node(kind).flatMap(n -> YamlMap.of(step.get().path(kind), n, problems));
    if (step.get().node(kind).isPresent() && settings.isEmpty()) {
      return Optional.empty();
    }
    return fallbackOfKind(kind, settings);
  }

  private static String unknownFallback(String kind) {
    return "unknown fallback \""
        + kind
        + "\""
        + Suggestions.didYouMean(kind, FALLBACKS)
        + "; expected one of "
        + String.join(", ", FALLBACKS);
  }

  private Optional<Fallback> fallbackOfKind(String kind, Optional<YamlMap> settings) {
    return Optional.of(
        switch (kind) {
          case "cache" ->
              settings
                  .map(this::cache)
                  .orElse(
                      new Fallback.Cache(Fallback.Cache.DEFAULT_MAX_STALENESS, List.of(), false));
          case "alternative" ->
              new Fallback.Alternative(
                  settings
                      .map(m -> finished(m, UPSTREAM, upstream(m)))
                      .orElse(new Upstream(null, Upstream.DEFAULT_TIMEOUT)));
          case "static" ->
              new Fallback.Static(
                  settings
                      .map(m -> finished(m, CANNED, canned(m)))
                      .orElse(new CannedResponse(CannedResponse.DEFAULT_STATUS, Map.of(), null)));
          case "degraded" ->
              settings
                  .map(this::degraded)
                  .orElse(new Fallback.Degraded(Optional.empty(), Optional.empty()));
          case "queue" -> {
            int attempts =
                settings
                    .flatMap(m -> m.integer("maxAttempts"))
                    .orElse(Fallback.Queue.DEFAULT_MAX_ATTEMPTS);
            settings.ifPresent(m -> m.finish(QUEUE));
            yield new Fallback.Queue(attempts);
          }
          default -> {
            String message =
                settings
                    .flatMap(m -> m.string("message"))
                    .orElse(Fallback.ReadOnly.DEFAULT_MESSAGE);
            settings.ifPresent(m -> m.finish(READ_ONLY));
            yield new Fallback.ReadOnly(message);
          }
        });
  }

  private Fallback.Cache cache(YamlMap m) {
    var staleness = m.duration("maxStaleness").orElse(Fallback.Cache.DEFAULT_MAX_STALENESS);
    List<String> queryKeys = m.strings("queryKeys");
    boolean publicCacheable = m.bool("public").orElse(false);
    m.finish(CACHE);
    return new Fallback.Cache(staleness, queryKeys, publicCacheable);
  }

  private CannedResponse canned(YamlMap m) {
    int status = m.integer("status").orElse(CannedResponse.DEFAULT_STATUS);
    return new CannedResponse(status, m.stringMap("headers"), m.string("body").orElse(null));
  }

  private Fallback.Degraded degraded(YamlMap m) {
    boolean calls = m.keys().contains("url");
    Optional<Upstream> upstream = calls ? Optional.of(upstream(m)) : Optional.empty();
    boolean answers =
        m.keys().contains("body") || m.keys().contains("status") || m.keys().contains("headers");
    Optional<CannedResponse> response = answers ? Optional.of(canned(m)) : Optional.empty();
    return finished(m, DEGRADED, new Fallback.Degraded(upstream, response));
  }

  private Policy policy(YamlMap m) {
    var dwell = m.duration("minDwell").orElse(Policy.DEFAULT_MIN_DWELL);
    List<LevelRule> rules =
        m.keys().contains("rules")
            ? m.list("rules", (p, n) -> YamlMap.of(p, n, problems).flatMap(this::rule))
            : Policy.DEFAULT_RULES;
    m.finish(POLICY);
    return new Policy(rules, dwell);
  }

  private Optional<LevelRule> rule(YamlMap m) {
    Level level = m.string("level").flatMap(l -> level(m.path("level"), l)).orElse(null);
    Optional<String> criticality = m.string("criticality");
    Optional<Integer> atLeast = m.integer("atLeast");
    Optional<String> dependency = m.string("dependency");
    m.finish(RULE);
    if (dependency.isPresent() == criticality.isPresent()) {
      problems.at(
          m.path(),
          dependency.isPresent()
              ? "give either criticality (with atLeast) or dependency, not both"
              : "a rule needs either criticality (with atLeast) or dependency");
      return Optional.empty();
    }
    if (dependency.isPresent()) {
      atLeast.ifPresent(
          a ->
              problems.at(
                  m.path("atLeast"),
                  "atLeast counts dependencies of a criticality; a rule on one dependency has none"));
      return Optional.of(new LevelRule.ByDependency(dependency.get(), level));
    }
    return criticality(m.path("criticality"), m, criticality.get())
        .map(c -> new LevelRule.ByCriticality(c, atLeast.orElse(1), level));
  }

  private static Set<String> ordered(String... keys) {
    return Arrays.stream(keys).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
