package dev.brownout.local.demo;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import java.nio.file.Path;

/** Catalogs for the demo's tests: the example shop's own, and small ones written in the test. */
final class Catalogs {
  private Catalogs() {}

  /** The repository's {@code brownout.yaml}; tests run in the module's directory. */
  static Catalog shop() {
    return CatalogLoader.load(Path.of(System.getProperty("brownout.root", ".."), "brownout.yaml"));
  }

  static Catalog parse(String yaml) {
    return CatalogLoader.parse("test.yaml", yaml);
  }

  /**
   * The shop's shape on the given ports, with short timeouts: checks 300 ms (recommendations 200
   * ms), routes 200 ms.
   */
  static Catalog small(String table, int catalog, int pricing, int orders, int recs, int alt) {
    return parse(
        """
        app: demo-test
        dependencies:
          - name: product-db
            criticality: critical
            check: {type: dynamodb, table: %1$s, timeout: 300ms}
          - name: catalog-service
            criticality: important
            check:
              type: http
              url: http://localhost:%2$d/health
              timeout: 300ms
              bodyMatch: '"status"\\s*:\\s*"UP"'
          - name: pricing
            criticality: important
            check: {type: http, url: http://localhost:%3$d/health, timeout: 300ms}
          - name: orders
            criticality: important
            check: {type: tcp, host: localhost, port: %4$d, timeout: 300ms}
          - name: recommendations
            criticality: optional
            check: {type: http, url: http://localhost:%5$d/health, timeout: 200ms}
        routes:
          - method: GET
            path: /products/{id}
            dependency: catalog-service
            primary: {url: 'http://localhost:%2$d/products/{id}', timeout: 200ms}
            fallback:
              - alternative: {url: 'http://localhost:%6$d/products/{id}', timeout: 200ms}
          - method: GET
            path: /products/{id}/price
            dependency: pricing
            primary: {url: 'http://localhost:%3$d/prices/{id}', timeout: 200ms}
          - method: GET
            path: /recommendations/{userId}
            dependency: recommendations
            primary:
              url: 'http://localhost:%5$d/recommendations?user={userId}&limit=20'
              timeout: 200ms
            fallback:
              - degraded:
                  url: 'http://localhost:%5$d/recommendations/popular?limit=5'
                  timeout: 200ms
          - method: POST
            path: /orders
            dependency: orders
            primary: {url: 'http://localhost:%4$d/orders', timeout: 200ms}
        """
            .formatted(table, catalog, pricing, orders, recs, alt));
  }
}
