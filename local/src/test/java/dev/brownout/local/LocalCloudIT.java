package dev.brownout.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's main command end to end: {@code ./brownout up} from the project's root, exactly as a
 * user runs it, then every route of the example through the local API, the status endpoint, a
 * dependency broken with {@code ./brownout fault} and the level leaving FULL with product pages
 * answered from the cache, the dependency mended and the level coming back, and {@code ./brownout
 * down} leaving no process and no port behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCloudIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();
  private static final URI API = URI.create("http://localhost:3000");
  private static final URI EDGE = URI.create("http://localhost:4566");
  private static final List<Integer> PORTS = List.of(4566, 3000, 8081, 8082, 8083, 8084, 8085);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path LOG = Path.of("target", "local-cloud-it.log").toAbsolutePath();

  private static Process up;
  private static Instant upStarted;
  private static final List<Long> pidsOfTheCloud = new ArrayList<>();

  @BeforeAll
  static void up() throws Exception {
    for (int port : PORTS) {
      assertThat(free(port))
          .as("port %d must be free for the local cloud (is one running? ./brownout down)", port)
          .isTrue();
    }
    Files.createDirectories(LOG.getParent());
    upStarted = Instant.now();
    up =
        new ProcessBuilder(ROOT.resolve("brownout").toString(), "up")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile())
            .start();
    awaitLog(line -> line.contains("brownout | ready in"), Duration.ofMinutes(5));
  }

  @AfterAll
  static void down() throws Exception {
    if (up != null && up.isAlive()) {
      run(Duration.ofMinutes(1), ROOT.resolve("brownout").toString(), "down");
      up.destroyForcibly();
    }
  }

  @Test
  @Order(1)
  void upServesEveryRouteOfTheExampleFromItsPrimaryWithTheContractHeaders() throws Exception {
    Duration toFirstAnswer = Duration.between(upStarted, Instant.now());
    HttpResponse<String> product = get(API.resolve("/products/1"));
    System.out.println("up: first answer " + toFirstAnswer.toSeconds() + " s after ./brownout up");

    assertThat(product.statusCode()).isEqualTo(200);
    assertThat(product.headers().firstValue("X-Served-From")).contains("primary");
    assertThat(product.headers().firstValue("X-Degradation-Level")).contains("FULL");
    assertThat(JSON.readTree(product.body()).path("id").asText()).isEqualTo("1");

    HttpResponse<String> price = get(API.resolve("/products/1/price"));
    assertThat(price.statusCode()).isEqualTo(200);
    assertThat(price.headers().firstValue("X-Served-From")).contains("primary");
    assertThat(JSON.readTree(price.body()).path("productId").asText()).isEqualTo("1");

    HttpResponse<String> recommendations = get(API.resolve("/recommendations/ada"));
    assertThat(recommendations.statusCode()).isEqualTo(200);
    assertThat(recommendations.headers().firstValue("X-Served-From")).contains("primary");

    HttpResponse<String> order =
        HTTP.send(
            HttpRequest.newBuilder(API.resolve("/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "it-order-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"1\",\"quantity\":2}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(order.statusCode()).isEqualTo(201);
    assertThat(order.headers().firstValue("X-Served-From")).contains("primary");

    // API Gateway's own answer for a path the API does not have
    HttpResponse<String> unknown = get(API.resolve("/no/such/path"));
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.body()).contains("Missing Authentication Token");
  }

  @Test
  @Order(2)
  void theStatusEndpointAndLocalStacksAddressAnswerToo() throws Exception {
    HttpResponse<String> status = get(API.resolve("/_brownout/status"));

    assertThat(status.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(status.body());
    assertThat(body.path("app").asText()).isEqualTo("shop");
    assertThat(body.path("level").asText()).isEqualTo("FULL");
    assertThat(body.path("dependencies").findValuesAsText("name"))
        .contains("product-db", "catalog-service", "pricing", "orders", "recommendations");

    JsonNode health = JSON.readTree(get(EDGE.resolve("/_brownout/health")).body());
    assertThat(health.path("functions").findValuesAsText("name")).hasSize(4);
    assertThat(health.path("schedules").findValuesAsText("expression"))
        .containsOnly("rate(1 minute)");
    String apiId = health.path("api").fieldNames().next();
    String localStackUrl = health.path("api").path(apiId).path("localStackUrl").asText();
    HttpResponse<String> viaEdge = get(URI.create(localStackUrl + "products/2"));
    assertThat(viaEdge.statusCode()).isEqualTo(200);
    assertThat(viaEdge.headers().firstValue("X-Served-From")).contains("primary");
  }

  @Test
  @Order(3)
  void aSecondUpWhileOneRunsSaysSoAndFails() throws Exception {
    Result second = run(Duration.ofMinutes(3), ROOT.resolve("brownout").toString(), "up");

    assertThat(second.status()).isNotZero();
    assertThat(second.output()).contains("already running");
  }

  @Test
  @Order(4)
  void aDependencyBrokenWithFaultTakesTheLevelOffFullAndProductsComeFromTheCache()
      throws Exception {
    Result fault =
        run(
            Duration.ofSeconds(30),
            ROOT.resolve("brownout").toString(),
            "fault",
            "catalog-service",
            "down");
    assertThat(fault.status()).isZero();
    assertThat(fault.output()).contains("\"fault\":\"down\"");

    // answered at once from the cache the first call filled, while the health checks notice
    HttpResponse<String> product = get(API.resolve("/products/1"));
    assertThat(product.statusCode()).isEqualTo(200);
    assertThat(product.headers().firstValue("X-Served-From")).contains("cache");
    assertThat(product.headers().firstValue("Age")).isPresent();
    assertThat(JSON.readTree(product.body()).path("id").asText()).isEqualTo("1");

    // one scheduled health-check run (within a minute of deploy) and three failed checks 5 s apart
    JsonNode status =
        awaitStatus(s -> !s.path("level").asText().equals("FULL"), Duration.ofMinutes(4));
    assertThat(status.path("level").asText()).isEqualTo("REDUCED");
    JsonNode catalog = dependency(status, "catalog-service");
    assertThat(catalog.path("healthy").asBoolean()).isFalse();
    assertThat(catalog.path("lastError").asText()).isNotEmpty();
    assertThat(get(API.resolve("/products/3")).headers().firstValue("X-Degradation-Level"))
        .contains("REDUCED");
    awaitLog(
        line -> line.startsWith("NOTICE |") && line.contains("FULL -> REDUCED"),
        Duration.ofMinutes(1));
  }

  @Test
  @Order(5)
  void theMendedDependencyBringsTheLevelBackToFull() throws Exception {
    Result fault =
        run(
            Duration.ofSeconds(30),
            ROOT.resolve("brownout").toString(),
            "fault",
            "catalog-service",
            "up");
    assertThat(fault.status()).isZero();

    // two successful checks, then the minimum dwell (2 minutes) since the level went down
    JsonNode status =
        awaitStatus(s -> s.path("level").asText().equals("FULL"), Duration.ofMinutes(5));
    assertThat(dependency(status, "catalog-service").path("healthy").asBoolean()).isTrue();
    HttpResponse<String> product = get(API.resolve("/products/1"));
    assertThat(product.headers().firstValue("X-Served-From")).contains("primary");

    JsonNode health = JSON.readTree(get(EDGE.resolve("/_brownout/health")).body());
    assertThat(health.path("metrics").path("published").asLong()).isPositive();
  }

  @Test
  @Order(6)
  void downStopsEveryProcessAndFreesEveryPort() throws Exception {
    JsonNode state = JSON.readTree(ROOT.resolve(".brownout/local/state.json").toFile());
    pidsOfTheCloud.add(state.path("up").path("pid").asLong());
    state.path("processes").forEach(p -> pidsOfTheCloud.add(p.path("pid").asLong()));
    assertThat(pidsOfTheCloud).hasSizeGreaterThanOrEqualTo(3); // up, moto, the functions' JVMs

    Result down = run(Duration.ofMinutes(1), ROOT.resolve("brownout").toString(), "down");

    assertThat(down.status()).isZero();
    assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (long pid : pidsOfTheCloud) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process %d of the local cloud", pid)
          .isFalse();
    }
    for (int port : PORTS) {
      assertThat(free(port)).as("port %d after down", port).isTrue();
    }
    assertThat(ROOT.resolve(".brownout/local/state.json")).doesNotExist();
    // nothing of this project's local cloud: its moto, and function JVMs running in its packages
    Path work = ROOT.resolve(".brownout/local");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info().commandLine().orElse("").contains(work + "/moto/moto_launcher.py")
                            || workingDirectory(p).startsWith(work))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
        .isEmpty();
  }

  private static Path workingDirectory(ProcessHandle process) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Path.of("/nonexistent");
    }
  }

  private static JsonNode dependency(JsonNode status, String name) {
    for (JsonNode d : status.path("dependencies")) {
      if (d.path("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no dependency " + name + " in " + status);
  }

  private static JsonNode awaitStatus(Predicate<JsonNode> wanted, Duration within)
      throws Exception {
    Instant deadline = Instant.now().plus(within);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = get(API.resolve("/_brownout/status"));
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (wanted.test(last)) {
          return last;
        }
      }
      Thread.sleep(2000);
    }
    throw new AssertionError("the status did not get there within " + within + "; last: " + last);
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitLog(Predicate<String> line, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(LOG)
          && Files.readAllLines(LOG, StandardCharsets.UTF_8).stream().anyMatch(line)) {
        return;
      }
      if (!up.isAlive()) {
        throw new AssertionError("./brownout up ended (status " + up.exitValue() + "); see " + LOG);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not seen in the output within " + within + "; see " + LOG);
  }

  private record Result(int status, String output) {}

  private static Result run(Duration within, String... command) throws Exception {
    Path output = Files.createTempFile("brownout-command", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within " + within);
      }
      return new Result(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
