package dev.brownout.local.demo;

/** What a demo endpoint answers with; {@link Shop} makes the answers. */
enum Content {
  /** A product with every field: id, name, description, price, category, stock. */
  PRODUCT,
  /** A product with fewer fields (id, name, price): the alternative catalog's answer. */
  PRODUCT_SUMMARY,
  /** A product's price. */
  PRICE,
  /** Recommendations for the user named by the URL, up to its {@code limit}. */
  RECOMMENDATIONS,
  /** The most popular products, up to the request's {@code limit}. */
  POPULAR,
  /** Placing an order, once per {@code Idempotency-Key}. */
  ORDERS
}
