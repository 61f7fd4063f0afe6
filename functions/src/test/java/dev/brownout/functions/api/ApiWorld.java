package dev.brownout.functions.api;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.testing.FakeUpstream;
import dev.brownout.functions.testing.InMemoryAnswerTally;
import dev.brownout.functions.testing.InMemoryRequestQueue;
import dev.brownout.functions.testing.InMemoryResponseCache;
import dev.brownout.functions.testing.InMemoryStatusHistory;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.ShopCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API's request path with in-memory ports and the test's clock: a catalog of the shop, an
 * upstream at {@code http://up}, a cache, a queue, the status history, the answer tally and the
 * flags as the test sets them.
 */
public final class ApiWorld {
  public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  public static final String UP = "http://catalog.internal:8080";

  public static final String SHOP = ShopCatalog.yaml(UP);

  /** One {@link ApiObserver#answered} call. */
  public record Observed(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      boolean refused) {}

  public final MutableClock clock = new MutableClock(T0);
  public final FakeUpstream upstream = new FakeUpstream();
  public final InMemoryResponseCache cache = new InMemoryResponseCache();
  public final InMemoryRequestQueue queue = new InMemoryRequestQueue();
  public final List<Observed> observed = new CopyOnWriteArrayList<>();
  public final InMemoryStatusHistory history = new InMemoryStatusHistory();
  public final InMemoryAnswerTally tally = new InMemoryAnswerTally();
  public final Catalog catalog;
  public final Breakers breakers;
  public final ApiService service;
  private volatile FlagSnapshot flags;

  public ApiWorld() {
    this(SHOP, new StatusBoard.Board(List.of(), Optional.empty(), List.of()));
  }

  public ApiWorld(String catalogYaml, StatusBoard.Board board) {
    catalog = CatalogLoader.parse("shop.yaml", catalogYaml);
    flags = FlagSnapshot.defaults(catalog);
    breakers = new Breakers(clock, Duration.ofSeconds(10));
    service =
        new ApiService(
            catalog,
            () -> flags,
            upstream,
            cache,
            queue,
            breakers,
            new StatusEndpoint(catalog, () -> board, history, tally, clock),
            ApiObserver.both(
                (route, servedFrom, status, latency, open, refused) ->
                    observed.add(new Observed(route, servedFrom, status, latency, open, refused)),
                new AnswerCounter(tally, clock)),
            clock);
  }

  public void flags(FlagSnapshot snapshot) {
    flags = snapshot;
  }

  public ApiResponse get(String path) {
    return send(request("GET", path, Map.of(), Map.of(), ""));
  }

  public ApiResponse send(ApiRequest request) {
    return service.handle(request);
  }

  public static ApiRequest request(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      String body) {
    return new ApiRequest(
        method,
        path,
        query,
        new HashMap<>(headers),
        body.getBytes(StandardCharsets.UTF_8),
        "req-1",
        ApiRequest.MAX_BUDGET);
  }

  public static ApiRequest post(String path, Map<String, String> headers, String body) {
    return request("POST", path, Map.of(), headers, body);
  }

  public static String text(ApiResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
