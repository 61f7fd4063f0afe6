package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo services' answers, faults aside, for the example shop's catalog. */
class RouterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DemoPlan PLAN = DemoPlan.of(Catalogs.shop());

  private final Shop shop = new Shop();

  private Router router(String service) {
    return new Router(
        PLAN.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow(),
        shop);
  }

  private static Call get(String pathAndQuery) {
    return call("GET", pathAndQuery, Map.of(), "");
  }

  private static Call call(
      String method, String pathAndQuery, Map<String, String> headers, String body) {
    int q = pathAndQuery.indexOf('?');
    return new Call(
        method,
        q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        Call.parseQuery(q < 0 ? "" : pathAndQuery.substring(q + 1)),
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(Reply reply) throws Exception {
    assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
    return JSON.readTree(reply.body());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "catalog-service",
        "pricing",
        "orders",
        "recommendations",
        "catalog-service-alternative"
      })
  void everyServiceAnswersItsHealthAsTheShopsCheckExpects(String service) throws Exception {
    for (String method : List.of("GET", "HEAD", "POST")) {
      Reply reply = router(service).answer(call(method, "/health", Map.of(), ""));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.bodyText()).containsPattern("\"status\"\\s*:\\s*\"UP\"");
      assertThat(json(reply).get("service").asText()).isEqualTo(service);
    }
  }

  @Test
  void theCatalogAnswersAProductWithIdNameDescriptionAndPrice() throws Exception {
    Reply reply = router("catalog-service").answer(get("/products/1"));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode product = json(reply);
    assertThat(names(product))
        .containsExactly("id", "name", "description", "price", "currency", "category", "stock");
    assertThat(product.get("id").asText()).isEqualTo("1");
    assertThat(product.get("name").asText()).isEqualTo("Espresso machine");
    assertThat(product.get("price").decimalValue()).isEqualByComparingTo("249.00");
  }

  @Test
  void theAlternativeCatalogAnswersTheSameProductWithFewerFields() throws Exception {
    JsonNode full = json(router("catalog-service").answer(get("/products/3")));
    JsonNode lite = json(router("catalog-service-alternative").answer(get("/products/3")));
    assertThat(names(lite)).containsExactly("id", "name", "price", "currency");
    assertThat(names(full)).containsAll(names(lite)).hasSizeGreaterThan(names(lite).size());
    for (String field : names(lite)) {
      assertThat(lite.get(field)).isEqualTo(full.get(field));
    }
  }

  @Test
  void anUnknownProductIs404Json() throws Exception {
    Reply reply = router("catalog-service").answer(get("/products/42"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(json(reply).get("message").asText())
        .isEqualTo("no product \"42\"; the demo shop has products 1 to 5");
    assertThat(router("pricing").answer(get("/prices/42")).status()).isEqualTo(404);
  }

  @Test
  void pricingAnswersAProductsPrice() throws Exception {
    Reply reply = router("pricing").answer(get("/prices/4?lang=de"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(json(reply))
        .isEqualTo(JSON.readTree("{\"productId\":\"4\",\"price\":24.90,\"currency\":\"EUR\"}"));
  }

  @Test
  void recommendationsAreTheUsersOwnStableAndWithinTheLimit() throws Exception {
    Router recs = router("recommendations");
    JsonNode ann = json(recs.answer(get("/recommendations?user=ann&limit=20")));
    assertThat(ann.get("userId").asText()).isEqualTo("ann");
    assertThat(ann.get("items")).hasSize(5);
    assertThat(json(recs.answer(get("/recommendations?user=ann&limit=20")))).isEqualTo(ann);
    JsonNode two = json(recs.answer(get("/recommendations?user=ann&limit=2")));
    assertThat(two.get("items")).hasSize(2);
    assertThat(two.get("items").get(0)).isEqualTo(ann.get("items").get(0));
    JsonNode anonymous = json(recs.answer(get("/recommendations")));
    assertThat(anonymous.get("userId").asText()).isEqualTo("anonymous");
  }

  @Test
  void popularItemsAreTheBestSellersWithinTheLimit() throws Exception {
    JsonNode popular =
        json(router("recommendations").answer(get("/recommendations/popular?limit=2")));
    assertThat(popular.get("popular").asBoolean()).isTrue();
    assertThat(popular.get("items").findValuesAsText("id")).containsExactly("4", "1");
    JsonNode unlimited = json(router("recommendations").answer(get("/recommendations/popular")));
    assertThat(unlimited.get("items")).hasSize(5);
  }

  @Test
  void anOrderIsPlacedOncePerIdempotencyKey() throws Exception {
    Router orders = router("orders");
    String body = "{\"items\":[{\"productId\":\"1\",\"quantity\":1}]}";
    Reply first = orders.answer(call("POST", "/orders", Map.of("idempotency-key", "k-1"), body));
    assertThat(first.status()).isEqualTo(201);
    JsonNode placed = json(first);
    assertThat(placed.get("orderId").asText()).isEqualTo("order-1");
    assertThat(placed.get("order")).isEqualTo(JSON.readTree(body));
    assertThat(first.headers()).containsEntry("Location", "/orders/order-1");

    Reply again = orders.answer(call("POST", "/orders", Map.of("idempotency-key", "k-1"), body));
    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again)).isEqualTo(placed);
    assertThat(shop.ordersPlaced()).isEqualTo(1);

    Reply other = orders.answer(call("POST", "/orders", Map.of("idempotency-key", "k-2"), body));
    assertThat(other.status()).isEqualTo(201);
    assertThat(json(other).get("orderId").asText()).isEqualTo("order-2");
    Reply keyless = orders.answer(call("POST", "/orders", Map.of(), body));
    Reply keylessAgain = orders.answer(call("POST", "/orders", Map.of(), body));
    assertThat(List.of(keyless.status(), keylessAgain.status())).containsExactly(201, 201);
    assertThat(shop.ordersPlaced()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"items\":", "not json", "[1,2]", "", "  "})
  void anOrderThatIsNotAJsonObjectIs400AndPlacesNothing(String body) throws Exception {
    Reply reply =
        router("orders").answer(call("POST", "/orders", Map.of("idempotency-key", "k"), body));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(json(reply).get("error").asText()).isEqualTo("bad request");
    assertThat(shop.ordersPlaced()).isZero();
    // The key was not spent on the bad request.
    Reply good =
        router("orders").answer(call("POST", "/orders", Map.of("idempotency-key", "k"), "{}"));
    assertThat(good.status()).isEqualTo(201);
  }

  @Test
  void anUnknownPathIs404JsonListingWhatTheServiceAnswers() throws Exception {
    Reply reply = router("catalog-service").answer(get("/nothing/here"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(json(reply).get("message").asText())
        .isEqualTo(
            "catalog-service has no GET /nothing/here; it answers GET /health, GET"
                + " /products/{id}");
  }

  @Test
  void aKnownPathWithAnotherMethodIs405NamingTheAllowedOne() throws Exception {
    Reply reply = router("orders").answer(get("/orders"));
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers()).containsEntry("Allow", "POST");
    assertThat(router("catalog-service").answer(call("HEAD", "/products/1", Map.of(), "")).status())
        .isEqualTo(200);
  }
}
