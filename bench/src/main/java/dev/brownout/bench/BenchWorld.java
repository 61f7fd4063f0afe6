package dev.brownout.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.serving.CachedAnswer;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.functions.adapters.dynamodb.DynamoDbAnswerTally;
import dev.brownout.functions.adapters.dynamodb.DynamoDbResponseCache;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusHistory;
import dev.brownout.functions.adapters.http.HttpUpstream;
import dev.brownout.functions.api.ApiRequest;
import dev.brownout.functions.api.ApiService;
import dev.brownout.functions.api.Breakers;
import dev.brownout.functions.api.StatusEndpoint;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API service in process, as the handler builds it, over DynamoDB in a real moto_server and
 * WireMock upstreams: {@code /products/{id}} answers, {@code /down/{id}} fails, {@code
 * /hanging/{id}} never answers in time. Flags are the catalog defaults and metrics are not emitted,
 * so what is measured is the request path itself.
 */
final class BenchWorld implements AutoCloseable {
  static final String CACHED_KEY = "GET /down/{id} id=1";

  final WireMockServer upstream = new WireMockServer(options().dynamicPort().containerThreads(16));
  final DynamoDbResponseCache cache;
  final ApiService service;
  final Breakers breakers;
  final Catalog catalog;

  BenchWorld(Duration hangingTimeout) {
    MotoServer moto = MotoServer.get();
    moto.reset();
    upstream.start();
    upstream.stubFor(
        get(urlPathEqualTo("/products/1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"1\",\"name\":\"Lamp\"}")));
    upstream.stubFor(get(urlPathEqualTo("/down/1")).willReturn(aResponse().withStatus(503)));
    upstream.stubFor(
        get(urlPathEqualTo("/hanging/1"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(moto.endpoint()));
    StatusTable.create(dynamoDb, "bench-status");
    dynamoDb.createTable(
        t ->
            t.tableName("bench-cache")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
    catalog = catalog(upstream.baseUrl(), hangingTimeout);
    cache = new DynamoDbResponseCache(dynamoDb, "bench-cache", Clock.systemUTC());
    CachedAnswer answer =
        new CachedAnswer(
            200,
            Map.of("content-type", "application/json"),
            "{\"id\":\"1\",\"name\":\"Lamp\"}".getBytes(StandardCharsets.UTF_8),
            Instant.now(),
            Duration.ofSeconds(60));
    cache.put(CACHED_KEY, answer, Duration.ofHours(1));
    cache.put("GET /hanging/{id} id=1", answer, Duration.ofHours(1));
    breakers = new Breakers(Clock.systemUTC(), Duration.ofMinutes(10));
    service =
        new ApiService(
            catalog,
            () -> FlagSnapshot.defaults(catalog),
            new HttpUpstream(HttpUpstream.defaultClient()),
            cache,
            request -> {
              throw new dev.brownout.core.ports.RequestQueue.QueueFailure(
                  dev.brownout.core.ports.RequestQueue.QueueFailure.Kind.UNAVAILABLE,
                  "no queue in the benchmark",
                  null);
            },
            breakers,
            new StatusEndpoint(
                catalog,
                new DynamoDbStatusBoard(dynamoDb, "bench-status"),
                new DynamoDbStatusHistory(dynamoDb, "bench-status"),
                new DynamoDbAnswerTally(dynamoDb, "bench-status"),
                Clock.systemUTC()),
            (route, servedFrom, status, latency, breakerOpen, refused) -> {},
            Clock.systemUTC());
  }

  /**
   * The benchmarks' catalog: {@code /products/{id}}, {@code /down/{id}} and {@code /hanging/{id}}
   * (timeout {@code hangingTimeout}), each with a cache fallback, every upstream under {@code
   * base}.
   */
  static Catalog catalog(String base, Duration hangingTimeout) {
    return CatalogLoader.parse(
        "bench.yaml",
        """
            app: bench
            dependencies:
              - name: catalog-service
                criticality: important
                check: {type: http, url: "%1$s/health"}
            routes:
              - method: GET
                path: /products/{id}
                dependency: catalog-service
                primary: {url: "%1$s/products/{id}", timeout: 1s}
                fallback: [cache]
              - method: GET
                path: /down/{id}
                dependency: catalog-service
                primary: {url: "%1$s/down/{id}", timeout: 1s}
                fallback: [cache]
              - method: GET
                path: /hanging/{id}
                dependency: catalog-service
                primary: {url: "%1$s/hanging/{id}", timeout: %2$dms}
                fallback: [cache]
            """
            .formatted(base, hangingTimeout.toMillis()));
  }

  static ApiRequest request(String path) {
    return new ApiRequest(
        "GET",
        path,
        Map.of(),
        Map.of("accept", "application/json"),
        new byte[0],
        "bench",
        ApiRequest.MAX_BUDGET);
  }

  /** Opens the breaker of a route the way traffic does: failing calls until it trips. */
  void tripBreaker(String path) {
    for (int i = 0; i < 10; i++) {
      service.handle(request(path));
    }
  }

  List<String> routeIds() {
    return catalog.routes().stream().map(r -> r.id()).toList();
  }

  @Override
  public void close() {
    upstream.stop();
  }
}
