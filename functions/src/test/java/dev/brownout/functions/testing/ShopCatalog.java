package dev.brownout.functions.testing;

/**
 * The shop the API's tests talk to: a read route with every kind of read fallback, a feature-gated
 * route with a degraded template, a route whose URL sets its own query, a queued write and a
 * read-only write; every upstream under one base URL.
 */
public final class ShopCatalog {
  private ShopCatalog() {}

  public static String yaml(String upstream) {
    return """
        app: shop
        dependencies:
          - name: catalog-service
            criticality: important
            check: {type: http, url: "%1$s/health"}
          - name: pricing
            criticality: important
            check: {type: http, url: "%1$s/health"}
          - name: orders
            criticality: important
            check: {type: tcp, host: 127.0.0.1, port: 1}
        features:
          - name: live-prices
            needs: [pricing]
        routes:
          - method: GET
            path: /products/{id}
            dependency: catalog-service
            primary: {url: "%1$s/products/{id}", timeout: 500ms}
            fallback:
              - cache: {maxStaleness: 10m, queryKeys: [lang]}
              - alternative: {url: "%1$s/alt/products/{id}", timeout: 500ms}
              - static: {body: '{"available":false}'}
          - method: GET
            path: /products/{id}/price
            dependency: pricing
            feature: live-prices
            primary: {url: "%1$s/prices/{id}", timeout: 500ms}
            fallback:
              - degraded: {body: '{"productId":"{id}","price":null}'}
          - method: GET
            path: /recommendations/{user}
            dependency: catalog-service
            primary: {url: "%1$s/reco?user={user}&limit=20", timeout: 500ms}
            fallback:
              - degraded: {url: "%1$s/reco/popular", timeout: 500ms}
          - method: POST
            path: /orders
            dependency: orders
            primary: {url: "%1$s/orders", timeout: 500ms}
            fallback: [queue]
          - method: POST
            path: /reviews
            dependency: catalog-service
            primary: {url: "%1$s/reviews", timeout: 500ms}
            fallback: [readOnly]
        """
        .formatted(upstream);
  }
}
