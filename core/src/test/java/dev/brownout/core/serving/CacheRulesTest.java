package dev.brownout.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CacheRulesTest {
  private static final Catalog CATALOG =
      CatalogLoader.parse(
          "shop.yaml",
          """
          app: shop
          dependencies:
            - name: catalog
              criticality: important
              check: {type: http, url: "http://up/health"}
          routes:
            - method: GET
              path: /products/{id}
              dependency: catalog
              primary: {url: "http://up/products/{id}"}
              fallback:
                - cache: {maxStaleness: 10m, queryKeys: [lang, size]}
            - method: GET
              path: /shops/{shop}/items/{item}
              dependency: catalog
              primary: {url: "http://up/shops/{shop}/items/{item}"}
              fallback:
                - cache: {maxStaleness: 2h, public: true}
            - method: GET
              path: /plain/{id}
              dependency: catalog
              primary: {url: "http://up/plain/{id}"}
              fallback:
                - static: {body: "{}"}
          """);
  private static final Route PRODUCTS = route("GET /products/{id}");
  private static final Route ITEMS = route("GET /shops/{shop}/items/{item}");
  private static final Route PLAIN = route("GET /plain/{id}");

  private static Route route(String id) {
    return CATALOG.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(PRODUCTS, Map.of("id", "42"), Map.of(), "GET /products/{id} id=42"),
        Arguments.of(
            PRODUCTS,
            Map.of("id", "42"),
            Map.of("size", List.of("m"), "lang", List.of("fr", "en")),
            "GET /products/{id} id=42 ?lang=en ?lang=fr ?size=m"),
        Arguments.of(PRODUCTS, Map.of("id", "a b/c"), Map.of(), "GET /products/{id} id=a%20b%2Fc"),
        Arguments.of(
            ITEMS,
            Map.of("shop", "s1", "item", "i 2"),
            Map.of(),
            "GET /shops/{shop}/items/{item} shop=s1 item=i%202"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("keys")
  void theKeyHoldsTheRouteItsPathParametersAndItsDeclaredQueryInOrder(
      Route route, Map<String, String> path, Map<String, List<String>> query, String key) {
    assertThat(CacheRules.key(route, path, query)).contains(key);
  }

  @Test
  void twoValuesThatDifferOnlyInEncodingNeverShareAKey() {
    String space = CacheRules.key(PRODUCTS, Map.of("id", "a b"), Map.of()).orElseThrow();
    String plus = CacheRules.key(PRODUCTS, Map.of("id", "a+b"), Map.of()).orElseThrow();
    String separator = CacheRules.key(PRODUCTS, Map.of("id", "1 ?lang=en"), Map.of()).orElseThrow();
    String declared =
        CacheRules.key(PRODUCTS, Map.of("id", "1"), Map.of("lang", List.of("en"))).orElseThrow();

    assertThat(space).isNotEqualTo(plus);
    assertThat(separator).isNotEqualTo(declared);
  }

  @Test
  void aRequestWithAQueryTheCatalogDidNotDeclareHasNoKey() {
    assertThat(CacheRules.key(PRODUCTS, Map.of("id", "1"), Map.of("debug", List.of("1"))))
        .isEmpty();
    assertThat(CacheRules.key(PLAIN, Map.of("id", "1"), Map.of())).isEmpty();
  }

  @Test
  void aVeryLongKeyIsHashed() {
    String key = CacheRules.key(PRODUCTS, Map.of("id", "x".repeat(600)), Map.of()).orElseThrow();

    assertThat(key).startsWith("sha256:").hasSize("sha256:".length() + 64);
  }

  static Stream<Arguments> storability() {
    Map<String, String> json = Map.of("content-type", "application/json");
    return Stream.of(
        Arguments.of("a plain 200", PRODUCTS, Map.of(), 200, json, 10, null),
        Arguments.of(
            "no cache step", PLAIN, Map.of(), 200, json, 10, "the route has no cache step"),
        Arguments.of("a 404", PRODUCTS, Map.of(), 404, json, 10, "status 404 is not a success"),
        Arguments.of("a 304", PRODUCTS, Map.of(), 304, json, 10, "status 304 is not a success"),
        Arguments.of(
            "Set-Cookie",
            PRODUCTS,
            Map.of(),
            200,
            Map.of("set-cookie", "s=1"),
            10,
            "the answer sets a cookie"),
        Arguments.of(
            "no-store",
            PRODUCTS,
            Map.of(),
            200,
            Map.of("cache-control", "No-Store"),
            10,
            "the upstream forbids it (Cache-Control: no-store)"),
        Arguments.of(
            "private",
            PRODUCTS,
            Map.of(),
            200,
            Map.of("cache-control", "private, max-age=5"),
            10,
            "the upstream forbids it (Cache-Control: private, max-age=5)"),
        Arguments.of(
            "Vary: Accept-Encoding only",
            PRODUCTS,
            Map.of(),
            200,
            Map.of("vary", "Accept-Encoding"),
            10,
            null),
        Arguments.of(
            "Vary: Accept",
            PRODUCTS,
            Map.of(),
            200,
            Map.of("vary", "Accept"),
            10,
            "the answer varies by request headers (Vary: accept)"),
        Arguments.of(
            "a negotiated language",
            PRODUCTS,
            Map.of("accept-language", "de"),
            200,
            json,
            10,
            "the request negotiated a variant (Accept or Accept-Language) that not every client wants"),
        Arguments.of(
            "Authorization, route not public",
            PRODUCTS,
            Map.of("authorization", "Bearer t"),
            200,
            json,
            10,
            "the request carried Authorization and the route is not public"),
        Arguments.of(
            "Authorization, route public",
            ITEMS,
            Map.of("authorization", "Bearer t"),
            200,
            json,
            10,
            null),
        Arguments.of(
            "too large for an item",
            PRODUCTS,
            Map.of(),
            200,
            json,
            CacheRules.MAX_BODY_BYTES + 1,
            "the body ("
                + (CacheRules.MAX_BODY_BYTES + 1)
                + " bytes) is larger than a cache item holds"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storability")
  void anAnswerIsStoredOnlyWhenEveryRuleAllowsIt(
      String scenario,
      Route route,
      Map<String, String> requestHeaders,
      int status,
      Map<String, String> answerHeaders,
      int bodyBytes,
      String why) {
    assertThat(CacheRules.whyNotStorable(route, requestHeaders, status, answerHeaders, bodyBytes))
        .isEqualTo(Optional.ofNullable(why));
  }

  @ParameterizedTest(name = "Accept \"{0}\" and a cached {1}: servable {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''               | application/json | true",
        "application/json | application/json | true",
        "application/json | application/xml  | false",
        "text/html        | ''               | true",
      })
  void aCachedAnswerIsServedOnlyToAClientThatAcceptsItsType(
      String accept, String contentType, boolean servable) {
    Map<String, String> headers = new HashMap<>();
    if (!contentType.isEmpty()) {
      headers.put("content-type", contentType);
    }
    CachedAnswer answer =
        new CachedAnswer(
            200, headers, "x".getBytes(StandardCharsets.UTF_8), Instant.EPOCH, Duration.ZERO);

    assertThat(
            CacheRules.whyNotServable(
                    answer, accept.isEmpty() ? Map.of() : Map.of("accept", accept))
                .isEmpty())
        .isEqualTo(servable);
  }

  @ParameterizedTest(name = "Cache-Control \"{0}\": fresh for {1}s")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                          | 0",
        "max-age=60                  | 60",
        "public, MAX-AGE = 120       | 120",
        "s-maxage=30                 | 0",
        "no-cache, max-age=5         | 5",
        "max-age=9999999999          | 2147483648",
        "max-age=99999999999999999999999 | 2147483648",
      })
  void freshnessIsTheUpstreamsMaxAge(String cacheControl, long seconds) {
    Map<String, String> headers =
        cacheControl.isEmpty() ? Map.of() : Map.of("cache-control", cacheControl);

    assertThat(CacheRules.freshFor(headers)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "max staleness {0}s, stored {1}s ago: recent enough {2}")
  @CsvSource({
    "600, 59, true",
    "600, 60, false",
    "50, 4, true",
    "50, 5, false",
    "7200, 59, true",
    "7200, 61, false"
  })
  void aCopyIsRewrittenAfterATenthOfTheMaxStalenessAtMostAMinute(
      long maxStaleness, long age, boolean recent) {
    Fallback.Cache cache = new Fallback.Cache(Duration.ofSeconds(maxStaleness), List.of(), false);

    assertThat(CacheRules.recentEnough(Duration.ofSeconds(age), cache)).isEqualTo(recent);
  }
}
