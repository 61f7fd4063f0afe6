package dev.brownout.functions.api;

import static dev.brownout.functions.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.serving.RouteTable;
import dev.brownout.functions.testing.InMemoryResponseCache;
import dev.brownout.functions.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheWriterTest {
  private final RouteTable routes = new RouteTable(CatalogLoader.parse("shop.yaml", ApiWorld.SHOP));
  private final MutableClock clock = new MutableClock(ApiWorld.T0);
  private final InMemoryResponseCache cache = new InMemoryResponseCache();
  private final CacheWriter writer = new CacheWriter(cache, clock);

  private Attempt attempt(Map<String, String> headers, Map<String, List<String>> query) {
    return attempt(headers, query, ApiRequest.MAX_BUDGET);
  }

  private Attempt attempt(
      Map<String, String> headers, Map<String, List<String>> query, Duration budget) {
    ApiRequest request =
        new ApiRequest("GET", "/products/1", query, headers, new byte[0], "r", budget);
    return new Attempt(request, routes.find("GET", "/products/1").match().orElseThrow(), () -> 0L);
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("no negotiation", Map.of(), "application/json", true),
        Arguments.of("Accept */*", Map.of("accept", "*/*"), "application/xml", true),
        Arguments.of(
            "asked for JSON, got JSON",
            Map.of("accept", "application/json"),
            "application/json",
            true),
        Arguments.of(
            "axios's default Accept, got JSON",
            Map.of("accept", "application/json, text/plain, */*"),
            "application/json; charset=utf-8",
            true),
        Arguments.of(
            "asked for XML, got XML",
            Map.of("accept", "application/xml"),
            "application/xml",
            false),
        Arguments.of(
            "broad Accept, got HTML", Map.of("accept", "text/html,*/*;q=0.8"), "text/html", false),
        Arguments.of("a language", Map.of("accept-language", "fr-CH"), "application/json", false),
        Arguments.of(
            "Authorization on a route that is not public",
            Map.of("authorization", "Bearer t"),
            "application/json",
            false));
  }

  @ParameterizedTest(name = "{0}: stored = {3}")
  @MethodSource("requests")
  void onlyTheVariantEveryClientWouldGetIsKeptForEveryone(
      String scenario, Map<String, String> headers, String contentType, boolean stored) {
    writer.remember(
        attempt(headers, Map.of()), answer(200, Map.of("content-type", contentType), "<x/>"));

    assertThat(cache.entries()).hasSize(stored ? 1 : 0);
  }

  @Test
  void theSameKeyIsNotWrittenAgainUntilATenthOfTheMaxStalenessHasPassed() {
    var good = answer(200, Map.of("content-type", "application/json"), "{}");
    writer.remember(attempt(Map.of(), Map.of()), good);
    clock.advance(Duration.ofSeconds(59)); // max staleness 10 min: a write per minute at most
    writer.remember(attempt(Map.of(), Map.of()), good);
    clock.advance(Duration.ofSeconds(2));
    writer.remember(attempt(Map.of(), Map.of()), good);

    assertThat(cache.puts()).isEqualTo(2);
  }

  @Test
  void aRequestWithAQueryTheCacheDoesNotKeyOnIsNotStored() {
    writer.remember(
        attempt(Map.of(), Map.of("debug", List.of("1"))),
        answer(200, Map.of("content-type", "application/json"), "{}"));

    assertThat(cache.puts()).isZero();
  }

  @Test
  void aCacheThatThrowsNeverFailsTheRequest() {
    cache.failWrites();

    assertThatCode(
            () ->
                writer.remember(
                    attempt(Map.of(), Map.of()),
                    answer(200, Map.of("content-type", "application/json"), "{}")))
        .doesNotThrowAnyException();
    assertThat(cache.puts()).isEqualTo(1);
  }

  @Test
  void noWriteIsStartedWhenLessThanAStoreCallIsLeftOfTheBudget() {
    writer.remember(
        attempt(Map.of(), Map.of(), ApiService.STORE_CALL_TIMEOUT.minusMillis(1)),
        answer(200, Map.of("content-type", "application/json"), "{}"));

    assertThat(cache.puts()).isZero();
  }
}
