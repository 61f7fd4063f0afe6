package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceRouterTest {

  private static ApiResource resource(String path, String... methods) {
    Map<String, ApiMethod> byName = new LinkedHashMap<>();
    for (String method : methods) {
      byName.put(method, ApiMethod.lambdaProxy(method, "uri"));
    }
    return new ApiResource("id" + path, path, byName);
  }

  private static final ResourceRouter SHOP =
      new ResourceRouter(
          List.of(
              resource("/", "GET"),
              resource("/products", "GET", "POST"),
              resource("/products/{id}", "GET"),
              resource("/products/{id}/reviews", "ANY"),
              resource("/products/featured", "GET"),
              resource("/files"),
              resource("/files/{path+}", "GET"),
              resource("/test", "POST"),
              resource("/{proxy+}", "OPTIONS"),
              resource("/_brownout/status", "GET"),
              resource("/both", "GET", "ANY")));

  /** method, path, the resource expected, its parameters as name=value pairs. */
  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("GET", "/", "/", ""),
        Arguments.of("GET", "//", "/", ""),
        Arguments.of("GET", "/products", "/products", ""),
        Arguments.of("POST", "/products", "/products", ""),
        Arguments.of("GET", "/products/", "/products", ""),
        Arguments.of("GET", "//products", "/products", ""),
        Arguments.of("GET", "/products///", "/products", ""),
        Arguments.of("GET", "/products/42", "/products/{id}", "id=42"),
        Arguments.of("GET", "/products/42/", "/products/{id}", "id=42"),
        // A literal sibling wins over the parameter.
        Arguments.of("GET", "/products/featured", "/products/featured", ""),
        // ... but routing backs up to the parameter when the literal branch leads nowhere.
        Arguments.of("GET", "/products/featured/reviews", "/products/{id}/reviews", "id=featured"),
        Arguments.of("DELETE", "/products/42/reviews", "/products/{id}/reviews", "id=42"),
        Arguments.of("PATCH", "/products/42/reviews/", "/products/{id}/reviews", "id=42"),
        Arguments.of("HEAD", "/products/42/reviews", "/products/{id}/reviews", "id=42"),
        Arguments.of("OPTIONS", "/products/42/reviews", "/products/{id}/reviews", "id=42"),
        // Nothing is decoded: the value is what the client sent.
        Arguments.of("GET", "/products/a%2Fb", "/products/{id}", "id=a%2Fb"),
        Arguments.of(
            "GET",
            "/products/test%2Balias@gmail.com",
            "/products/{id}",
            "id=test%2Balias@gmail.com"),
        Arguments.of("GET", "/products/a+b", "/products/{id}", "id=a+b"),
        Arguments.of("GET", "/products/%7Bid%7D", "/products/{id}", "id=%7Bid%7D"),
        Arguments.of("GET", "/files/a", "/files/{path+}", "path=a"),
        Arguments.of("GET", "/files/a/b/c.txt", "/files/{path+}", "path=a/b/c.txt"),
        Arguments.of("GET", "/files/a/b/", "/files/{path+}", "path=a/b"),
        Arguments.of("GET", "/files/a//b", "/files/{path+}", "path=a//b"),
        Arguments.of("GET", "/files//a", "/files/{path+}", "path=/a"),
        // A resource with POST only: OPTIONS falls through to the root's greedy OPTIONS (as on
        // AWS).
        Arguments.of("POST", "/test", "/test", ""),
        Arguments.of("OPTIONS", "/test", "/{proxy+}", "proxy=test"),
        Arguments.of("OPTIONS", "/products/42", "/{proxy+}", "proxy=products/42"),
        Arguments.of("OPTIONS", "/anything/at/all", "/{proxy+}", "proxy=anything/at/all"),
        Arguments.of("OPTIONS", "/products//42", "/{proxy+}", "proxy=products//42"),
        Arguments.of("GET", "/_brownout/status", "/_brownout/status", ""),
        // A resource's own method wins over its ANY.
        Arguments.of("GET", "/both", "/both", ""),
        Arguments.of("PUT", "/both", "/both", ""),
        Arguments.of("OPTIONS", "/both", "/both", ""));
  }

  @ParameterizedTest
  @MethodSource("routes")
  void aRequestReachesTheResourceApiGatewayWouldChoose(
      String method, String path, String resource, String parameters) {
    Routing routing = SHOP.route(method, path);

    assertThat(routing).isInstanceOf(Routing.Matched.class);
    Routing.Matched match = (Routing.Matched) routing;
    assertThat(match.resource().path()).isEqualTo(resource);
    assertThat(match.method().httpMethod())
        .isIn(method, "ANY")
        .isEqualTo(match.resource().methodFor(method).orElseThrow().httpMethod());
    Map<String, String> expected = new LinkedHashMap<>();
    if (!parameters.isEmpty()) {
      for (String pair : parameters.split(",")) {
        String[] nameValue = pair.split("=", 2);
        expected.put(nameValue[0], nameValue[1]);
      }
    }
    assertThat(match.pathParameters()).containsExactlyEntriesOf(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        // Every path but / matches /{proxy+}, which has OPTIONS only.
        Arguments.of("GET", "/nowhere", "no GET method on [/{proxy+} (which has OPTIONS)]"),
        Arguments.of("DELETE", "/products", "no DELETE method on [/products (which has GET, POST)"),
        // HEAD is not served by GET.
        Arguments.of("HEAD", "/products/42", "no HEAD method on [/products/{id} (which has GET)"),
        Arguments.of("GET", "/test", "[/test (which has POST), /{proxy+} (which has OPTIONS)]"),
        // Paths and methods are case-sensitive.
        Arguments.of("GET", "/Products", "no GET method on [/{proxy+}"),
        Arguments.of("get", "/products", "serves no method \"get\""),
        Arguments.of("TRACE", "/products", "serves no method \"TRACE\""),
        // An empty segment matches no literal and no parameter.
        Arguments.of("GET", "/products//42", "no GET method on [/{proxy+}"),
        // /files has no methods and the greedy child needs at least one segment.
        Arguments.of("GET", "/files", "/files (which has no methods)"),
        Arguments.of("GET", "/files/", "/files (which has no methods)"),
        // An OPTIONS request without an OPTIONS method is refused like any other.
        Arguments.of("OPTIONS", "/", "no OPTIONS method on [/ (which has GET)"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void aRequestNoResourceServesIsRefusedWithTheReason(String method, String path, String reason) {
    Routing routing = SHOP.route(method, path);

    assertThat(routing).isInstanceOf(Routing.NotFound.class);
    assertThat(((Routing.NotFound) routing).reason()).contains(reason);
  }

  @Test
  void refusalIsApiGatewaysMissingAuthenticationToken() {
    RequestStamp stamp =
        new RequestStamp(
            "req-1", "ext=", "Root=1-00000000-000000000000000000000000", java.time.Instant.EPOCH);

    ResourceRouter router =
        new ResourceRouter(List.of(resource("/", "GET"), resource("/a", "GET")));

    ApiAnswer answer = ((Routing.NotFound) router.route("GET", "/nowhere")).answer(stamp);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(answer.header("x-amzn-ErrorType"))
        .containsExactly("MissingAuthenticationTokenException");
    assertThat(answer.header("Content-Type")).containsExactly("application/json");
    assertThat(answer.header("x-amzn-RequestId")).containsExactly("req-1");
    assertThat(answer.header("x-amz-apigw-id")).containsExactly("ext=");
    assertThat(answer.header("X-Amzn-Trace-Id")).isEmpty();
    assertThat(answer.problem()).contains("no resource matches the path /nowhere");
  }

  @Test
  void aGreedyRootNeverServesTheRootItself() {
    ResourceRouter router =
        new ResourceRouter(List.of(resource("/"), resource("/{proxy+}", "ANY")));

    assertThat(router.route("GET", "/")).isInstanceOf(Routing.NotFound.class);
    assertThat(router.route("GET", "/x")).isInstanceOf(Routing.Matched.class);
  }

  @Test
  void routingBacksUpFromALiteralBranchToAGreedySibling() {
    // AWS-validated (LocalStack's test_routing_with_hardcoded_resource_sibling_order).
    ResourceRouter router =
        new ResourceRouter(
            List.of(
                resource("/"),
                resource("/{param+}", "GET"),
                resource("/part1", "GET"),
                resource("/part1/hardcoded-value", "GET")));

    assertThat(((Routing.Matched) router.route("GET", "/part1")).resource().path())
        .isEqualTo("/part1");
    assertThat(((Routing.Matched) router.route("GET", "/part1/hardcoded-value")).resource().path())
        .isEqualTo("/part1/hardcoded-value");
    Routing.Matched random = (Routing.Matched) router.route("GET", "/part1/random-value");
    assertThat(random.resource().path()).isEqualTo("/{param+}");
    assertThat(random.pathParameters()).containsExactly(Map.entry("param", "part1/random-value"));
  }

  @Test
  void resourcesWithoutARootResourceStillRoute() {
    ResourceRouter router = new ResourceRouter(List.of(resource("/a/b", "GET")));

    assertThat(router.route("GET", "/a/b")).isInstanceOf(Routing.Matched.class);
    assertThat(router.route("GET", "/a")).isInstanceOf(Routing.NotFound.class);
  }

  @Test
  void twoVariableSiblingsAreRefusedAsApiGatewayRefusesThem() {
    assertThatThrownBy(
            () ->
                new ResourceRouter(List.of(resource("/a/{x}", "GET"), resource("/a/{y+}", "GET"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/a/{x} and /a/{y+} are both variable children");
    assertThatThrownBy(
            () -> new ResourceRouter(List.of(resource("/{x}", "GET"), resource("/{y}/z", "GET"))))
        .hasMessageContaining("/{x} and /{y} are both variable children");
  }

  @Test
  void twoResourcesWithOnePathAreRefused() {
    assertThatThrownBy(
            () ->
                new ResourceRouter(
                    List.of(
                        new ApiResource("r1", "/a", Map.of()),
                        new ApiResource("r2", "/a", Map.of()))))
        .hasMessageContaining("resources r1 and r2 both have the path /a");
  }

  @Test
  void everyResourceIsReachedByItsOwnPathWhateverTheTree() {
    // For many random trees: a path made from a resource's template, with parameter values that no
    // literal sibling has, reaches that resource with those values.
    Random random = new Random(20261126);
    String[] words = {"a", "b", "c", "orders", "items"};
    for (int round = 0; round < 300; round++) {
      List<ApiResource> resources = new ArrayList<>();
      Map<String, String> variableChild = new LinkedHashMap<>();
      List<String> paths = new ArrayList<>(List.of("/"));
      resources.add(resource("/", "GET"));
      for (int i = 0; i < 12; i++) {
        String parent = paths.get(random.nextInt(paths.size()));
        if (parent.endsWith("+}")) {
          continue;
        }
        String prefix = parent.equals("/") ? "" : parent;
        String segment;
        int kind = random.nextInt(5);
        if (kind < 3) {
          segment = words[random.nextInt(words.length)];
        } else if (variableChild.containsKey(parent)) {
          segment = variableChild.get(parent);
        } else {
          segment = kind == 3 ? "{v" + i + "}" : "{g" + i + "+}";
          variableChild.put(parent, segment);
        }
        String path = prefix + "/" + segment;
        if (!paths.contains(path)) {
          paths.add(path);
          resources.add(resource(path, "GET"));
        }
      }
      ResourceRouter router = new ResourceRouter(resources);
      for (String template : paths) {
        StringBuilder path = new StringBuilder();
        Map<String, String> values = new LinkedHashMap<>();
        for (String segment : ApiResource.segments(template)) {
          String value = segment;
          if (segment.startsWith("{")) {
            value = segment.endsWith("+}") ? "x" + round + "/y" : "val" + random.nextInt(1000);
            values.put(ApiResource.parameterName(segment), value);
          }
          path.append('/').append(value);
        }
        Routing routing = router.route("GET", path.isEmpty() ? "/" : path.toString());

        assertThat(routing).as("%s in %s", path, paths).isInstanceOf(Routing.Matched.class);
        assertThat(((Routing.Matched) routing).resource().path()).isEqualTo(template);
        assertThat(((Routing.Matched) routing).pathParameters()).isEqualTo(values);
      }
    }
  }
}
