package dev.brownout.functions.api;

import static dev.brownout.functions.api.ApiWorld.post;
import static dev.brownout.functions.api.ApiWorld.request;
import static dev.brownout.functions.api.ApiWorld.text;
import static dev.brownout.functions.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.serving.ServedFrom;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request path end to end with in-memory ports: which source answers, and what it costs. */
class ApiServiceTest {
  private final ApiWorld world = new ApiWorld();

  @Test
  void aHealthyPrimaryAnswersAndItsAnswerIsCached() {
    world.upstream.answers("/products/42", 200, "application/json", "{\"id\":\"42\"}");

    ApiResponse response = world.get("/products/42");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("X-Served-From", "primary")
        .containsEntry("X-Degradation-Level", "FULL");
    assertThat(world.cache.entries()).containsOnlyKeys("GET /products/{id} id=42");
    assertThat(world.observed)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.route()).contains("GET:/products/{id}");
              assertThat(o.primaryLatency()).isPresent();
              assertThat(o.breakerOpen()).isFalse();
            });
  }

  @Test
  void aFailingPrimaryIsAnsweredFromTheCacheWithAge() {
    world.upstream.answers("/products/42", 200, "application/json", "{\"id\":\"42\"}");
    world.get("/products/42");
    world.upstream.fails("/products/42", "connection to catalog.internal:8080 refused");
    world.clock.advance(Duration.ofSeconds(90));

    ApiResponse response = world.get("/products/42");

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.CACHE);
    assertThat(response.headers()).containsEntry("Age", "90");
    assertThat(text(response)).isEqualTo("{\"id\":\"42\"}");
  }

  @Test
  void anOpenBreakerSendsRequestsToTheChainWithoutAskingThePrimary() {
    world.upstream.fails("/products/1", "timed out after 500ms");
    world.upstream.fails("/alt/products/1", "connection refused");
    for (int i = 0; i < Breakers.MINIMUM_CALLS; i++) {
      world.get("/products/1");
    }
    long callsBefore = world.upstream.callsTo("/products/1");

    ApiResponse response = world.get("/products/1");

    assertThat(world.upstream.callsTo("/products/1")).isEqualTo(callsBefore);
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.STATIC);
    assertThat(world.observed.getLast().breakerOpen()).isTrue();
  }

  @Test
  void aClientsAcceptNeverCountsAgainstTheBreaker() {
    world.upstream.answers("/products/1", 200, "application/json", "{\"id\":\"1\"}");
    for (int i = 0; i < 2 * Breakers.MINIMUM_CALLS; i++) {
      ApiResponse answer =
          world.send(request("GET", "/products/1", Map.of(), Map.of("accept", "image/png"), ""));
      assertThat(answer.servedFrom()).isEqualTo(ServedFrom.PRIMARY);
    }

    CircuitBreaker breaker = world.breakers.of(world.catalog.routes().getFirst());
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    assertThat(world.get("/products/1").servedFrom()).isEqualTo(ServedFrom.PRIMARY);
  }

  @Test
  void aWriteTheCallerDoesNotAcceptTheAnswerOfIsPassedOnNotQueuedAgain() {
    world.upstream.answers("/orders", 201, "application/json", "{\"order\":\"o-1\"}");

    ApiResponse response =
        world.send(
            post(
                "/orders",
                Map.of("accept", "text/plain", "content-type", "application/json"),
                "{\"sku\":\"lamp\"}"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.PRIMARY);
    assertThat(world.queue.queued()).isEmpty();
  }

  @Test
  void aWriteAnsweredBelow500IsAppliedAndNeverQueued() {
    world.upstream.answers("/orders", 409, "application/problem+json", "{\"title\":\"dup\"}");

    ApiResponse response = world.send(post("/orders", Map.of(), "{\"sku\":\"lamp\"}"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(world.queue.queued()).isEmpty();
  }

  @Test
  void aWriteThePrimaryCannotTakeIsQueuedUnderItsIdempotencyKey() {
    world.upstream.answers("/orders", 503, "text/plain", "busy");

    ApiResponse response =
        world.send(
            post(
                "/orders",
                Map.of("idempotency-key", "order-7", "authorization", "Bearer t"),
                "{\"sku\":\"lamp\"}"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.headers()).containsEntry("Idempotency-Key", "order-7");
    assertThat(world.queue.queued())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.idempotencyKey()).isEqualTo("order-7");
              assertThat(q.url().toString()).isEqualTo(ApiWorld.UP + "/orders");
              assertThat(q.route()).isEqualTo("POST /orders");
            });
  }

  @Test
  void anExceptionAfterTheBreakerRecordedASuccessRecordsNoSecondOutcome() {
    world.upstream.answers("/products/1", 200, "application/json", "{\"id\":\"1\"}");
    world.cache.failWrites();

    ApiResponse response = world.get("/products/1");

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.PRIMARY);
    assertThat(world.cache.puts()).isEqualTo(1);
    CircuitBreaker.Metrics metrics =
        world.breakers.of(world.catalog.routes().getFirst()).getMetrics();
    assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
    assertThat(metrics.getNumberOfFailedCalls()).isZero();
  }

  @Test
  void theUnavailableProblemNamesNoInternalHostPortOrSdkText() {
    world.upstream.fails("/recommendations-none", "x");
    world.upstream.fails("/reco", "connection to catalog.internal:8080 refused");
    world.upstream.on(
        "/reco/popular",
        call -> {
          throw new dev.brownout.core.ports.UpstreamClient.UpstreamFailure(
              "TLS handshake with catalog.internal:8443 failed: arn:aws:iam::123456789012:role/x");
        });

    ApiResponse response = world.get("/recommendations/alice");

    assertThat(response.status()).isEqualTo(503);
    assertThat(text(response))
        .contains("the primary failed", "the degraded call failed")
        .doesNotContain("catalog.internal", "8080", "8443", "123456789012", "arn:aws");
  }

  @Test
  void aQueueFailureIsAGeneric503WithoutTheQueuesOwnWords() {
    world.upstream.answers("/orders", 503, "text/plain", "busy");
    world.queue.refuse(
        dev.brownout.core.ports.RequestQueue.QueueFailure.Kind.UNAVAILABLE,
        "SQS: User: arn:aws:sts::123456789012:assumed-role/api is not authorized (Service: Sqs)");

    ApiResponse response = world.send(post("/orders", Map.of(), "{}"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(text(response))
        .contains("the queue did not take the write")
        .doesNotContain("arn:aws", "123456789012", "Service: Sqs");
  }

  @Test
  void upstreamHeadersThatDescribeTheInsideReachNeitherTheClientNorTheCache() {
    world.upstream.on(
        "/products/1",
        call ->
            answer(
                200,
                Map.of(
                    "content-type", "application/json",
                    "location", "http://catalog.internal:8080/products/1",
                    "via", "1.1 internal-proxy",
                    "x-powered-by", "Express",
                    "server", "nginx/1.2",
                    "etag", "\"v1\""),
                "{}"));

    ApiResponse response = world.get("/products/1");

    assertThat(response.headers())
        .containsEntry("etag", "\"v1\"")
        .doesNotContainKeys("location", "via", "x-powered-by", "server");
    assertThat(world.cache.entries().values())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.headers())
                    .containsKey("etag")
                    .doesNotContainKeys("location", "via", "x-powered-by", "server"));
  }

  @Test
  void aFeatureThatIsOffSendsItsRouteToTheChainWithoutCallingThePrimary() {
    world.flags(
        new dev.brownout.core.serving.FlagSnapshot(
            dev.brownout.core.Level.REDUCED,
            Map.of("live-prices", false),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            List.of()));

    ApiResponse response = world.get("/products/7/price");

    assertThat(world.upstream.calls()).isEmpty();
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.DEGRADED);
    assertThat(response.headers()).containsEntry("X-Degradation-Level", "REDUCED");
    assertThat(text(response)).isEqualTo("{\"productId\":\"7\",\"price\":null}");
  }

  @Test
  void aRefusedRequestCallsNothingAndIsObservedWithoutAPrimaryLatency() {
    ApiResponse response = world.send(post("/orders", Map.of(), "{nope"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(world.upstream.calls()).isEmpty();
    assertThat(world.observed.getLast().primaryLatency()).isEmpty();
    assertThat(world.observed.getLast().route()).contains("POST:/orders");
  }

  @Test
  void aClientWhoseRequestsMakeThePrimaryFailWith500CannotOpenTheBreakerForEveryone() {
    world.upstream.on(
        "/products/1",
        call ->
            call.url().getQuery() != null && call.url().getQuery().contains("debug")
                ? answer(500, Map.of(), "boom")
                : answer(200, Map.of("content-type", "application/json"), "{\"id\":\"1\"}"));
    world.upstream.fails("/alt/products/1", "refused");
    for (int i = 0; i < 4 * Breakers.MINIMUM_CALLS; i++) {
      world.send(request("GET", "/products/1", Map.of("debug", List.of("1")), Map.of(), ""));
    }

    ApiResponse innocent = world.get("/products/1");

    assertThat(innocent.servedFrom()).isEqualTo(ServedFrom.PRIMARY);
    assertThat(world.breakers.of(world.catalog.routes().getFirst()).getState())
        .isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void theTemplatesFixedQueryCannotBeOverriddenByTheClient() {
    ApiResponse response =
        world.send(
            request(
                "GET",
                "/recommendations/alice",
                Map.of("user", List.of("bob"), "limit", List.of("1000000")),
                Map.of(),
                ""));

    assertThat(response.status()).isEqualTo(400);
    assertThat(text(response)).contains("the query parameter limit is set by the route");
    assertThat(world.upstream.calls()).isEmpty();
  }

  @Test
  void theClientsOtherQueryParametersTravelAfterTheTemplatesOwn() {
    world.upstream.answers("/reco", 200, "application/json", "[]");

    world.send(
        request("GET", "/recommendations/al ice", Map.of("page", List.of("2 b")), Map.of(), ""));

    assertThat(world.upstream.calls())
        .singleElement()
        .extracting(c -> c.url().toString())
        .isEqualTo(ApiWorld.UP + "/reco?user=al%20ice&limit=20&page=2%20b");
  }

  @Test
  void aMalformedPercentEscapeIsA400ProblemNotAnExceptionOutOfTheHandler() {
    ApiResponse response = world.get("/products/%zz");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
    assertThat(world.observed).hasSize(1);
    assertThat(world.upstream.calls()).isEmpty();
  }

  @Test
  void aDecodedSlashOrBackslashInAPathParameterIsRefusedBeforeAnyCall() {
    assertThat(world.get("/products/..%2Fadmin").status()).isEqualTo(400);
    assertThat(world.get("/products/a%5Cb").status()).isEqualTo(400);
    assertThat(world.upstream.calls()).isEmpty();
  }

  @Test
  void aCachedAnswerKeepsNothingOfTheRequestThatFetchedIt() {
    world.upstream.on(
        "/products/1",
        call ->
            answer(
                200,
                Map.of(
                    "content-type", "application/json",
                    "x-request-id", "req-of-the-first-client",
                    "access-control-allow-origin", "https://first.example",
                    "link", "<http://catalog.internal:8080/products/1?page=2>; rel=next",
                    "etag", "\"v1\""),
                "{}"));

    world.get("/products/1");

    assertThat(world.cache.entries().values())
        .singleElement()
        .satisfies(c -> assertThat(c.headers()).containsOnlyKeys("content-type", "etag"));
  }

  @Test
  void aWriteTooLargeToQueueIsRefusedWith413SayingSoNotA503FromTheChain() {
    world.upstream.answers("/orders", 503, "text/plain", "busy");
    world.queue.refuse(
        dev.brownout.core.ports.RequestQueue.QueueFailure.Kind.TOO_LARGE,
        "the queued request would be 1400000 bytes, more than the 1046528 a queued request may be");

    ApiResponse response = world.send(post("/orders", Map.of(), "{}"));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.QUEUE);
    assertThat(text(response))
        .contains("urn:brownout:problem:write-too-large", "1046528")
        .doesNotContain("Retry-After");
    assertThat(response.headers()).doesNotContainKey("Retry-After");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/_brownout/", "/_brownout"})
  void theStatusPageIsServedWithOrWithoutItsTrailingSlashAsHtmlWithItsContractHeaders(String path) {
    ApiResponse response = world.get(path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("Content-Type", "text/html; charset=utf-8")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("X-Served-From", "primary")
        .containsEntry("X-Degradation-Level", "FULL")
        .containsKey("Content-Security-Policy");
    assertThat(text(response)).contains("id=\"level\" class=\"level\" data-level=\"FULL\"");
  }

  @Test
  void aStatusPageWhoseHistoryCannotBeReadIsDegradedAndSaysSo() {
    world.history.failing = true;

    ApiResponse response = world.get("/_brownout/");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("X-Served-From", "degraded");
    assertThat(text(response)).contains("id=\"unavailable\"");
  }

  @Test
  void answersToRoutesAreTalliedByTheirSourceButTheStatusAnswersAreNot() {
    world.upstream.answers("/products/42", 200, "application/json", "{}");
    world.get("/products/42");
    world.get("/_brownout/");
    world.get("/_brownout/status");

    assertThat(world.tally.since(java.time.Instant.EPOCH, 60))
        .singleElement()
        .satisfies(m -> assertThat(m.answers()).isEqualTo(Map.of(ServedFrom.PRIMARY, 1L)));
  }

  @Test
  void aRequestTheGuardRefusesIsObservedAsRefusedAndNotTalliedAsAStaticAnswer() {
    ApiResponse response = world.send(post("/orders", Map.of(), "{nope"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.STATIC);
    assertThat(world.observed.getLast().refused()).isTrue();
    assertThat(world.tally.writes).isZero();
  }

  @Test
  void aPageAndAJsonStatusWithinTenSecondsReadTheStatusTableOnce() {
    world.get("/_brownout/");
    world.clock.advance(Duration.ofSeconds(9));
    world.get("/_brownout/status");
    world.get("/_brownout/");

    assertThat(world.history.reads).hasValue(1 + world.catalog.dependencies().size());
  }

  @Test
  void theJsonStatusAndThePageShowAMalformedItemInTheLevelsReasonsWithoutItsDetail() {
    String leak = "the status item of pricing is malformed: arn:aws:iam::123456789012:role/hc";
    ApiWorld leaky =
        new ApiWorld(
            ApiWorld.SHOP,
            new StatusBoard.Board(
                List.of(),
                Optional.of(
                    new StatusBoard.LevelRecord(
                        Level.FULL, ApiWorld.T0, List.of(leak), 1, Optional.empty())),
                List.of()));

    String json = text(leaky.get("/_brownout/status"));
    String page = text(leaky.get("/_brownout/"));

    assertThat(json)
        .contains("\"reasons\":[\"the status item of pricing is malformed\"]")
        .doesNotContain("123456789012");
    assertThat(page)
        .contains("<li>the status item of pricing is malformed</li>")
        .doesNotContain("123456789012");
  }
}
