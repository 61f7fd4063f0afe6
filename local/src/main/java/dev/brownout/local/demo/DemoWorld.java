package dev.brownout.local.demo;

import dev.brownout.core.catalog.Catalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The upstream world a catalog names, running on this machine so that degradation can be seen: a
 * small HTTP service on 127.0.0.1 for each dependency the demo knows (see {@link DemoPlan} for how
 * the catalog's URLs become services), the catalog's DynamoDB tables created and seeded, and a
 * fault switch on each ({@link #faults()}, or over HTTP through {@link #control()}).
 *
 * <p>A dependency the demo cannot serve is left out and reported on the console, never an error.
 */
public final class DemoWorld implements AutoCloseable {
  private final List<DemoService> services;
  private final Faults faults;
  private final Consumer<Faults.State> reporter;
  private final FaultControl control;
  private final List<String> notes;
  private final AutoCloseable ownedClient;

  private DemoWorld(
      List<DemoService> services,
      Faults faults,
      Consumer<Faults.State> reporter,
      List<String> notes,
      AutoCloseable ownedClient) {
    this.services = services;
    this.faults = faults;
    this.reporter = reporter;
    this.control = new FaultControl(faults);
    this.notes = notes;
    this.ownedClient = ownedClient;
  }

  /**
   * Creates and seeds the catalog's tables, then starts every demo service, all healthy.
   *
   * @param dynamo the client the tables are created with (moto's, not the edge's); not closed here
   * @param console receives one line per service, table, note and fault change
   * @throws IllegalStateException naming the port and the dependency if a port is already in use;
   *     nothing is left listening then
   * @throws software.amazon.awssdk.core.exception.SdkException if a table cannot be created or
   *     seeded; nothing is listening yet then
   */
  public static DemoWorld start(Catalog catalog, DynamoDbClient dynamo, Consumer<String> console) {
    return start(catalog, dynamo, console, null);
  }

  /**
   * As {@link #start(Catalog, DynamoDbClient, Consumer)}, with a DynamoDB client of its own for
   * {@code dynamoEndpoint} (region us-east-1, any credentials), closed when the world is.
   */
  public static DemoWorld start(Catalog catalog, URI dynamoEndpoint, Consumer<String> console) {
    DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(dynamoEndpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    try {
      return start(catalog, dynamo, console, dynamo);
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
  }

  private static DemoWorld start(
      Catalog catalog, DynamoDbClient dynamo, Consumer<String> console, AutoCloseable owned) {
    DemoPlan plan = DemoPlan.of(catalog);
    plan.notes().forEach(n -> console.accept("demo: note: " + n));
    for (DemoPlan.Table table : plan.tables()) {
      console.accept(
          "demo: "
              + table.name()
              + ": "
              + DemoTable.ensure(dynamo, table.table())
              + "; slow = "
              + table.slowBy().toMillis()
              + " ms");
    }
    Shop shop = new Shop();
    List<DemoService> services = new ArrayList<>();
    try {
      for (DemoPlan.Service s : plan.services()) {
        DemoService service = new DemoService(s, new Router(s, shop));
        services.add(service);
        service.bind();
        console.accept(
            "demo: "
                + s.name()
                + " on "
                + s.address()
                + " answers "
                + String.join(", ", s.healthPaths())
                + (s.endpoints().isEmpty() ? "" : ", ")
                + String.join(", ", s.endpoints().stream().map(Object::toString).toList())
                + "; slow = "
                + s.slowBy().toMillis()
                + " ms");
      }
    } catch (RuntimeException e) {
      services.forEach(DemoService::close);
      throw e;
    }
    Consumer<Faults.State> reporter =
        state ->
            console.accept(
                "demo: "
                    + state.name()
                    + " is now "
                    + state.fault()
                    + " ("
                    + state.address()
                    + ")");
    Faults faults =
        new Faults(switchesInCatalogOrder(catalog, plan, services), tables(plan), reporter);
    return new DemoWorld(List.copyOf(services), faults, reporter, plan.notes(), owned);
  }

  /**
   * The fault switches of the catalog's DynamoDB tables alone: no service, nothing created. For
   * testing what consults {@link Faults#tableFault}.
   */
  public static Faults tableFaults(Catalog catalog) {
    DemoPlan plan = DemoPlan.of(catalog);
    return new Faults(
        plan.tables().stream().map(DemoWorld::tableSwitch).toList(), tables(plan), s -> {});
  }

  private static List<FaultSwitch> switchesInCatalogOrder(
      Catalog catalog, DemoPlan plan, List<DemoService> services) {
    List<FaultSwitch> switches = new ArrayList<>();
    catalog
        .dependencies()
        .forEach(
            d -> {
              plan.tables().stream()
                  .filter(t -> t.name().equals(d.name()))
                  .forEach(t -> switches.add(tableSwitch(t)));
              services.stream()
                  .filter(s -> s.plan().dependency().equals(d.name()))
                  .forEach(s -> switches.add(s.faultSwitch()));
            });
    return switches;
  }

  private static FaultSwitch tableSwitch(DemoPlan.Table t) {
    return new FaultSwitch(
        t.name(), t.name(), t.address(), t.slowBy(), FaultSwitch.Transition.NONE);
  }

  private static Map<String, String> tables(DemoPlan plan) {
    Map<String, String> tables = new LinkedHashMap<>();
    plan.tables().forEach(t -> tables.put(t.table(), t.name()));
    return tables;
  }

  /** Every target's fault switch, by name. */
  public Faults faults() {
    return faults;
  }

  /** The HTTP handler for {@code /_brownout/faults} over {@link #faults()}. */
  public FaultControl control() {
    return control;
  }

  /**
   * The demo's switches and {@code more} (such as {@link AwsFaults}') as one set, each change
   * reported on the console as the demo's own are.
   */
  public Faults with(Faults more) {
    return Faults.joined(faults, more, reporter);
  }

  /** What the demo left out of the catalog or shares, one sentence each. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Closes every socket of every service (listening and open), stops requests waiting out a slow
   * fault, and closes the DynamoDB client if the world made it. Afterwards no port of the demo is
   * bound, and switching a service up again fails.
   */
  @Override
  public void close() {
    services.forEach(DemoService::close);
    if (ownedClient != null) {
      try {
        ownedClient.close();
      } catch (Exception e) {
        // Closing a client releases resources only; nothing left to do about it.
      }
    }
  }
}
