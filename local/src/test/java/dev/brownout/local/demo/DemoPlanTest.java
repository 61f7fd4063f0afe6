package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

  private static DemoPlan.Service service(DemoPlan plan, String name) {
    return plan.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> endpoints(DemoPlan.Service s) {
    return s.endpoints().stream().map(e -> e + " " + e.content()).toList();
  }

  @Test
  void theShopBecomesFiveServicesOnItsPortsAndOneTable() {
    DemoPlan plan = DemoPlan.of(Catalogs.shop());

    assertThat(plan.notes()).isEmpty();
    assertThat(plan.tables())
        .containsExactly(
            new DemoPlan.Table("product-db", "shop-products", Duration.ofMillis(2500)));
    assertThat(plan.services())
        .extracting(DemoPlan.Service::name, DemoPlan.Service::dependency, DemoPlan.Service::ports)
        .containsExactly(
            tuple("catalog-service", "catalog-service", List.of(8081)),
            tuple("pricing", "pricing", List.of(8082)),
            tuple("orders", "orders", List.of(8083)),
            tuple("recommendations", "recommendations", List.of(8084)),
            tuple("catalog-service-alternative", "catalog-service", List.of(8085)));

    assertThat(endpoints(service(plan, "catalog-service")))
        .containsExactly("GET /products/{id} PRODUCT");
    assertThat(endpoints(service(plan, "pricing"))).containsExactly("GET /prices/{id} PRICE");
    assertThat(endpoints(service(plan, "orders"))).containsExactly("POST /orders ORDERS");
    assertThat(endpoints(service(plan, "recommendations")))
        .containsExactly(
            "GET /recommendations RECOMMENDATIONS", "GET /recommendations/popular POPULAR");
    assertThat(endpoints(service(plan, "catalog-service-alternative")))
        .containsExactly("GET /products/{id} PRODUCT_SUMMARY");
    assertThat(service(plan, "catalog-service").healthPaths()).containsExactly("/health");
  }

  @Test
  void slowMeansTheLongestCheckOrRouteTimeoutThatReachesTheServicePlusHalfASecond() {
    DemoPlan plan = DemoPlan.of(Catalogs.shop());
    // catalog-service: check 2s > primary 1s; the alternative: 800ms; recommendations: check 1s
    // > 300ms calls; orders: tcp check 2s = route 2s; pricing: the default check timeout, 2s.
    assertThat(plan.services())
        .extracting(DemoPlan.Service::name, s -> s.slowBy().toMillis())
        .containsExactly(
            tuple("catalog-service", 2500L),
            tuple("pricing", 2500L),
            tuple("orders", 2500L),
            tuple("recommendations", 1500L),
            tuple("catalog-service-alternative", 1300L));
  }

  @Test
  void editedPortsAndPathsAreWhereTheServicesListenAndAnswer() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: catalog-service
            criticality: important
            check: {type: http, url: 'http://127.0.0.1:9181/status/live', timeout: 5s}
            interval: 10s
        routes:
          - method: GET
            path: /items/{sku}
            dependency: catalog-service
            primary: {url: 'http://localhost:9181/v2/catalog/items/{sku}', timeout: 7s}
            fallback:
              - alternative: {url: 'http://localhost:9185/items/{sku}', timeout: 1s}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.notes()).isEmpty();
    DemoPlan.Service main = service(plan, "catalog-service");
    assertThat(main.ports()).containsExactly(9181);
    assertThat(main.healthPaths()).containsExactly("/health", "/status/live");
    assertThat(endpoints(main)).containsExactly("GET /v2/catalog/items/{sku} PRODUCT");
    assertThat(main.slowBy()).isEqualTo(Duration.ofMillis(7500));
    assertThat(service(plan, "catalog-service-alternative").ports()).containsExactly(9185);
  }

  @Test
  void aDependencyTheDemoDoesNotKnowIsReportedAndLeftOut() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: inventory
            criticality: important
            check: {type: http, url: 'http://localhost:8090/health'}
          - name: pricing
            criticality: important
            check: {type: tcp, host: localhost, port: 8082}
        routes:
          - method: GET
            path: /stock/{id}
            dependency: inventory
            primary: {url: 'http://localhost:8090/stock/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services()).extracting(DemoPlan.Service::name).containsExactly("pricing");
    assertThat(plan.notes())
        .containsExactly(
            "the demo has no service for the dependency inventory (it has catalog-service,"
                + " pricing, recommendations, orders and DynamoDB tables): its checks will fail"
                + " and its routes fall back");
  }

  @Test
  void urlsOffLocalhostOrOverHttpsAreReportedAndLeftOut() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: catalog-service
            criticality: important
            check: {type: http, url: 'https://localhost:8443/health'}
          - name: pricing
            criticality: important
            check: {type: http, url: 'http://pricing.internal:8082/health'}
          - name: orders
            criticality: important
            check: {type: tcp, host: orders.internal, port: 8083}
        routes:
          - method: GET
            path: /products/{id}
            dependency: catalog-service
            primary: {url: 'http://localhost:8081/products/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services())
        .extracting(DemoPlan.Service::name, DemoPlan.Service::ports)
        .containsExactly(tuple("catalog-service", List.of(8081)));
    assertThat(plan.notes())
        .containsExactly(
            "catalog-service's check https://localhost:8443/health is https (the demo serves"
                + " plain http only): not served",
            "pricing's check http://pricing.internal:8082/health is not on localhost (the demo"
                + " listens on 127.0.0.1): not served",
            "orders's check tcp orders.internal:8083 is not on localhost (the demo listens on"
                + " 127.0.0.1): not served");
  }

  @Test
  void aPortTwoDependenciesNameIsServedByTheFirstUnderItsFaultsWithANote() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: catalog-service
            criticality: important
            check: {type: http, url: 'http://localhost:8081/health'}
          - name: pricing
            criticality: important
            check: {type: http, url: 'http://localhost:8081/pricing/health'}
        routes:
          - method: GET
            path: /products/{id}/price
            dependency: pricing
            primary: {url: 'http://localhost:8081/prices/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services())
        .extracting(DemoPlan.Service::name)
        .containsExactly("catalog-service");
    DemoPlan.Service shared = service(plan, "catalog-service");
    assertThat(shared.healthPaths()).containsExactly("/health", "/pricing/health");
    assertThat(endpoints(shared)).containsExactly("GET /prices/{id} PRICE");
    assertThat(plan.notes())
        .containsExactly(
            "pricing's check http://localhost:8081/pricing/health is on port 8081, which the demo"
                + " serves as catalog-service: served there, under catalog-service's faults",
            "GET /products/{id}/price's primary http://localhost:8081/prices/{id} is on port"
                + " 8081, which the demo serves as catalog-service: served there, under"
                + " catalog-service's faults");
  }

  @Test
  void anAlternativeOnItsDependencysOwnPortIsPartOfThatServiceWithANote() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: catalog-service
            criticality: important
            check: {type: http, url: 'http://localhost:8081/health'}
        routes:
          - method: GET
            path: /products/{id}
            dependency: catalog-service
            primary: {url: 'http://localhost:8081/products/{id}'}
            fallback:
              - alternative: {url: 'http://localhost:8081/lite/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services()).hasSize(1);
    assertThat(endpoints(plan.services().get(0)))
        .containsExactly("GET /products/{id} PRODUCT", "GET /lite/{id} PRODUCT_SUMMARY");
    assertThat(plan.notes())
        .containsExactly(
            "GET /products/{id}'s alternative http://localhost:8081/lite/{id} is on a port of"
                + " catalog-service itself: it fails whenever that does");
  }

  @Test
  void anAlternativesNameNeverTakesADependencysName() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: pricing
            criticality: important
            check: {type: http, url: 'http://localhost:8082/health'}
          - name: pricing-alternative
            criticality: optional
            check: {type: dynamodb, table: prices}
        routes:
          - method: GET
            path: /prices/{id}
            dependency: pricing
            primary: {url: 'http://localhost:8082/prices/{id}'}
            fallback:
              - alternative: {url: 'http://localhost:8092/prices/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services())
        .extracting(DemoPlan.Service::name)
        .containsExactly("pricing", "pricing-alternative-2");
    assertThat(plan.tables())
        .extracting(DemoPlan.Table::name)
        .containsExactly("pricing-alternative");
  }

  @Test
  void everyDynamoDbCheckIsATableWhateverItsNameAndASharedTableIsReported() {
    String yaml =
        """
        app: shop
        dependencies:
          - name: users-db
            criticality: critical
            check: {type: dynamodb, table: users, timeout: 1s}
          - name: users-db-again
            criticality: optional
            check: {type: dynamodb, table: users}
        routes:
          - method: GET
            path: /users/{id}
            dependency: users-db
            primary: {url: 'http://localhost:8099/users/{id}'}
        """;
    DemoPlan plan = DemoPlan.of(Catalogs.parse(yaml));
    assertThat(plan.services()).isEmpty();
    assertThat(plan.tables())
        .containsExactly(new DemoPlan.Table("users-db", "users", Duration.ofMillis(1500)));
    assertThat(plan.notes())
        .containsExactly(
            "users-db-again checks the table users as users-db does: the table's faults are"
                + " users-db's",
            "GET /users/{id} belongs to users-db, a DynamoDB table: the demo serves none of its"
                + " URLs");
  }
}
