package dev.brownout.local.demo;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the demo runs for a catalog, derived from its checks and routes so that edited ports and
 * paths keep a working demo.
 *
 * <p>The demo knows four HTTP dependencies by name ({@code catalog-service}, {@code pricing},
 * {@code recommendations}, {@code orders}): each becomes one service listening on every local port
 * its check and its routes' primary and degraded URLs name, answering those URLs' paths. A route's
 * alternative on a port of its own becomes a service of its own, {@code <dependency>-alternative}.
 * Every dependency checked as a DynamoDB table becomes a table target, whatever its name. What the
 * demo cannot serve (another dependency name, a host other than localhost or 127.0.0.1, https) is
 * left out with a note saying so; it is never an error.
 *
 * @param notes what was left out or shared, one sentence each, for the console
 */
record DemoPlan(List<Service> services, List<Table> tables, List<String> notes) {

  /** How much later than the longest timeout that uses it a slow target answers. */
  static final Duration SLOW_MARGIN = Duration.ofMillis(500);

  /** The path every demo service answers as healthy, besides its check's path. */
  static final String HEALTH_PATH = "/health";

  DemoPlan {
    services = List.copyOf(services);
    tables = List.copyOf(tables);
    notes = List.copyOf(notes);
  }

  /** One request a service answers. */
  record Endpoint(String method, UrlPattern url, Content content) {
    @Override
    public String toString() {
      return method + " " + url.path();
    }
  }

  /**
   * One demo HTTP service.
   *
   * @param name its fault name
   * @param dependency the catalog dependency it stands for
   * @param ports the 127.0.0.1 ports it listens on, in the catalog's order
   * @param healthPaths the paths it answers {@code {"status":"UP"}} on, for any method
   * @param slowBy how late it answers when slow: the longest check or route timeout that reaches
   *     it, plus {@link #SLOW_MARGIN}
   */
  record Service(
      String name,
      String dependency,
      List<Integer> ports,
      List<String> healthPaths,
      List<Endpoint> endpoints,
      Duration slowBy) {
    Service {
      ports = List.copyOf(ports);
      healthPaths = List.copyOf(healthPaths);
      endpoints = List.copyOf(endpoints);
    }

    String address() {
      return ports.stream().map(p -> "http://127.0.0.1:" + p).collect(Collectors.joining(", "));
    }
  }

  /**
   * One DynamoDB table target.
   *
   * @param name its fault name: the dependency's
   * @param slowBy how late its requests are answered when slow: the check's timeout plus {@link
   *     #SLOW_MARGIN}
   */
  record Table(String name, String table, Duration slowBy) {
    String address() {
      return "dynamodb table " + table;
    }
  }

  private enum Role {
    PRIMARY("primary"),
    DEGRADED("degraded call"),
    ALTERNATIVE("alternative");

    final String label;

    Role(String label) {
      this.label = label;
    }
  }

  private static final Map<String, Map<Role, Content>> KNOWN =
      Map.of(
          "catalog-service",
          Map.of(
              Role.PRIMARY, Content.PRODUCT,
              Role.DEGRADED, Content.PRODUCT_SUMMARY,
              Role.ALTERNATIVE, Content.PRODUCT_SUMMARY),
          "pricing",
          Map.of(
              Role.PRIMARY,
              Content.PRICE,
              Role.DEGRADED,
              Content.PRICE,
              Role.ALTERNATIVE,
              Content.PRICE),
          "recommendations",
          Map.of(
              Role.PRIMARY, Content.RECOMMENDATIONS,
              Role.DEGRADED, Content.POPULAR,
              Role.ALTERNATIVE, Content.RECOMMENDATIONS),
          "orders",
          Map.of(
              Role.PRIMARY, Content.ORDERS,
              Role.DEGRADED, Content.ORDERS,
              Role.ALTERNATIVE, Content.ORDERS));

  static DemoPlan of(Catalog catalog) {
    return new Planner(catalog).plan();
  }

  /** The plan under way: services claim ports in the catalog's order. */
  private static final class Planner {
    private final Catalog catalog;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Map<Integer, Draft> portOwners = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final Map<String, String> tableOwners = new LinkedHashMap<>();
    private final Set<String> tableDependencies = new HashSet<>();
    private final List<String> notes = new ArrayList<>();

    Planner(Catalog catalog) {
      this.catalog = catalog;
    }

    DemoPlan plan() {
      catalog.dependencies().forEach(this::dependency);
      for (Route route : catalog.routes()) {
        if (tableDependencies.contains(route.dependency())) {
          notes.add(
              route.id()
                  + " belongs to "
                  + route.dependency()
                  + ", a DynamoDB table: the demo serves none of its URLs");
        } else if (KNOWN.containsKey(route.dependency())) {
          step(route, Role.PRIMARY, route.primary());
          for (Fallback step : route.fallback()) {
            if (step instanceof Fallback.Degraded d && d.upstream().isPresent()) {
              step(route, Role.DEGRADED, d.upstream().get());
            }
          }
        }
      }
      // Alternatives last, so that a port a dependency names itself is that dependency's.
      for (Route route : catalog.routes()) {
        if (KNOWN.containsKey(route.dependency())) {
          for (Fallback step : route.fallback()) {
            if (step instanceof Fallback.Alternative a) {
              step(route, Role.ALTERNATIVE, a.upstream());
            }
          }
        }
      }
      return new DemoPlan(drafts.values().stream().map(Draft::service).toList(), tables, notes);
    }

    private void dependency(Dependency d) {
      switch (d.check()) {
        case HealthCheck.DynamoDb t -> {
          String owner = tableOwners.putIfAbsent(t.table(), d.name());
          if (owner != null) {
            notes.add(
                d.name()
                    + " checks the table "
                    + t.table()
                    + " as "
                    + owner
                    + " does: the table's faults are "
                    + owner
                    + "'s");
          } else {
            tables.add(new Table(d.name(), t.table(), t.timeout().plus(SLOW_MARGIN)));
          }
          tableDependencies.add(d.name());
        }
        case HealthCheck.Http h when KNOWN.containsKey(d.name()) -> {
          UrlPattern url = UrlPattern.parse(h.url().toString());
          String what = d.name() + "'s check " + url;
          if (servable(url, what)) {
            Draft owner = claim(d.name(), url.port(), what);
            owner.healthPaths.add(url.path());
            owner.longest(h.timeout());
          }
        }
        case HealthCheck.Tcp t when KNOWN.containsKey(d.name()) -> {
          String what = d.name() + "'s check tcp " + t.host() + ":" + t.port();
          if (t.host().equalsIgnoreCase("localhost") || t.host().equals("127.0.0.1")) {
            claim(d.name(), t.port(), what).longest(t.timeout());
          } else {
            notes.add(what + " is not on localhost (the demo listens on 127.0.0.1): not served");
          }
        }
        default ->
            notes.add(
                "the demo has no service for the dependency "
                    + d.name()
                    + " (it has catalog-service, pricing, recommendations, orders and DynamoDB"
                    + " tables): its checks will fail and its routes fall back");
      }
    }

    private void step(Route route, Role role, Upstream upstream) {
      UrlPattern url = UrlPattern.parse(upstream.url().toString());
      String what = route.id() + "'s " + role.label + " " + url;
      if (!servable(url, what)) {
        return;
      }
      Draft owner;
      if (role == Role.ALTERNATIVE) {
        owner = portOwners.get(url.port());
        if (owner == null) {
          owner = draft(unique(route.dependency() + "-alternative"), route.dependency());
          owner.ports.add(url.port());
          portOwners.put(url.port(), owner);
        } else if (owner.dependency.equals(route.dependency())) {
          notes.add(
              what + " is on a port of " + owner.name + " itself: it fails whenever that does");
        } else {
          shared(what, url.port(), owner);
        }
      } else {
        owner = claim(route.dependency(), url.port(), what);
      }
      owner.endpoint(new Endpoint(route.method(), url, KNOWN.get(route.dependency()).get(role)));
      owner.longest(upstream.timeout());
    }

    private boolean servable(UrlPattern url, String what) {
      if (!url.scheme().equals("http")) {
        notes.add(what + " is " + url.scheme() + " (the demo serves plain http only): not served");
        return false;
      }
      if (!url.isLocal()) {
        notes.add(what + " is not on localhost (the demo listens on 127.0.0.1): not served");
        return false;
      }
      return true;
    }

    /** The service listening on {@code port}: the dependency's own, unless another has it. */
    private Draft claim(String dependency, int port, String what) {
      Draft owner = portOwners.get(port);
      if (owner != null && !owner.name.equals(dependency)) {
        shared(what, port, owner);
        return owner;
      }
      Draft draft = draft(dependency, dependency);
      if (owner == null) {
        draft.ports.add(port);
        portOwners.put(port, draft);
      }
      return draft;
    }

    private void shared(String what, int port, Draft owner) {
      notes.add(
          what
              + " is on port "
              + port
              + ", which the demo serves as "
              + owner.name
              + ": served there, under "
              + owner.name
              + "'s faults");
    }

    private Draft draft(String name, String dependency) {
      return drafts.computeIfAbsent(name, n -> new Draft(n, dependency));
    }

    private String unique(String name) {
      Set<String> taken = new HashSet<>(drafts.keySet());
      catalog.dependencies().forEach(d -> taken.add(d.name()));
      String candidate = name;
      for (int i = 2; taken.contains(candidate); i++) {
        candidate = name + "-" + i;
      }
      return candidate;
    }
  }

  private static final class Draft {
    final String name;
    final String dependency;
    final Set<Integer> ports = new LinkedHashSet<>();
    final Set<String> healthPaths = new LinkedHashSet<>(List.of(HEALTH_PATH));
    final List<Endpoint> endpoints = new ArrayList<>();
    Duration longest = Duration.ZERO;

    Draft(String name, String dependency) {
      this.name = name;
      this.dependency = dependency;
    }

    Draft longest(Duration timeout) {
      if (timeout.compareTo(longest) > 0) {
        longest = timeout;
      }
      return this;
    }

    void endpoint(Endpoint e) {
      boolean known =
          endpoints.stream()
              .anyMatch(
                  x -> x.method().equals(e.method()) && x.url().path().equals(e.url().path()));
      if (!known) {
        endpoints.add(e);
      }
    }

    Service service() {
      return new Service(
          name,
          dependency,
          List.copyOf(ports),
          List.copyOf(healthPaths),
          endpoints,
          longest.plus(SLOW_MARGIN));
    }
  }
}
