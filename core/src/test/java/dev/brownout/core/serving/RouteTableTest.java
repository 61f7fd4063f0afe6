package dev.brownout.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTableTest {
  /** Routes in an order that puts parameters first, so the catalog's order cannot decide. */
  private static final RouteTable TABLE =
      table(
          "GET /products/{id}",
          "DELETE /products/{id}",
          "GET /products/featured",
          "GET /products/{id}/reviews",
          "POST /products/{id}/reviews",
          "GET /products/featured/{slot}",
          "GET /{section}/news",
          "GET /shop/{item}",
          "GET /",
          "GET /recommendations/{user}");

  static Stream<Arguments> matches() {
    return Stream.of(
        found("GET", "/", "GET /", Map.of()),
        found("GET", "/products/42", "GET /products/{id}", Map.of("id", "42")),
        found("DELETE", "/products/42", "DELETE /products/{id}", Map.of("id", "42")),
        found("GET", "/products/featured", "GET /products/featured", Map.of()),
        found(
            "GET",
            "/products/featured/top",
            "GET /products/featured/{slot}",
            Map.of("slot", "top")),
        found("GET", "/products/7/reviews", "GET /products/{id}/reviews", Map.of("id", "7")),
        found("POST", "/products/7/reviews", "POST /products/{id}/reviews", Map.of("id", "7")),
        found("GET", "/products/news", "GET /products/{id}", Map.of("id", "news")),
        found("GET", "/shop/news", "GET /shop/{item}", Map.of("item", "news")),
        found("GET", "/toys/news", "GET /{section}/news", Map.of("section", "toys")),
        found("GET", "/products/a+b", "GET /products/{id}", Map.of("id", "a+b")),
        found("GET", "/products/a%2Bb", "GET /products/{id}", Map.of("id", "a+b")),
        found("GET", "/products/a%20b", "GET /products/{id}", Map.of("id", "a b")),
        found("GET", "/products/caf%C3%A9", "GET /products/{id}", Map.of("id", "caf\u00e9")),
        found("GET", "/products/caf\u00e9", "GET /products/{id}", Map.of("id", "caf\u00e9")),
        found("GET", "/products/%7E.x", "GET /products/{id}", Map.of("id", "~.x")),
        found("GET", "/products/...", "GET /products/{id}", Map.of("id", "...")),
        found("GET", "/products/feat%75red", "GET /products/featured", Map.of()),
        found(
            "GET",
            "/recommendations/alice",
            "GET /recommendations/{user}",
            Map.of("user", "alice")));
  }

  private static Arguments found(
      String method, String path, String route, Map<String, String> parameters) {
    return Arguments.of(method, path, route, parameters);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matches")
  void aRequestFindsItsRouteWithDecodedParameters(
      String method, String path, String route, Map<String, String> parameters) {
    RouteTable.Lookup lookup = TABLE.find(method, path);

    assertThat(lookup.badPath()).isEmpty();
    assertThat(lookup.match())
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().id()).isEqualTo(route);
              assertThat(m.parameters()).isEqualTo(parameters);
            });
  }

  @Test
  void aLiteralRouteIsPreferredOverAParameterRouteAsApiGatewayDoes() {
    RouteTable parameterFirst = table("GET /products/{id}", "GET /products/featured");

    assertThat(parameterFirst.find("GET", "/products/featured").match())
        .hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("GET /products/featured"));
    assertThat(parameterFirst.find("GET", "/products/7").match())
        .hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("GET /products/{id}"));
  }

  @Test
  void anEarlierLiteralSegmentOutranksALaterOneAsInApiGatewaysResourceTree() {
    RouteTable table = table("GET /{a}/b", "GET /a/{b}");

    assertThat(table.find("GET", "/a/b").match())
        .hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("GET /a/{b}"));
  }

  static Stream<Arguments> notAllowed() {
    return Stream.of(
        Arguments.of("PUT", "/products/42", List.of("DELETE", "GET")),
        Arguments.of("DELETE", "/products/7/reviews", List.of("GET", "POST")),
        // The literal path answers only GET: API Gateway does not fall back to {id} for DELETE.
        Arguments.of("DELETE", "/products/featured", List.of("GET")),
        Arguments.of("POST", "/", List.of("GET")));
  }

  @ParameterizedTest(name = "{0} {1} -> 405 Allow {2}")
  @MethodSource("notAllowed")
  void aMethodThePathDoesNotAnswerListsTheMethodsItDoes(
      String method, String path, List<String> allowed) {
    RouteTable.Lookup lookup = TABLE.find(method, path);

    assertThat(lookup.match()).isEmpty();
    assertThat(lookup.badPath()).isEmpty();
    assertThat(lookup.allowed()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownPaths")
  void aPathNoRouteHasIsNeitherFoundNorAllowed(String path) {
    RouteTable.Lookup lookup = TABLE.find("GET", path);

    assertThat(lookup.match()).isEmpty();
    assertThat(lookup.allowed()).isEmpty();
    assertThat(lookup.badPath()).isEmpty();
  }

  static Stream<String> unknownPaths() {
    return Stream.of(
        "/nothing", "/products/", "/products//reviews", "/products/1/2/3/4", "/PRODUCTS/1");
  }

  static Stream<Arguments> malformedEscapes() {
    return Stream.of(
        Arguments.of("/products/%", "\"%\" at character 10"),
        Arguments.of("/products/%z", "\"%z\" at character 10"),
        Arguments.of("/products/%zz", "\"%zz\" at character 10"),
        Arguments.of("/products/ab%4", "\"%4\" at character 12"),
        Arguments.of("/%zz/news", "\"%zz\" at character 1"),
        Arguments.of("/products/%C3%28", "does not decode to UTF-8"),
        Arguments.of("/products/%FF", "does not decode to UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEscapes")
  void aMalformedPercentEscapeIsABadPathSayingWhereNotAnException(String path, String where) {
    RouteTable.Lookup lookup = TABLE.find("GET", path);

    assertThat(lookup.match()).isEmpty();
    assertThat(lookup.badPath()).hasValueSatisfying(why -> assertThat(why).contains(where));
  }

  static Stream<Arguments> unsafeParameters() {
    return Stream.of(
        Arguments.of("/products/..", "got \"..\""),
        Arguments.of("/products/.", "got \".\""),
        Arguments.of("/products/%2E%2E", "got \"..\""),
        Arguments.of("/products/a%2Fb", "got \"a/b\""),
        Arguments.of("/products/%2F", "got \"/\""),
        Arguments.of("/products/a%5Cb", "got \"a\\b\""),
        Arguments.of("/products/..%5C..%5Cadmin", "got \"..\\..\\admin\""),
        Arguments.of("/products/a\\b", "got \"a\\b\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeParameters")
  void aParameterThatWouldMoveTheUpstreamPathIsABadPath(String path, String got) {
    RouteTable.Lookup lookup = TABLE.find("GET", path);

    assertThat(lookup.match()).isEmpty();
    assertThat(lookup.badPath())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("the path parameter {id} must not be . or .. or contain / or \\")
                    .contains(got));
  }

  /** A catalog with one route per {@code "METHOD /path"}, each calling a fixed upstream. */
  private static RouteTable table(String... routes) {
    String yaml =
        """
        app: shop
        dependencies:
          - name: db
            criticality: critical
            check: {type: dynamodb, table: shop-products}
        routes:
        """
            + Stream.of(routes)
                .map(
                    r ->
                        "  - {method: %s, path: \"%s\", dependency: db, primary: {url: \"http://localhost:8081/x\"}}"
                            .formatted(r.split(" ")[0], r.split(" ")[1]))
                .collect(Collectors.joining("\n"));
    Catalog catalog = CatalogLoader.parse("routes.yaml", yaml);
    return new RouteTable(catalog);
  }
}
