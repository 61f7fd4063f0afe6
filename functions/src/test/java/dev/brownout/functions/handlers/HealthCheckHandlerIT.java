package dev.brownout.functions.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.health.HealthRun;
import dev.brownout.functions.testing.LambdaContext;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import dev.brownout.functions.testing.StdoutCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The health-check function end to end: the handler invoked with the sample events, real HTTP and
 * TCP upstreams, DynamoDB and Step Functions in moto.
 */
class HealthCheckHandlerIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final WireMockServer UPSTREAM = new WireMockServer(options().dynamicPort());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEDULED = "../events/health-check/scheduled-event.json";

  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final SfnClient stepFunctions = AwsClients.stepFunctions(Optional.of(MOTO.endpoint()));
  private StatusTable table;
  private String stateMachineArn;
  private ServerSocket orders;
  @TempDir Path dir;

  @BeforeAll
  static void startUpstream() {
    UPSTREAM.start();
  }

  @AfterAll
  static void stopUpstream() {
    UPSTREAM.stop();
  }

  @BeforeEach
  void world() throws IOException {
    MOTO.reset();
    UPSTREAM.resetAll();
    table = StatusTable.create(dynamoDb, "shop-status");
    StatusTable.create(dynamoDb, "shop-products");
    stateMachineArn =
        stepFunctions
            .createStateMachine(
                s ->
                    s.name("shop-degradation")
                        .roleArn("arn:aws:iam::123456789012:role/workflow")
                        .definition(
                            "{\"StartAt\":\"Evaluate\",\"States\":{\"Evaluate\":{\"Type\":\"Pass\",\"End\":true}}}"))
            .stateMachineArn();
    orders = new ServerSocket(0);
    UPSTREAM.stubFor(
        get("/inventory/health")
            .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}")));
    UPSTREAM.stubFor(
        get("/pricing/health").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
  }

  @AfterEach
  void closeOrders() throws IOException {
    orders.close();
  }

  /** Four dependencies checked every second for 2.5s: three rounds each. */
  private HealthCheckHandler handler(String table) throws IOException {
    Path catalog = dir.resolve("brownout.yaml");
    Files.writeString(
        catalog,
        """
        app: shop
        dependencies:
          - name: inventory
            criticality: important
            check: {type: http, url: "%1$s/inventory/health", timeout: 500ms, bodyMatch: '"UP"'}
            interval: 1s
            failureThreshold: 2
            recoveryThreshold: 1
          - name: pricing
            criticality: important
            check: {type: http, url: "%1$s/pricing/health", timeout: 500ms}
            interval: 1s
            failureThreshold: 2
          - name: orders
            criticality: important
            check: {type: tcp, host: 127.0.0.1, port: %2$d, timeout: 500ms}
            interval: 1s
          - name: product-db
            criticality: critical
            check: {type: dynamodb, table: shop-products, timeout: 500ms}
            interval: 1s
        """
            .formatted(UPSTREAM.baseUrl(), orders.getLocalPort()));
    return new HealthCheckHandler(
        new HealthCheckSettings(
            catalog.toString(),
            table,
            Optional.of(stateMachineArn),
            Duration.ofDays(7),
            Duration.ofMillis(2500),
            Optional.of(MOTO.endpoint())),
        Clock.systemUTC());
  }

  @ParameterizedTest
  @Event(value = SCHEDULED, type = ScheduledEvent.class)
  void scheduledEventChecksEveryDependencyAtItsIntervalAndRecordsEachCheck(ScheduledEvent event)
      throws IOException {
    HealthCheckHandler handler = handler("shop-status");
    Instant start = Instant.now();

    HealthRun run = handler.handleRequest(event, LambdaContext.of("health-check"));

    Duration took = Duration.between(start, Instant.now());
    assertThat(run.run()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
    assertThat(run.checks()).isEqualTo(12);
    assertThat(run.failed()).isEqualTo(3);
    assertThat(run.flips()).containsExactly("pricing: healthy->unhealthy");
    assertThat(run.storeErrors()).isEmpty();
    // The hanging pricing service delayed nobody: three rounds a second apart, then done.
    assertThat(took).isLessThan(Duration.ofMillis(2500 + 1500));

    assertThat(table.status("inventory").get("consecutiveSuccesses").n()).isEqualTo("3");
    assertThat(table.status("orders").get("healthy").bool()).isTrue();
    assertThat(table.status("product-db").get("healthy").bool()).isTrue();
    Map<String, AttributeValue> pricing = table.status("pricing");
    assertThat(pricing.get("healthy").bool()).isFalse();
    assertThat(pricing.get("consecutiveFailures").n()).isEqualTo("3");
    assertThat(pricing.get("lastError").s()).isEqualTo("timed out after 500ms");
    assertThat(pricing.get("lastFlip").s()).isEqualTo("healthy->unhealthy");

    List<Map<String, AttributeValue>> inventoryChecks = table.history("inventory");
    assertThat(inventoryChecks)
        .extracting(h -> h.get("sk").s())
        .containsExactly(
            "2015-10-08T16:53:06Z#53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa#inventory#0",
            "2015-10-08T16:53:07Z#53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa#inventory#1",
            "2015-10-08T16:53:08Z#53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa#inventory#2");
    List<Instant> checkedAt = new ArrayList<>();
    inventoryChecks.forEach(h -> checkedAt.add(Instant.parse(h.get("checkedAt").s())));
    assertThat(Duration.between(checkedAt.get(0), checkedAt.get(2)))
        .isBetween(Duration.ofMillis(1900), Duration.ofMillis(2600));

    List<ExecutionListItem> executions =
        stepFunctions.listExecutions(l -> l.stateMachineArn(stateMachineArn)).executions();
    assertThat(executions).hasSize(1);
    assertThat(executions.get(0).name()).contains("pricing");
  }

  @ParameterizedTest
  @Event(value = SCHEDULED, type = ScheduledEvent.class)
  void aRedeliveredEventIsRecognisedAndCountsNothingTwice(ScheduledEvent event) throws IOException {
    HealthCheckHandler handler = handler("shop-status");
    handler.handleRequest(event, LambdaContext.of("health-check"));

    HealthRun again = handler.handleRequest(event, LambdaContext.of("health-check"));

    assertThat(again.duplicates()).isEqualTo(12);
    assertThat(again.flips()).isEmpty();
    assertThat(table.status("inventory").get("consecutiveSuccesses").n()).isEqualTo("3");
    assertThat(table.status("pricing").get("consecutiveFailures").n()).isEqualTo("3");
    assertThat(table.history("pricing")).hasSize(3);
    assertThat(stepFunctions.listExecutions(l -> l.stateMachineArn(stateMachineArn)).executions())
        .hasSize(1);
  }

  @ParameterizedTest
  @Event(value = SCHEDULED, type = ScheduledEvent.class)
  void aDependencyThatDiesIsUnhealthyWithinItsThresholdTimesItsInterval(ScheduledEvent event)
      throws IOException {
    UPSTREAM.stubFor(get("/inventory/health").willReturn(aResponse().withStatus(503)));
    HealthCheckHandler handler = handler("shop-status");
    Instant start = Instant.now();

    handler.handleRequest(event, LambdaContext.of("health-check"));

    Instant unhealthySince = Instant.parse(table.status("inventory").get("lastChange").s());
    // failureThreshold 2 x interval 1s: the second check, one interval after the first.
    assertThat(Duration.between(start, unhealthySince)).isLessThan(Duration.ofMillis(2 * 1000));
    assertThat(table.status("inventory").get("lastError").s())
        .isEqualTo("status 503, expected 2xx");
  }

  @ParameterizedTest
  @Event(value = "../events/health-check/not-a-scheduled-event.json", type = ScheduledEvent.class)
  void anEventThatIsNotAScheduleStillChecksUnderTheRequestId(ScheduledEvent event)
      throws IOException {
    HealthCheckHandler handler = handler("shop-status");
    var context = LambdaContext.of("health-check");

    HealthRun run = handler.handleRequest(event, context);

    assertThat(run.run()).isEqualTo(context.getAwsRequestId());
    assertThat(run.checks()).isEqualTo(12);
    assertThat(table.history("orders")).hasSize(3);
  }

  @ParameterizedTest
  @Event(value = SCHEDULED, type = ScheduledEvent.class)
  void aStatusTableThatCannotBeWrittenFailsTheInvocationSoLambdaRetries(ScheduledEvent event)
      throws IOException {
    HealthCheckHandler handler = handler("no-such-table");

    assertThatThrownBy(() -> handler.handleRequest(event, LambdaContext.of("health-check")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("12 checks could not be recorded")
        .hasMessageContaining("no-such-table");
  }

  @ParameterizedTest
  @Event(value = SCHEDULED, type = ScheduledEvent.class)
  void everyCheckLogsJsonWithItsDependencyAndEmitsEmfMetrics(ScheduledEvent event)
      throws IOException {
    HealthCheckHandler handler = handler("shop-status");
    List<JsonNode> lines = new ArrayList<>();
    try (StdoutCapture out = new StdoutCapture()) {
      handler.handleRequest(event, LambdaContext.of("health-check"));
      for (String line : out.lines()) {
        if (line.startsWith("{")) {
          lines.add(JSON.readTree(line));
        }
      }
    }

    assertThat(lines)
        .filteredOn(l -> l.path("message").asText().startsWith("Check failed"))
        .allSatisfy(
            l -> {
              assertThat(l.path("dependency").asText()).isEqualTo("pricing");
              assertThat(l.path("function_name").asText()).isEqualTo("health-check");
              assertThat(l.path("level").asText()).isEqualTo("WARN");
            })
        .hasSize(3);
    List<JsonNode> emf = lines.stream().filter(l -> l.has("_aws")).toList();
    assertThat(emf).hasSize(12);
    JsonNode pricing =
        emf.stream()
            .filter(l -> "pricing".equals(l.path("Dependency").asText()))
            .findFirst()
            .orElseThrow();
    JsonNode directive = pricing.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("Brownout/shop");
    assertThat(directive.path("Dimensions").toString())
        .isEqualTo("[[\"Service\"],[\"Dependency\"]]");
    assertThat(pricing.path("Service").asText()).isEqualTo("health-check");
    assertThat(directive.path("Metrics").findValuesAsText("Name"))
        .containsExactlyInAnyOrder("DependencyHealthy", "CheckLatency", "CheckFailures");
    assertThat(pricing.path("CheckFailures").asDouble()).isEqualTo(1.0);
  }
}
