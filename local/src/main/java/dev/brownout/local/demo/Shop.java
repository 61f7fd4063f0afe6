package dev.brownout.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo shop's data and its answers: five products (ids {@code 1} to {@code 5}), their prices,
 * recommendations, and orders placed once per {@code Idempotency-Key}. Thread-safe; orders live as
 * long as the shop.
 */
final class Shop {

  /** A product as the catalog service knows it; the table holds the same. */
  record Product(
      String id,
      String name,
      String description,
      BigDecimal price,
      String currency,
      String category,
      int stock) {}

  static final List<Product> PRODUCTS =
      List.of(
          new Product(
              "1",
              "Espresso machine",
              "A 15-bar pump espresso machine with a steam wand.",
              new BigDecimal("249.00"),
              "EUR",
              "machines",
              12),
          new Product(
              "2",
              "Burr grinder",
              "A conical burr grinder with 40 grind settings.",
              new BigDecimal("129.00"),
              "EUR",
              "grinders",
              30),
          new Product(
              "3",
              "Milk jug",
              "A 350 ml stainless-steel milk jug for latte art.",
              new BigDecimal("19.50"),
              "EUR",
              "accessories",
              85),
          new Product(
              "4",
              "Coffee beans, 1 kg",
              "Medium roast, single origin, from Huila in Colombia.",
              new BigDecimal("24.90"),
              "EUR",
              "coffee",
              240),
          new Product(
              "5",
              "Tamper",
              "A 58 mm calibrated tamper.",
              new BigDecimal("34.00"),
              "EUR",
              "accessories",
              41));

  /** Best sellers first. */
  private static final List<String> POPULARITY = List.of("4", "1", "2", "3", "5");

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 50;

  private final Map<String, JsonNode> ordersByKey = new HashMap<>();
  private long ordersPlaced;

  /**
   * Answers one request for {@code content}.
   *
   * @param values the URL's placeholders' values (path and query)
   */
  Reply answer(Content content, Call call, Map<String, String> values) {
    return switch (content) {
      case PRODUCT -> product(values, false);
      case PRODUCT_SUMMARY -> product(values, true);
      case PRICE -> price(values);
      case RECOMMENDATIONS -> recommendations(call, values);
      case POPULAR -> popular(call);
      case ORDERS -> order(call);
    };
  }

  private Reply product(Map<String, String> values, boolean summary) {
    Optional<String> id = pick(values, "id", "productId");
    if (id.isEmpty()) {
      ArrayNode all = Reply.JSON.createArrayNode();
      PRODUCTS.forEach(p -> all.add(productJson(p, summary)));
      ObjectNode list = Reply.JSON.createObjectNode();
      list.set("products", all);
      return Reply.json(200, list);
    }
    return find(id.get())
        .map(p -> Reply.json(200, productJson(p, summary)))
        .orElseGet(() -> noProduct(id.get()));
  }

  private static ObjectNode productJson(Product p, boolean summary) {
    ObjectNode node = Reply.JSON.createObjectNode();
    node.put("id", p.id());
    node.put("name", p.name());
    if (!summary) {
      node.put("description", p.description());
    }
    node.put("price", p.price());
    node.put("currency", p.currency());
    if (!summary) {
      node.put("category", p.category());
      node.put("stock", p.stock());
    }
    return node;
  }

  private Reply price(Map<String, String> values) {
    Optional<String> id = pick(values, "id", "productId");
    if (id.isEmpty()) {
      ArrayNode all = Reply.JSON.createArrayNode();
      PRODUCTS.forEach(p -> all.add(priceJson(p)));
      ObjectNode list = Reply.JSON.createObjectNode();
      list.set("prices", all);
      return Reply.json(200, list);
    }
    return find(id.get())
        .map(p -> Reply.json(200, priceJson(p)))
        .orElseGet(() -> noProduct(id.get()));
  }

  private static ObjectNode priceJson(Product p) {
    ObjectNode node = Reply.JSON.createObjectNode();
    node.put("productId", p.id());
    node.put("price", p.price());
    node.put("currency", p.currency());
    return node;
  }

  /** The same products for the same user every time, in an order of the user's own. */
  private Reply recommendations(Call call, Map<String, String> values) {
    String user = pick(values, "userId", "user").orElse("anonymous");
    int limit = limit(call);
    ObjectNode node = Reply.JSON.createObjectNode();
    node.put("userId", user);
    ArrayNode items = node.putArray("items");
    PRODUCTS.stream()
        .sorted(Comparator.comparingInt(p -> (user + ":" + p.id()).hashCode()))
        .limit(limit)
        .forEach(p -> items.add(productJson(p, true)));
    return Reply.json(200, node);
  }

  private Reply popular(Call call) {
    int limit = limit(call);
    ObjectNode node = Reply.JSON.createObjectNode();
    node.put("popular", true);
    ArrayNode items = node.putArray("items");
    POPULARITY.stream()
        .limit(limit)
        .forEach(id -> items.add(productJson(find(id).orElseThrow(), true)));
    return Reply.json(200, node);
  }

  /**
   * Places an order from a JSON object: 201 with a new order id and {@code Location}; the same
   * {@code Idempotency-Key} again answers that same order with 200 and places nothing, whatever its
   * body. A body that is not a JSON object is 400 and places nothing.
   */
  private synchronized Reply order(Call call) {
    Optional<String> key = call.header("idempotency-key").map(String::strip);
    if (key.isPresent() && ordersByKey.containsKey(key.get())) {
      return orderReply(200, ordersByKey.get(key.get()));
    }
    String text = new String(call.body(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return Reply.error(400, "bad request", "the order is empty; send a JSON object");
    }
    JsonNode order;
    try {
      order = Reply.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Reply.error(
          400, "bad request", "the order is not valid JSON: " + e.getOriginalMessage());
    }
    if (!order.isObject()) {
      return Reply.error(
          400, "bad request", "the order must be a JSON object, got a " + order.getNodeType());
    }
    ordersPlaced++;
    ObjectNode placed = Reply.JSON.createObjectNode();
    placed.put("orderId", "order-" + ordersPlaced);
    placed.put("status", "created");
    key.ifPresent(k -> placed.put("idempotencyKey", k));
    placed.set("order", order);
    key.ifPresent(k -> ordersByKey.put(k, placed));
    return orderReply(201, placed);
  }

  private static Reply orderReply(int status, JsonNode placed) {
    return Reply.json(status, placed)
        .withHeader("Location", "/orders/" + placed.get("orderId").asText());
  }

  /** How many orders were placed so far. */
  synchronized long ordersPlaced() {
    return ordersPlaced;
  }

  private static int limit(Call call) {
    try {
      int limit = Integer.parseInt(call.queryValue("limit").orElse("").strip());
      return Math.clamp(limit, 1, MAX_LIMIT);
    } catch (NumberFormatException e) {
      return DEFAULT_LIMIT;
    }
  }

  /** The first of the preferred placeholders that has a value, else any value. */
  private static Optional<String> pick(Map<String, String> values, String... preferred) {
    for (String name : preferred) {
      if (values.containsKey(name)) {
        return Optional.of(values.get(name));
      }
    }
    return values.values().stream().findFirst();
  }

  static Optional<Product> find(String id) {
    return PRODUCTS.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private static Reply noProduct(String id) {
    return Reply.error(
        404, "not found", "no product \"" + id + "\"; the demo shop has products 1 to 5");
  }
}
