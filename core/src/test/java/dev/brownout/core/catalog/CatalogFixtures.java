package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

/** A small valid catalog, and variations of it with one thing changed. */
final class CatalogFixtures {
  static final String VALID =
      """
      app: shop
      dependencies:
        - name: db
          criticality: critical
          check: {type: dynamodb, table: shop-products}
        - name: catalog
          criticality: important
          check: {type: http, url: "http://localhost:8081/health"}
          failureThreshold: 3
          interval: 10s
        - name: recs
          criticality: optional
          check: {type: tcp, host: localhost, port: 8084}
      features:
        - name: recommendations
          needs: [recs]
      routes:
        - method: GET
          path: /products/{id}
          dependency: catalog
          primary: {url: "http://localhost:8081/products/{id}"}
          fallback:
            - cache: {maxStaleness: 5m}
            - static: {body: "{}"}
      """;

  private CatalogFixtures() {}

  /** {@link #VALID} with {@code target} replaced; fails if the target is not there. */
  static String validWith(String target, String replacement) {
    assertThat(VALID).contains(target);
    return VALID.replace(target, replacement);
  }

  static String validPlus(String yaml) {
    return VALID + yaml;
  }
}
