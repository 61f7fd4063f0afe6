package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.edge.Edge;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import dev.brownout.local.testing.TestMoto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API served on a port of its own and at LocalStack's address, with a fake Lambda. */
class ApiFrontIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:shop-api";
  private static final String URI_OF_FUNCTION =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION + "/invocations";

  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private volatile String answer =
      "{\"statusCode\":200,\"headers\":{\"X-Served-From\":\"primary\"},\"body\":\"{\\\"id\\\":\\\"42\\\"}\"}";
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean fail;
  private ApiFront front;
  private Edge edge;
  private final HttpClient http = HttpClient.newHttpClient();

  private final Invoker invoker =
      new Invoker() {
        @Override
        public InvokeResult invoke(String function, byte[] payload) {
          try {
            events.add(JSON.readTree(payload));
            Thread.sleep(delay);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return fail
              ? InvokeResult.unhandled(
                  "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8))
              : InvokeResult.success(answer.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void invokeAsync(String function, byte[] payload) {
          throw new UnsupportedOperationException();
        }
      };

  @BeforeEach
  void start() {
    ApiMethod get =
        new ApiMethod("GET", "AWS_PROXY", "POST", URI_OF_FUNCTION, Duration.ofMillis(500));
    RestApiModel api =
        new RestApiModel(
            "a1b2c3",
            "shop",
            "123456789012",
            "prod",
            "dep1",
            List.of("*/*"),
            List.of(
                new ApiResource("root", "/", Map.of()),
                new ApiResource("p", "/products", Map.of()),
                new ApiResource("id", "/products/{id}", Map.of("GET", get))));
    front = new ApiFront(List.of(api), TestMoto.freePort(), invoker, Clock.systemUTC(), line -> {});
    edge =
        Edge.start(
            TestMoto.freePort(), URI.create("http://127.0.0.1:9"), invoker, name -> {}, line -> {});
    edge.route(front.localStackRoute());
  }

  @AfterEach
  void stop() {
    front.close();
    edge.close();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String api() {
    return "http://localhost:" + front.port();
  }

  @Test
  void aRouteOfTheApiReachesItsFunctionAsAProxyEventAndTheAnswerComesBack() throws Exception {
    HttpResponse<String> response = get(api() + "/products/42?lang=en");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"id\":\"42\"}");
    assertThat(response.headers().firstValue("X-Served-From")).contains("primary");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    JsonNode event = events.get(0);
    assertThat(event.path("resource").asText()).isEqualTo("/products/{id}");
    assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
    assertThat(event.path("queryStringParameters").path("lang").asText()).isEqualTo("en");
    assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("prod");
    assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/prod/products/42");
  }

  @Test
  void aPathOrMethodTheApiDoesNotHaveIsApiGatewaysMissingAuthenticationToken() throws Exception {
    HttpResponse<String> unknown = get(api() + "/orders");
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(URI.create(api() + "/products/42")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.body()).contains("Missing Authentication Token");
    assertThat(wrongMethod.statusCode()).isEqualTo(403);
    assertThat(events).isEmpty();
  }

  @Test
  void aFunctionSlowerThanTheIntegrationTimeoutGets504() throws Exception {
    delay = Duration.ofSeconds(2);

    HttpResponse<String> response = get(api() + "/products/42");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).contains("Endpoint request timed out");
  }

  @Test
  void aFailedFunctionOrAMalformedAnswerGets502() throws Exception {
    fail = true;
    HttpResponse<String> failed = get(api() + "/products/42");
    fail = false;
    answer = "[\"not\", \"an\", \"object\"]";
    HttpResponse<String> malformed = get(api() + "/products/42");

    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(failed.body()).contains("Internal server error");
    assertThat(malformed.statusCode()).isEqualTo(502);
  }

  @Test
  void anAnswerHttpCannotCarryIsApiGateways502NotABrokenConnection() throws Exception {
    answer =
        "{\"statusCode\":200,\"headers\":{\"X-A\":\"a\\r\\nSet-Cookie: stolen=1\"},\"body\":\"x\"}";
    HttpResponse<String> injected = get(api() + "/products/42");
    answer = "{\"statusCode\":101,\"body\":\"\"}";
    HttpResponse<String> informational = get(api() + "/products/42");

    assertThat(injected.statusCode()).isEqualTo(502);
    assertThat(injected.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(informational.statusCode()).isEqualTo(502);
  }

  @Test
  void aBodyOverApiGatewaysTenMegabytesIsRefusedBeforeTheFunction() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api() + "/products/42"))
                .method(
                    "GET", HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(events).isEmpty();
  }

  @Test
  void aPageOfAnotherSiteCannotCallTheApiThroughTheBrowser() throws Exception {
    HttpResponse<String> foreign =
        http.send(
            HttpRequest.newBuilder(URI.create(api() + "/products/42"))
                .header("Origin", "https://attacker.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> localFrontEnd =
        http.send(
            HttpRequest.newBuilder(URI.create(api() + "/products/42"))
                .header("Origin", "http://localhost:5173")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(localFrontEnd.statusCode()).isEqualTo(200);
    assertThat(events).hasSize(1);
  }

  @Test
  void localStacksAddressServesTheSameApiAndRefusesAnotherStage() throws Exception {
    String base = "http://localhost:" + edge.port() + "/restapis/a1b2c3/";

    HttpResponse<String> served = get(base + "prod/_user_request_/products/7");
    HttpResponse<String> otherStage = get(base + "dev/_user_request_/products/7");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(events.get(0).path("path").asText()).isEqualTo("/products/7");
    assertThat(otherStage.statusCode()).isEqualTo(404);
    assertThat(otherStage.body()).contains("no REST API a1b2c3 with a stage dev");
  }
}
