package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.local.testing.TestMoto;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * The demo world on real sockets and moto, built from a catalog of the shop's shape on free ports
 * with short timeouts (checks 300 ms, routes 200 ms: slow means 800 ms for the catalog service).
 */
class DemoWorldIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> console = new ArrayList<>();
  private DynamoDbClient dynamo;
  private int catalogPort;
  private int pricingPort;
  private int ordersPort;
  private int recsPort;
  private int altPort;
  private String table;
  private Catalog catalog;
  private DemoWorld world;

  @BeforeEach
  void setUp() {
    dynamo = TestMoto.aws().dynamoDb();
    catalogPort = TestMoto.freePort();
    pricingPort = TestMoto.freePort();
    ordersPort = TestMoto.freePort();
    recsPort = TestMoto.freePort();
    altPort = TestMoto.freePort();
    table = "it-products-" + System.nanoTime();
    catalog = Catalogs.small(table, catalogPort, pricingPort, ordersPort, recsPort, altPort);
  }

  @AfterEach
  void tearDown() {
    if (world != null) {
      world.close();
    }
  }

  private DemoWorld start() {
    world = DemoWorld.start(catalog, dynamo, console::add);
    return world;
  }

  private List<Integer> ports() {
    return List.of(catalogPort, pricingPort, ordersPort, recsPort, altPort);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return get(port, path, Duration.ofSeconds(5));
  }

  private HttpResponse<String> get(int port, String path, Duration timeout) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(timeout)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean refused(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theCatalogsServicesAnswerOnItsPortsAndTheTableIsCreatedAndSeeded() throws Exception {
    start();

    HttpResponse<String> health = get(catalogPort, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).containsPattern("\"status\"\\s*:\\s*\"UP\"");
    JsonNode product = JSON.readTree(get(catalogPort, "/products/2").body());
    assertThat(product.get("name").asText()).isEqualTo("Burr grinder");
    assertThat(product.has("description")).isTrue();
    JsonNode lite = JSON.readTree(get(altPort, "/products/2").body());
    assertThat(lite.get("name").asText()).isEqualTo("Burr grinder");
    assertThat(lite.has("description")).isFalse();
    assertThat(get(pricingPort, "/prices/2").statusCode()).isEqualTo(200);
    assertThat(
            JSON.readTree(get(recsPort, "/recommendations?user=ann&limit=3").body()).get("items"))
        .hasSize(3);
    assertThat(get(recsPort, "/recommendations/popular?limit=5").statusCode()).isEqualTo(200);
    HttpResponse<String> missing = get(pricingPort, "/nowhere");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).contains("application/json");

    var description = dynamo.describeTable(b -> b.tableName(table)).table();
    assertThat(description.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(description.billingModeSummary().billingMode())
        .isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(dynamo.scan(b -> b.tableName(table)).count()).isEqualTo(5);
    assertThat(console).anyMatch(l -> l.contains(table + " created"));
    assertThat(console)
        .anyMatch(l -> l.contains("catalog-service on http://127.0.0.1:" + catalogPort));
  }

  @Test
  void startingAgainOnAnExistingTableKeepsItAndItsProducts() {
    start().close();
    world = DemoWorld.start(catalog, TestMoto.endpoint(), console::add);
    assertThat(dynamo.scan(b -> b.tableName(table)).count()).isEqualTo(5);
    assertThat(console).anyMatch(l -> l.contains(table + " already there"));
  }

  @Test
  void downRefusesConnectionsUntilUpServesAgain() throws Exception {
    start();
    assertThat(get(catalogPort, "/health").statusCode()).isEqualTo(200);

    world.faults().set("catalog-service", Fault.DOWN);
    assertThat(refused(catalogPort)).isTrue();
    assertThatThrownBy(() -> get(catalogPort, "/health")).isInstanceOf(ConnectException.class);
    assertThat(get(altPort, "/products/1").statusCode())
        .as("the alternative is a service of its own")
        .isEqualTo(200);

    world.faults().set("catalog-service", Fault.UP);
    assertThat(refused(catalogPort)).isFalse();
    assertThat(get(catalogPort, "/products/1").statusCode()).isEqualTo(200);

    world.faults().set("orders", Fault.DOWN);
    assertThat(refused(ordersPort)).as("the tcp check's port").isTrue();
    assertThat(console).contains("demo: orders is now down (http://127.0.0.1:" + ordersPort + ")");
  }

  @Test
  void slowAnswersOnlyAfterTheLongestTimeoutAndTheMargin() throws Exception {
    start();
    world.faults().set("catalog-service", Fault.SLOW);
    // 300 ms check timeout + 500 ms margin.
    assertThat(world.faults().state("catalog-service").orElseThrow().slowBy())
        .isEqualTo(Duration.ofMillis(800));

    assertThatThrownBy(() -> get(catalogPort, "/health", Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    long started = System.nanoTime();
    HttpResponse<String> late = get(catalogPort, "/products/1");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800));

    world.faults().set("catalog-service", Fault.UP);
    started = System.nanoTime();
    assertThat(get(catalogPort, "/health").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
  }

  @Test
  void errorAnswers503WithJsonOnEveryPathHealthIncluded() throws Exception {
    start();
    world.faults().set("pricing", Fault.ERROR);
    for (String path : List.of("/health", "/prices/1", "/nowhere")) {
      HttpResponse<String> r = get(pricingPort, path);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(r.body()).get("fault").asText()).isEqualTo("error");
    }
    assertThat(get(catalogPort, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void flakyFailsExactlyEveryOtherRequestHealthIncluded() throws Exception {
    start();
    world.faults().set("recommendations", Fault.FLAKY);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(get(recsPort, i % 2 == 0 ? "/health" : "/recommendations?user=u").statusCode());
      statuses.add(get(recsPort, "/recommendations/popular").statusCode());
    }
    assertThat(statuses)
        .containsExactly(503, 200, 503, 200, 503, 200, 503, 200, 503, 200, 503, 200);
  }

  @Test
  void ordersArePlacedOncePerIdempotencyKeyOverHttp() throws Exception {
    start();
    HttpRequest order =
        HttpRequest.newBuilder(URI.create("http://localhost:" + ordersPort + "/orders"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "it-1")
            .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"1\"}]}"))
            .build();
    HttpResponse<String> first = http.send(order, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again = http.send(order, HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + ordersPort + "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{oops"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void theControlHandlerSwitchesRealSocketsAndTheTablesFault() throws Exception {
    start();
    FaultControl.Answer down =
        world.control().handle("POST", "/_brownout/faults/catalog-service-alternative", "down");
    assertThat(down.status()).isEqualTo(200);
    assertThat(refused(altPort)).isTrue();
    assertThat(
            world
                .control()
                .handle("POST", "/_brownout/faults/product-db", "{\"fault\":\"flaky\"}")
                .status())
        .isEqualTo(200);
    assertThat(world.faults().tableFault(table)).contains(new Disruption.Fail());
    assertThat(world.faults().tableFault(table)).isEmpty();
    JsonNode all = JSON.readTree(world.control().handle("GET", "/_brownout/faults", null).body());
    assertThat(all.get("faults").findValuesAsText("name"))
        .containsExactly(
            "product-db",
            "catalog-service",
            "catalog-service-alternative",
            "pricing",
            "orders",
            "recommendations");
    assertThat(all.get("faults").findValuesAsText("fault"))
        .containsExactly("flaky", "up", "down", "up", "up", "up");
  }

  @Test
  void aTakenPortIsAClearErrorNamingItAndLeavesNothingListening() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", recsPort));
      assertThatThrownBy(this::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot listen on port "
                  + recsPort
                  + " of 127.0.0.1 for the demo's recommendations: the port is already in use;"
                  + " stop what holds it or change the port in the catalog");
    }
    for (int port : ports()) {
      assertThat(bindable(port)).as("port %d", port).isTrue();
    }
  }

  @Test
  void upAfterDownFailsClearlyWhenThePortWasTakenMeanwhile() throws Exception {
    start();
    world.faults().set("pricing", Fault.DOWN);
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", pricingPort));
      FaultControl.Answer answer =
          world.control().handle("POST", "/_brownout/faults/pricing", "up");
      assertThat(answer.status()).isEqualTo(409);
      assertThat(answer.body()).contains("port " + pricingPort, "pricing", "already in use");
    }
    assertThat(world.faults().state("pricing").orElseThrow().fault()).isEqualTo(Fault.DOWN);
  }

  @Test
  void closeFreesEveryPortEvenWithADownServiceAndASlowRequestInFlight() throws Exception {
    start();
    world.faults().set("pricing", Fault.DOWN);
    world.faults().set("catalog-service", Fault.SLOW);
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://localhost:" + catalogPort + "/products/1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(100); // let it reach the service

    long started = System.nanoTime();
    world.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    for (int port : ports()) {
      assertThat(refused(port)).as("port %d refuses", port).isTrue();
      assertThat(bindable(port)).as("port %d is free", port).isTrue();
    }
    assertThat(inFlight).failsWithin(Duration.ofSeconds(2));
    assertThatThrownBy(() -> world.faults().set("pricing", Fault.UP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    world = null;
  }
}
