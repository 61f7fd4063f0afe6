package dev.brownout.functions.api;

import static dev.brownout.functions.api.ApiWorld.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.CatalogLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestGuardTest {
  private final RequestGuard guard =
      new RequestGuard(CatalogLoader.parse("shop.yaml", ApiWorld.SHOP));

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "a body over the limit",
            request(
                "POST", "/orders", Map.of(), Map.of(), "x".repeat(RequestGuard.MAX_BODY_BYTES + 1)),
            413,
            "body-too-large"),
        Arguments.of(
            "one header over the limit",
            request("GET", "/products/1", Map.of(), Map.of("x-big", "y".repeat(8 * 1024)), ""),
            431,
            "headers-too-large"),
        Arguments.of(
            "headers together over four times the limit",
            request("GET", "/products/1", Map.of(), manyHeaders(5, 7 * 1024), ""),
            431,
            "headers-too-large"),
        Arguments.of(
            "no route for the path",
            request("GET", "/nothing", Map.of(), Map.of(), ""),
            404,
            "not-found"),
        Arguments.of(
            "a path that has a route, but not for the method",
            request("DELETE", "/products/1", Map.of(), Map.of(), ""),
            405,
            "method-not-allowed"),
        Arguments.of(
            "a dot-dot path parameter",
            request("GET", "/products/..", Map.of(), Map.of(), ""),
            400,
            "bad-path"),
        Arguments.of(
            "an encoded slash in a path parameter",
            request("GET", "/products/a%2F..%2Fadmin", Map.of(), Map.of(), ""),
            400,
            "bad-path"),
        Arguments.of(
            "a backslash in a path parameter",
            request("GET", "/products/a%5Cb", Map.of(), Map.of(), ""),
            400,
            "bad-path"),
        Arguments.of(
            "a lone percent sign",
            request("GET", "/products/%", Map.of(), Map.of(), ""),
            400,
            "bad-path"),
        Arguments.of(
            "a malformed percent escape",
            request("GET", "/products/%zz", Map.of(), Map.of(), ""),
            400,
            "bad-path"),
        Arguments.of(
            "a query parameter the route's URL sets itself",
            request(
                "GET",
                "/recommendations/alice",
                Map.of("user", List.of("bob"), "limit", List.of("1000000")),
                Map.of(),
                ""),
            400,
            "bad-request"),
        Arguments.of(
            "a write with malformed JSON",
            request("POST", "/orders", Map.of(), Map.of("content-type", "application/json"), "{"),
            400,
            "bad-request"),
        Arguments.of(
            "a queued write with an idempotency key that cannot travel",
            request("POST", "/orders", Map.of(), Map.of("idempotency-key", "a b"), "{}"),
            400,
            "bad-request"));
  }

  @ParameterizedTest(name = "{0} is refused with {2}")
  @MethodSource("refusals")
  void aRequestTheClientMadeUnanswerableIsRefusedBeforeAnySourceIsAsked(
      String scenario, ApiRequest request, int status, String kind) {
    RequestGuard.Verdict verdict = guard.check(request);

    assertThat(verdict).isInstanceOf(RequestGuard.Refused.class);
    ApiResponse response = ((RequestGuard.Refused) verdict).response();
    assertThat(response.status()).isEqualTo(status);
    assertThat(ApiWorld.text(response)).contains("urn:brownout:problem:" + kind);
  }

  @Test
  void aMethodNotAllowedSaysWhichMethodsThePathAnswers() {
    var verdict =
        (RequestGuard.Refused) guard.check(request("PUT", "/orders", Map.of(), Map.of(), ""));

    assertThat(verdict.response().headers()).containsEntry("Allow", "POST");
  }

  static Stream<Arguments> admitted() {
    return Stream.of(
        Arguments.of(request("GET", "/products/42", Map.of(), Map.of(), ""), "GET /products/{id}"),
        Arguments.of(
            request("POST", "/orders", Map.of(), Map.of("content-type", "text/plain"), "{"),
            "POST /orders"),
        Arguments.of(
            request("POST", "/orders", Map.of(), Map.of("idempotency-key", "order:7_a.b-c"), "{}"),
            "POST /orders"),
        Arguments.of(
            request("POST", "/reviews", Map.of(), Map.of("idempotency-key", "a b"), "{}"),
            "POST /reviews"),
        Arguments.of(
            request("GET", "/products/1", Map.of("lang", List.of("en")), Map.of(), ""),
            "GET /products/{id}"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("admitted")
  void aWellFormedRequestIsAdmittedToItsRoute(ApiRequest request, String route) {
    RequestGuard.Verdict verdict = guard.check(request);

    assertThat(verdict).isInstanceOf(RequestGuard.Admitted.class);
    assertThat(((RequestGuard.Admitted) verdict).match().route().id()).isEqualTo(route);
  }

  private static Map<String, String> manyHeaders(int count, int size) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < count; i++) {
      headers.put("x-h" + i, "v".repeat(size));
    }
    return headers;
  }
}
