package dev.brownout.functions.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.replay.QueuedMessages;
import dev.brownout.functions.testing.LambdaContext;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The API function end to end: proxy events in, WireMock as the primary and alternative upstreams,
 * DynamoDB and SSM in moto; the clock is the test's, so staleness and the breaker's wait are exact.
 */
class ApiHandlerIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final WireMockServer UPSTREAM = new WireMockServer(options().dynamicPort());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final SsmClient ssm = AwsClients.ssm(Optional.of(MOTO.endpoint()));
  private final MutableClock clock = new MutableClock(T0);
  private final SqsClient sqs = AwsClients.sqs(Optional.of(MOTO.endpoint()));
  private StatusTable statusTable;
  private String queueUrl;
  private String credentialsKey;
  private ApiHandler handler;
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
    statusTable = StatusTable.create(dynamoDb, "shop-status");
    dynamoDb.createTable(
        t ->
            t.tableName("shop-cache")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
    queueUrl = sqs.createQueue(q -> q.queueName("shop-replay")).queueUrl();
    credentialsKey =
        AwsClients.kms(Optional.of(MOTO.endpoint())).createKey(k -> {}).keyMetadata().arn();
    handler = handler("shop-status");
  }

  private ApiHandler handler(String statusTable) throws IOException {
    Path catalog = dir.resolve("shop.yaml");
    Files.writeString(catalog, dev.brownout.functions.testing.ShopCatalog.yaml(UPSTREAM.baseUrl()));
    return new ApiHandler(
        new ApiSettings(
            catalog.toString(),
            statusTable,
            "shop-cache",
            Optional.of(queueUrl),
            Optional.of(credentialsKey),
            Duration.ofSeconds(30),
            Optional.of(MOTO.endpoint())),
        clock,
        Duration.ofSeconds(10));
  }

  private static APIGatewayProxyRequestEvent request(String path) {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("../events/api/get-product.json");
    event.setPath(path);
    event.setQueryStringParameters(null);
    event.setMultiValueQueryStringParameters(null);
    return event;
  }

  private APIGatewayProxyResponseEvent send(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, LambdaContext.of("api"));
  }

  private static JsonNode json(APIGatewayProxyResponseEvent response) throws IOException {
    return JSON.readTree(response.getBody());
  }

  @Test
  void healthyPrimaryAnswersAndItsAnswerIsCached() throws IOException {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/42"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Cache-Control", "max-age=60")
                    .withBody("{\"id\":\"42\",\"name\":\"Lamp\"}")));

    APIGatewayProxyResponseEvent response =
        send(EventLoader.loadApiGatewayRestEvent("../events/api/get-product.json"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders())
        .containsEntry("X-Served-From", "primary")
        .containsEntry("X-Degradation-Level", "FULL");
    assertThat(json(response).path("name").asText()).isEqualTo("Lamp");
    UPSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/products/42"))
            .withQueryParam("lang", com.github.tomakehurst.wiremock.client.WireMock.equalTo("en")));
    Map<String, AttributeValue> cached =
        dynamoDb
            .getItem(
                g ->
                    g.tableName("shop-cache")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("GET /products/{id} id=42 ?lang=en"))))
            .item();
    assertThat(cached.get("status").n()).isEqualTo("200");
    assertThat(cached.get("freshFor").n()).isEqualTo("60");
    assertThat(Long.parseLong(cached.get("ttl").n()))
        .isEqualTo(T0.plus(Duration.ofMinutes(10)).getEpochSecond());
  }

  @Test
  void failingPrimaryIsAnsweredFromTheCacheWithAgeAndAStaleWarningOnceStale() throws IOException {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/7"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Cache-Control", "max-age=60")
                    .withBody("{\"id\":\"7\"}")));
    send(request("/products/7"));
    UPSTREAM.stubFor(get(urlPathEqualTo("/products/7")).willReturn(aResponse().withStatus(503)));

    clock.advance(Duration.ofSeconds(30));
    APIGatewayProxyResponseEvent fresh = send(request("/products/7"));
    clock.advance(Duration.ofSeconds(90));
    APIGatewayProxyResponseEvent stale = send(request("/products/7"));

    assertThat(fresh.getHeaders())
        .containsEntry("X-Served-From", "cache")
        .containsEntry("Age", "30")
        .doesNotContainKey("Warning");
    assertThat(json(fresh).path("id").asText()).isEqualTo("7");
    assertThat(stale.getHeaders())
        .containsEntry("Age", "120")
        .containsEntry("Warning", "110 - \"Response is Stale\"");
  }

  @Test
  void cachedAnswerOlderThanMaxStalenessIsNotServed() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/8"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    send(request("/products/8"));
    UPSTREAM.stubFor(get(urlPathEqualTo("/products/8")).willReturn(aResponse().withStatus(503)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/8"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"from\":\"alt\"}")));

    clock.advance(Duration.ofMinutes(11));

    assertThat(send(request("/products/8")).getHeaders())
        .containsEntry("X-Served-From", "alternative");
  }

  @Test
  void errorsCookiesAndAuthorizedAnswersAreNeverCached() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/1"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Set-Cookie", "session=abc")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/3"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    APIGatewayProxyRequestEvent authorized = request("/products/3");
    authorized.setMultiValueHeaders(
        Map.of("Accept", List.of("application/json"), "Authorization", List.of("Bearer secret")));

    assertThat(send(request("/products/1")).getStatusCode()).isEqualTo(404);
    assertThat(send(request("/products/2")).getHeaders())
        .containsEntry("set-cookie", "session=abc");
    assertThat(send(authorized).getStatusCode()).isEqualTo(200);

    assertThat(dynamoDb.scan(s -> s.tableName("shop-cache")).items()).isEmpty();
  }

  @Test
  void garbageFromThePrimaryIsAFailureAndIsNotCached() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/5"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\": 5, trunc")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/5"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    APIGatewayProxyResponseEvent response = send(request("/products/5"));

    assertThat(response.getHeaders()).containsEntry("X-Served-From", "static");
    assertThat(response.getBody()).isEqualTo("{\"available\":false}");
    assertThat(dynamoDb.scan(s -> s.tableName("shop-cache")).items()).isEmpty();
  }

  @Test
  void primaryAndFallbacksTogetherStayWithinTheTimeTheFunctionHasLeft() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/31"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/31"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    // 1.3 s left: a budget of 0.3 s, which cuts the primary's 0.5 s timeout and leaves nothing
    // for the alternative's.
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(request("/products/31"), new LambdaContext("r-31", "api", 1_300));

    assertThat(response.getHeaders()).containsEntry("X-Served-From", "static");
    assertThat(UPSTREAM.findAll(getRequestedFor(urlPathEqualTo("/alt/products/31")))).isEmpty();
  }

  @Test
  void hangingPrimaryWithNothingCachedFallsToTheAlternative() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/9"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/9"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"from\":\"alt\"}")));

    APIGatewayProxyResponseEvent response = send(request("/products/9"));

    assertThat(response.getHeaders()).containsEntry("X-Served-From", "alternative");
    assertThat(response.getBody()).isEqualTo("{\"from\":\"alt\"}");
  }

  @Test
  void breakerOpensAfterFailuresAnswersWithoutCallingThePrimaryThenProbesAfterItsWait() {
    UPSTREAM.stubFor(get(urlPathEqualTo("/products/11")).willReturn(aResponse().withStatus(503)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/11")).willReturn(aResponse().withStatus(503)));
    for (int i = 0; i < 5; i++) {
      send(request("/products/11"));
    }
    int primaryCalls = UPSTREAM.findAll(getRequestedFor(urlPathEqualTo("/products/11"))).size();

    APIGatewayProxyResponseEvent whileOpen = send(request("/products/11"));

    assertThat(primaryCalls).isEqualTo(5);
    assertThat(UPSTREAM.findAll(getRequestedFor(urlPathEqualTo("/products/11")))).hasSize(5);
    assertThat(whileOpen.getHeaders()).containsEntry("X-Served-From", "static");

    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/11"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    clock.advance(Duration.ofSeconds(11));
    APIGatewayProxyResponseEvent probe = send(request("/products/11"));

    assertThat(probe.getHeaders()).containsEntry("X-Served-From", "primary");
    assertThat(UPSTREAM.findAll(getRequestedFor(urlPathEqualTo("/products/11")))).hasSize(6);
  }

  @Test
  void switchedOffFeatureSkipsThePrimaryAndFillsTheDegradedBody() throws IOException {
    ssm.putParameter(
        p -> p.name("/brownout/shop/flags/live-prices").value("off").type(ParameterType.STRING));
    ssm.putParameter(
        p -> p.name("/brownout/shop/level").value("REDUCED").type(ParameterType.STRING));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/prices/42")).willReturn(aResponse().withStatus(200).withBody("{}")));

    APIGatewayProxyResponseEvent response = send(request("/products/42/price"));

    assertThat(response.getHeaders())
        .containsEntry("X-Served-From", "degraded")
        .containsEntry("X-Degradation-Level", "REDUCED");
    assertThat(json(response).path("productId").asText()).isEqualTo("42");
    assertThat(UPSTREAM.findAll(getRequestedFor(urlPathEqualTo("/prices/42")))).isEmpty();
  }

  @Test
  void degradedCallAnswersWhenThePrimaryFails() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/reco"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/reco/popular"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"items\":[1]}")));

    APIGatewayProxyResponseEvent response = send(request("/recommendations/u1"));

    assertThat(response.getHeaders()).containsEntry("X-Served-From", "degraded");
    assertThat(response.getBody()).isEqualTo("{\"items\":[1]}");
  }

  @Test
  void writeWithTheDependencyDownIsQueuedUnderItsIdempotencyKey() throws IOException {
    UPSTREAM.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(503)));

    APIGatewayProxyResponseEvent response =
        send(EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json"));

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(response.getHeaders())
        .containsEntry("X-Served-From", "queue")
        .containsEntry("Idempotency-Key", "order-7f3a9c");
    assertThat(json(response).path("status").asText()).isEqualTo("queued");
    List<Message> queued =
        sqs.receiveMessage(
                r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
            .messages();
    assertThat(queued).hasSize(1);
    QueuedRequest request = QueuedMessages.read(queued.get(0).body()).request();
    assertThat(request.route()).isEqualTo("POST /orders");
    assertThat(request.url().toString()).isEqualTo(UPSTREAM.baseUrl() + "/orders");
    assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"productId\":\"42\",\"quantity\":1}");
    assertThat(queued.get(0).messageAttributes().get("IdempotencyKey").stringValue())
        .isEqualTo("order-7f3a9c");
    UPSTREAM.verify(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/orders"))
            .withHeader(
                "Idempotency-Key",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("order-7f3a9c")));
  }

  @Test
  void aClientsAcceptCannotOpenTheBreakerForEveryone() {
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/3"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"3\"}")));
    APIGatewayProxyRequestEvent png = request("/products/3");
    png.setHeaders(Map.of("Accept", "image/png"));
    png.setMultiValueHeaders(null);

    for (int i = 0; i < 10; i++) {
      assertThat(send(png).getHeaders()).containsEntry("X-Served-From", "primary");
    }
    APIGatewayProxyResponseEvent everyone = send(request("/products/3"));

    assertThat(everyone.getHeaders()).containsEntry("X-Served-From", "primary");
    UPSTREAM.verify(11, getRequestedFor(urlPathEqualTo("/products/3")));
  }

  @Test
  void aWriteAppliedWhileTheClientAcceptsOnlyTextIsAnsweredNotQueuedToBeAppliedAgain() {
    UPSTREAM.stubFor(
        post(urlPathEqualTo("/orders"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("Created")));
    APIGatewayProxyRequestEvent order =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    order.setHeaders(
        Map.of(
            "Accept", "text/plain", "Content-Type", "application/json", "Idempotency-Key", "o-1"));
    order.setMultiValueHeaders(null);

    APIGatewayProxyResponseEvent response = send(order);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("X-Served-From", "primary");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages())
        .isEmpty();
    UPSTREAM.verify(
        1,
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
            urlPathEqualTo("/orders")));
  }

  @Test
  void aQueuedWriteKeepsTheClientsCredentialSealedNeverInClearInTheQueue() {
    UPSTREAM.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(503)));
    APIGatewayProxyRequestEvent order =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    order.setHeaders(
        Map.of("Authorization", "Bearer s3cret-token-7f3a", "Idempotency-Key", "order-7f3a9c"));
    order.setMultiValueHeaders(
        Map.of(
            "Authorization",
            List.of("Bearer s3cret-token-7f3a"),
            "Idempotency-Key",
            List.of("order-7f3a9c")));

    assertThat(send(order).getStatusCode()).isEqualTo(202);

    String body =
        sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
            .messages()
            .get(0)
            .body();
    assertThat(body).doesNotContain("s3cret-token-7f3a").contains("\"credentials\"");
    QueuedMessages.QueuedMessage queued = QueuedMessages.read(body);
    assertThat(queued.request().headers()).doesNotContainKey("authorization");
    assertThat(queued.credentials()).isPresent();
  }

  @Test
  void writeWithTheDependencyDownIsRefusedClearlyAsReadOnly() throws IOException {
    UPSTREAM.stubFor(post(urlPathEqualTo("/reviews")).willReturn(aResponse().withStatus(503)));
    APIGatewayProxyRequestEvent review =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    review.setPath("/reviews");

    APIGatewayProxyResponseEvent response = send(review);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "application/problem+json")
        .containsEntry("Retry-After", "10")
        .containsEntry("X-Served-From", "degraded");
    assertThat(json(response).path("type").asText()).isEqualTo("urn:brownout:problem:read-only");
  }

  @Test
  void whenEveryFallbackFailsTheAnswerIs503ProblemNamingTheRouteAndWhy() throws IOException {
    UPSTREAM.stubFor(get(urlPathEqualTo("/reco")).willReturn(aResponse().withStatus(500)));
    UPSTREAM.stubFor(get(urlPathEqualTo("/reco/popular")).willReturn(aResponse().withStatus(502)));

    APIGatewayProxyResponseEvent response = send(request("/recommendations/u2"));

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Retry-After", "10")
        .containsEntry("X-Served-From", "degraded");
    JsonNode problem = json(response);
    assertThat(problem.path("route").asText()).isEqualTo("GET /recommendations/{user}");
    assertThat(problem.path("detail").asText())
        .contains("the primary answered 500")
        .contains("the degraded call answered 502");
  }

  @Test
  void unknownRoutesAndMethodsAreProblems() throws IOException {
    APIGatewayProxyResponseEvent unknown = send(request("/nothing/here"));
    APIGatewayProxyRequestEvent delete = request("/products/1");
    delete.setHttpMethod("DELETE");
    APIGatewayProxyResponseEvent wrongMethod = send(delete);

    assertThat(unknown.getStatusCode()).isEqualTo(404);
    assertThat(unknown.getHeaders())
        .containsEntry("Content-Type", "application/problem+json")
        .containsKey("X-Degradation-Level");
    assertThat(json(unknown).path("status").asInt()).isEqualTo(404);
    assertThat(wrongMethod.getStatusCode()).isEqualTo(405);
    assertThat(wrongMethod.getHeaders()).containsEntry("Allow", "GET");
  }

  @Test
  void oversizedAndMalformedRequestsAreRefusedBeforeAnyCall() {
    APIGatewayProxyRequestEvent big =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    big.setBody("{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}");
    APIGatewayProxyRequestEvent longHeader = request("/products/1");
    longHeader.setMultiValueHeaders(Map.of("X-Junk", List.of("j".repeat(9000))));
    APIGatewayProxyRequestEvent malformed =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    malformed.setBody("{\"productId\": ");
    APIGatewayProxyRequestEvent dots = request("/products/..");

    assertThat(send(big).getStatusCode()).isEqualTo(413);
    assertThat(send(longHeader).getStatusCode()).isEqualTo(431);
    assertThat(send(malformed).getStatusCode()).isEqualTo(400);
    assertThat(send(dots).getStatusCode()).isEqualTo(400);
    assertThat(UPSTREAM.getAllServeEvents()).isEmpty();
  }

  @Test
  void pathParametersAreEncodedIntoTheUpstreamUrlAndNeverChangeItsHostOrPath() {
    UPSTREAM.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));

    send(request("/products/a%3F..%23admin%3Fx=1@evil.example+%25"));
    APIGatewayProxyResponseEvent slash = send(request("/products/a%2F..%2Fadmin"));

    assertThat(UPSTREAM.getAllServeEvents()).hasSize(1);
    assertThat(UPSTREAM.getAllServeEvents().get(0).getRequest().getUrl())
        .isEqualTo("/products/a%3F..%23admin%3Fx%3D1%40evil.example%2B%25");
    assertThat(slash.getStatusCode()).isEqualTo(400);
  }

  @Test
  void statusEndpointReportsLevelDependenciesFlagsAndOverride() throws IOException {
    ssm.putParameter(
        p -> p.name("/brownout/shop/flags/live-prices").value("off").type(ParameterType.STRING));
    ssm.putParameter(
        p ->
            p.name("/brownout/shop/override")
                .value("{\"level\":\"MINIMAL\"}")
                .type(ParameterType.STRING));
    Map<String, AttributeValue> status = new HashMap<>();
    status.put("pk", AttributeValue.fromS("STATUS"));
    status.put("sk", AttributeValue.fromS("pricing"));
    status.put("healthy", AttributeValue.fromBool(false));
    status.put("consecutiveFailures", AttributeValue.fromN("4"));
    status.put("consecutiveSuccesses", AttributeValue.fromN("0"));
    status.put("lastError", AttributeValue.fromS("status 503, expected 2xx"));
    statusTable.put(status);
    statusTable.put(
        Map.of(
            "pk", AttributeValue.fromS("LEVEL"),
            "sk", AttributeValue.fromS("CURRENT"),
            "level", AttributeValue.fromS("REDUCED"),
            "since", AttributeValue.fromS("2026-11-26T09:58:00Z"),
            "version", AttributeValue.fromN("3"),
            "reasons",
                AttributeValue.fromL(
                    List.of(
                        AttributeValue.fromS(
                            "important dependency pricing is unhealthy -> REDUCED")))));

    APIGatewayProxyResponseEvent response = send(request("/_brownout/status"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("X-Served-From", "primary");
    JsonNode body = json(response);
    assertThat(body.path("since").asText()).isEqualTo("2026-11-26T09:58:00Z");
    assertThat(body.path("reasons").get(0).asText()).contains("pricing");
    JsonNode pricing = body.path("dependencies").get(1);
    assertThat(pricing.path("name").asText()).isEqualTo("pricing");
    assertThat(pricing.path("healthy").asBoolean()).isFalse();
    assertThat(pricing.path("consecutiveFailures").asInt()).isEqualTo(4);
    assertThat(pricing.path("lastError").asText()).isEqualTo("status 503, expected 2xx");
    assertThat(body.path("dependencies").get(0).path("checked").asBoolean()).isFalse();
    assertThat(body.path("features").path("live-prices").asBoolean()).isFalse();
    assertThat(body.path("override").path("level").asText()).isEqualTo("MINIMAL");
  }

  @Test
  void everyAnswerIsLoggedWithItsRouteAndSourceAndCountedInEmf() throws IOException {
    UPSTREAM.stubFor(get(urlPathEqualTo("/products/21")).willReturn(aResponse().withStatus(503)));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/alt/products/21"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    List<JsonNode> lines = new java.util.ArrayList<>();
    try (var out = new dev.brownout.functions.testing.StdoutCapture()) {
      send(request("/products/21"));
      for (String line : out.lines()) {
        if (line.startsWith("{")) {
          lines.add(JSON.readTree(line));
        }
      }
    }

    JsonNode summary =
        lines.stream()
            .filter(l -> l.path("message").asText().startsWith("GET /products/21"))
            .findFirst()
            .orElseThrow();
    assertThat(summary.path("route").asText()).isEqualTo("GET /products/{id}");
    assertThat(summary.path("servedFrom").asText()).isEqualTo("alternative");
    assertThat(summary.path("message").asText())
        .isEqualTo(
            "GET /products/21 answered 200 from alternative because the primary answered 503; nothing cached");
    JsonNode requests = lines.stream().filter(l -> l.has("Requests")).findFirst().orElseThrow();
    assertThat(requests.path("Route").asText()).isEqualTo("GET:/products/{id}");
    assertThat(requests.path("BreakerOpen").asDouble()).isZero();
    assertThat(requests.has("PrimaryLatency")).isTrue();
    assertThat(requests.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
        .isEqualTo("Brownout/shop");
    JsonNode fallback =
        lines.stream().filter(l -> l.has("FallbackServed")).findFirst().orElseThrow();
    assertThat(fallback.path("Source").asText()).isEqualTo("alternative");
    assertThat(fallback.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"Service\"],[\"Source\"]]");
  }

  @Test
  void statusEndpointAnswersEvenWhenTheStatusTableIsUnreachable() throws IOException {
    handler = handler("no-such-table");

    APIGatewayProxyResponseEvent response = send(request("/_brownout/status"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("X-Served-From", "degraded");
    assertThat(json(response).path("statusTable").asText()).startsWith("unreachable");
  }

  @Test
  void statusPageAnswersHtmlWithTheContractHeadersAndShowsTheLevelAndTheAnswersBySource() {
    statusTable.put(
        Map.of(
            "pk", AttributeValue.fromS("LEVEL"),
            "sk", AttributeValue.fromS("CURRENT"),
            "level", AttributeValue.fromS("FULL"),
            "since", AttributeValue.fromS("2026-11-26T09:30:00Z"),
            "version", AttributeValue.fromN("1")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/products/31"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    send(request("/products/31"));

    APIGatewayProxyResponseEvent response = send(request("/_brownout/"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getIsBase64Encoded()).isFalse();
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "text/html; charset=utf-8")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("X-Served-From", "primary")
        .containsEntry("X-Degradation-Level", "FULL");
    Document page = Jsoup.parse(response.getBody());
    assertThat(page.getElementById("level").attr("data-level")).isEqualTo("FULL");
    assertThat(page.select("#since time").attr("datetime")).isEqualTo("2026-11-26T09:30:00Z");
    assertThat(page.select("table#dependencies tbody tr").eachAttr("data-dependency"))
        .containsExactly("catalog-service", "pricing", "orders");
    assertThat(page.select("#answers tr[data-source=primary] td").eachText())
        .containsExactly("primary", "1", "100.0 %", "1", "100.0 %");
    assertThat(page.getElementById("unavailable")).isNull();
  }

  @Test
  void statusPageAnswersEvenWhenTheStatusTableIsUnreachableAndSaysWhatItCannotShow()
      throws IOException {
    handler = handler("no-such-table");

    APIGatewayProxyResponseEvent response = send(request("/_brownout"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders())
        .containsEntry("X-Served-From", "degraded")
        .containsEntry("Content-Type", "text/html; charset=utf-8");
    Document page = Jsoup.parse(response.getBody());
    assertThat(page.select("#unavailable li").eachText())
        .contains(
            "dependency health and the level's reasons (the read failed)",
            "the share of answers by source (the read failed)");
    assertThat(page.getElementById("level").text()).isEqualTo("FULL");
  }
}
