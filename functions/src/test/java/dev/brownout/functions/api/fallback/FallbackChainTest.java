package dev.brownout.functions.api.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.serving.CacheRules;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.RouteTable;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiRequest;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiWorld;
import dev.brownout.functions.api.Attempt;
import dev.brownout.functions.api.OutboundCalls;
import dev.brownout.functions.testing.FakeUpstream;
import dev.brownout.functions.testing.InMemoryRequestQueue;
import dev.brownout.functions.testing.InMemoryResponseCache;
import dev.brownout.functions.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of step, and the chain's order, with in-memory sources. */
class FallbackChainTest {
  private final Catalog catalog = CatalogLoader.parse("shop.yaml", ApiWorld.SHOP);
  private final RouteTable routes = new RouteTable(catalog);
  private final MutableClock clock = new MutableClock(ApiWorld.T0);
  private final FakeUpstream upstream = new FakeUpstream();
  private final InMemoryResponseCache cache = new InMemoryResponseCache();
  private final InMemoryRequestQueue queue = new InMemoryRequestQueue();
  private final FallbackChain.Sources sources =
      new FallbackChain.Sources(
          cache, new OutboundCalls(upstream), queue, clock, Duration.ofSeconds(10));

  private Attempt attempt(String method, String path, Map<String, String> headers, String body) {
    ApiRequest request =
        new ApiRequest(
            method,
            path,
            Map.of(),
            headers,
            body.getBytes(StandardCharsets.UTF_8),
            "req-9",
            ApiRequest.MAX_BUDGET);
    return new Attempt(request, routes.find(method, path).match().orElseThrow(), () -> 0L);
  }

  private FallbackChain chain(String routeId) {
    Route route =
        catalog.routes().stream().filter(r -> r.id().equals(routeId)).findFirst().orElseThrow();
    return FallbackChain.of(route, sources);
  }

  private void cached(String path, String contentType, Duration age) {
    Route route = catalog.routes().getFirst();
    String key = CacheRules.key(route, Map.of("id", path), Map.of()).orElseThrow();
    cache.put(
        key,
        new CachedAnswer(
            200,
            Map.of("content-type", contentType),
            "{\"cached\":true}".getBytes(StandardCharsets.UTF_8),
            clock.instant().minus(age),
            Duration.ofSeconds(60)),
        Duration.ofMinutes(10));
  }

  @Test
  void theChainIsBuiltOnceWithOneStepPerCatalogEntryInOrder() {
    assertThat(chain("GET /products/{id}").steps())
        .map(s -> s.getClass().getSimpleName())
        .containsExactly("CacheStep", "AlternativeStep", "StaticStep");
    assertThat(chain("POST /orders").steps()).singleElement().isInstanceOf(QueueStep.class);
  }

  @Test
  void aFreshCachedAnswerIsServedWithItsAgeAndNoWarning() {
    cached("1", "application/json", Duration.ofSeconds(30));

    ApiResponse response =
        chain("GET /products/{id}").answer(attempt("GET", "/products/1", Map.of(), ""));

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.CACHE);
    assertThat(response.headers()).containsEntry("Age", "30").doesNotContainKey("Warning");
    assertThat(upstream.calls()).isEmpty();
  }

  @Test
  void aCachedAnswerOlderThanItsFreshnessCarriesAStaleWarning() {
    cached("1", "application/json", Duration.ofSeconds(61));

    ApiResponse response =
        chain("GET /products/{id}").answer(attempt("GET", "/products/1", Map.of(), ""));

    assertThat(response.headers()).containsEntry("Warning", "110 - \"Response is Stale\"");
  }

  @Test
  void aCachedAnswerOlderThanTheMaxStalenessFallsThroughToTheNextStep() {
    cached("1", "application/json", Duration.ofMinutes(11));
    upstream.answers("/alt/products/1", 200, "application/json", "{\"alt\":true}");

    Attempt attempt = attempt("GET", "/products/1", Map.of(), "");
    ApiResponse response = chain("GET /products/{id}").answer(attempt);

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.ALTERNATIVE);
    assertThat(attempt.briefs()).isEqualTo("the cached answer is older than 600s");
  }

  @Test
  void aCachedAnswerIsNeverServedToAClientThatDoesNotAcceptItsType() {
    cached("1", "application/xml", Duration.ofSeconds(5));
    upstream.fails("/alt/products/1", "refused");

    Attempt attempt = attempt("GET", "/products/1", Map.of("accept", "application/json"), "");
    ApiResponse response = chain("GET /products/{id}").answer(attempt);

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.STATIC);
    assertThat(attempt.briefs()).startsWith("the cached answer is application/xml");
  }

  @Test
  void anAlternativeThatAnswers5xxFallsThroughToTheStaticAnswer() {
    upstream.answers("/alt/products/1", 502, "text/plain", "bad gateway");

    Attempt attempt = attempt("GET", "/products/1", Map.of(), "");
    ApiResponse response = chain("GET /products/{id}").answer(attempt);

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.STATIC);
    assertThat(ApiWorld.text(response)).isEqualTo("{\"available\":false}");
    assertThat(attempt.briefs()).isEqualTo("nothing cached; the alternative answered 502");
  }

  @Test
  void aDegradedTemplateTakesThePathParametersJsonEscaped() {
    ApiResponse response =
        chain("GET /products/{id}/price")
            .answer(attempt("GET", "/products/a%22b/price", Map.of(), ""));

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.DEGRADED);
    assertThat(ApiWorld.text(response)).isEqualTo("{\"productId\":\"a\\\"b\",\"price\":null}");
  }

  @Test
  void aDegradedCallAnswersBelow500OrTheChainSays503WithRetryAfter() {
    upstream.answers("/reco/popular", 200, "application/json", "[1,2]");
    assertThat(
            chain("GET /recommendations/{user}")
                .answer(attempt("GET", "/recommendations/al", Map.of(), ""))
                .servedFrom())
        .isEqualTo(ServedFrom.DEGRADED);

    upstream.fails("/reco/popular", "timed out after 500ms");
    ApiResponse unavailable =
        chain("GET /recommendations/{user}")
            .answer(attempt("GET", "/recommendations/al", Map.of(), ""));
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.headers()).containsEntry("Retry-After", "10");
    assertThat(ApiWorld.text(unavailable))
        .contains("GET /recommendations/{user} cannot be answered now: the degraded call failed")
        .doesNotContain("timed out");
  }

  @Test
  void aQueuedWriteIsAcceptedWith202UnderTheRequestIdWhenTheClientGaveNoKey() {
    ApiResponse response =
        chain("POST /orders").answer(attempt("POST", "/orders", Map.of(), "{\"sku\":1}"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(ApiWorld.text(response))
        .isEqualTo(
            "{\"status\":\"queued\",\"idempotencyKey\":\"req-9\",\"route\":\"POST /orders\"}");
    assertThat(queue.queued())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.idempotencyKey()).isEqualTo("req-9");
              assertThat(q.headers()).containsEntry("idempotency-key", "req-9");
              assertThat(new String(q.body(), StandardCharsets.UTF_8)).isEqualTo("{\"sku\":1}");
              assertThat(q.acceptedAt()).isEqualTo(ApiWorld.T0);
            });
  }

  @Test
  void aReadOnlyRouteRefusesWritesWith503AndTheCatalogsMessage() {
    ApiResponse response =
        chain("POST /reviews").answer(attempt("POST", "/reviews", Map.of(), "{}"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.servedFrom()).isEqualTo(ServedFrom.DEGRADED);
    assertThat(response.headers()).containsEntry("Retry-After", "10");
    assertThat(ApiWorld.text(response)).contains("urn:brownout:problem:read-only");
    assertThat(queue.queued()).isEmpty();
  }

  @Test
  void aStepThatThrowsIsPassedOverAndTheNextOneAnswers() {
    upstream.on(
        "/alt/products/1",
        call -> {
          throw new IllegalStateException("an adapter that broke its contract");
        });

    Attempt attempt = attempt("GET", "/products/1", Map.of(), "");
    ApiResponse response = chain("GET /products/{id}").answer(attempt);

    assertThat(response.servedFrom()).isEqualTo(ServedFrom.STATIC);
    assertThat(attempt.briefs()).isEqualTo("nothing cached; the alternative step failed");
  }
}
