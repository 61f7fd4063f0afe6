package dev.brownout.core.catalog;

import static dev.brownout.core.catalog.CatalogFixtures.VALID;
import static dev.brownout.core.catalog.CatalogFixtures.validPlus;
import static dev.brownout.core.catalog.CatalogFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogLoaderTest {

  @Test
  void exampleCatalogAtTheRepositoryRootLoadsWithEveryKindOfPart() {
    Catalog catalog = CatalogLoader.load(Path.of("..", "brownout.yaml"));

    assertThat(catalog.app()).isEqualTo("shop");
    assertThat(catalog.parameterPrefix()).isEqualTo("/brownout/shop");
    assertThat(catalog.dependencies())
        .extracting(d -> d.check().type())
        .contains("http", "tcp", "dynamodb");
    assertThat(catalog.dependencies())
        .extracting(Dependency::criticality)
        .contains(Criticality.CRITICAL, Criticality.IMPORTANT, Criticality.OPTIONAL);
    assertThat(catalog.routes())
        .flatExtracting(Route::fallback)
        .extracting(Fallback::kind)
        .contains("cache", "alternative", "static", "degraded", "queue");
    assertThat(catalog.policy()).isEqualTo(Policy.DEFAULT);
  }

  @Test
  void validCatalogReadsEveryValueAndFillsDefaults() {
    Catalog catalog = CatalogLoader.parse("test.yaml", VALID);

    Dependency catalogService = catalog.dependency("catalog").orElseThrow();
    assertThat(catalogService.criticality()).isEqualTo(Criticality.IMPORTANT);
    assertThat(catalogService.failureThreshold()).isEqualTo(3);
    assertThat(catalogService.recoveryThreshold()).isEqualTo(Dependency.DEFAULT_RECOVERY_THRESHOLD);
    assertThat(catalogService.detectionTime()).isEqualTo(Duration.ofSeconds(40));
    var http = (HealthCheck.Http) catalogService.check();
    assertThat(http.method()).isEqualTo("GET");
    assertThat(http.expects(204)).isTrue();
    assertThat(http.expects(301)).isFalse();
    assertThat(http.timeout()).isEqualTo(HealthCheck.DEFAULT_TIMEOUT);
    assertThat(catalog.dependency("recs").orElseThrow().check())
        .isEqualTo(new HealthCheck.Tcp("localhost", 8084, HealthCheck.DEFAULT_TIMEOUT));

    Route route = catalog.routes().get(0);
    assertThat(route.id()).isEqualTo("GET /products/{id}");
    assertThat(route.primary().timeout()).isEqualTo(Upstream.DEFAULT_TIMEOUT);
    assertThat(route.fallback())
        .containsExactly(
            new Fallback.Cache(Duration.ofMinutes(5), List.of(), false),
            new Fallback.Static(new CannedResponse(200, java.util.Map.of(), "{}")));
    assertThat(catalog.feature("recommendations").orElseThrow())
        .isEqualTo(
            new Feature("recommendations", List.of("recs"), Optional.empty(), List.of(), true));
  }

  @Test
  void aCatalogHasAQueueFallbackOnlyWhenSomeRouteHasAQueueStep() {
    assertThat(CatalogLoader.parse("test.yaml", VALID).hasQueueFallback()).isFalse();
    assertThat(CatalogLoader.load(Path.of("..", "brownout.yaml")).hasQueueFallback()).isTrue();
  }

  @Test
  void policyRulesInTheCatalogReplaceTheDefaults() {
    Catalog catalog =
        CatalogLoader.parse(
            "test.yaml",
            validPlus(
                """
                policy:
                  minDwell: 30s
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {dependency: catalog, level: MINIMAL}
                """));

    assertThat(catalog.policy().minDwell()).isEqualTo(Duration.ofSeconds(30));
    assertThat(catalog.policy().rules())
        .containsExactly(
            new LevelRule.ByCriticality(Criticality.CRITICAL, 1, Level.EMERGENCY),
            new LevelRule.ByDependency("catalog", Level.MINIMAL));
  }

  @Test
  void criticalDependenciesCoveredOneByOneAndAnIpv6HostAreAccepted() {
    Catalog catalog =
        CatalogLoader.parse(
            "test.yaml",
            validWith("host: localhost", "host: \"::1\"")
                + """
                policy:
                  rules:
                    - {dependency: db, level: EMERGENCY}
                    - {criticality: important, atLeast: 1, level: REDUCED}
                """);

    assertThat(catalog.dependency("recs").orElseThrow().check())
        .isEqualTo(new HealthCheck.Tcp("::1", 8084, HealthCheck.DEFAULT_TIMEOUT));
  }

  /** The catalog's own second important dependency, so that a rule may name one of two. */
  private static final String PRICING =
      """
        - name: pricing
          criticality: important
          check: {type: tcp, host: localhost, port: 8082}
        - name: recs
      """;

  @Test
  void aCatalogWithoutCriticalDependenciesMayRaiseTheLevelForImportantOnes() {
    // The validator once judged 1 critical unhealthy to give "no level" here, and refused it,
    // though no critical dependency exists to be unhealthy.
    Catalog catalog =
        CatalogLoader.parse(
            "test.yaml",
            validWith("criticality: critical", "criticality: important")
                + """
                policy:
                  rules:
                    - {criticality: important, atLeast: 1, level: REDUCED}
                """);

    assertThat(catalog.dependencies())
        .extracting(Dependency::criticality)
        .doesNotContain(Criticality.CRITICAL);
  }

  @Test
  void aRuleOnOneImportantDependencyMayNotOutweighTheCriticalOnes() {
    // The validator once counted rules by criticality only and let this through: the evaluator
    // gives MINIMAL when catalog fails and REDUCED when db does.
    String yaml =
        validWith("  - name: recs\n", PRICING)
            + """
            policy:
              rules:
                - {criticality: critical, atLeast: 1, level: REDUCED}
                - {criticality: important, atLeast: 1, level: REDUCED}
                - {dependency: catalog, level: MINIMAL}
            """;

    assertThatThrownBy(() -> CatalogLoader.parse("shop.yaml", yaml))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(
                            "policy.rules",
                            29,
                            "contradiction: 1 important unhealthy (catalog) gives MINIMAL, but 1"
                                + " critical unhealthy gives REDUCED; a critical dependency must"
                                + " weigh at least as much as an important one")));
  }

  @Test
  void criticalAgainstImportantIsJudgedForAsManyAsTheCatalogHas() {
    String rules =
        """
        policy:
          rules:
            - {criticality: critical, atLeast: 1, level: MINIMAL}
            - {criticality: important, atLeast: 1, level: REDUCED}
            - {criticality: important, atLeast: 2, level: EMERGENCY}
        """;
    String oneCritical = validWith("  - name: recs\n", PRICING) + rules;
    String twoCritical =
        oneCritical.replace(
            "  - name: recs\n",
            "  - name: ledger\n    criticality: critical\n"
                + "    check: {type: dynamodb, table: shop-ledger}\n  - name: recs\n");

    assertThat(CatalogLoader.parse("shop.yaml", oneCritical).dependencies()).hasSize(4);
    assertThatThrownBy(() -> CatalogLoader.parse("shop.yaml", twoCritical))
        .hasMessageContaining(
            "policy.rules: contradiction: 2 important unhealthy gives EMERGENCY, but 2 critical"
                + " unhealthy gives MINIMAL");
  }

  @Test
  void rulesBuiltInCodeWithoutWhatTheyCountAreRefusedNotThrown() {
    Catalog valid = CatalogLoader.parse("test.yaml", VALID);
    Catalog broken =
        new Catalog(
            valid.app(),
            valid.dependencies(),
            valid.features(),
            valid.routes(),
            new Policy(
                List.of(
                    new LevelRule.ByCriticality(Criticality.CRITICAL, 1, Level.EMERGENCY),
                    new LevelRule.ByCriticality(null, 2, Level.REDUCED),
                    new LevelRule.ByCriticality(null, 1, Level.MINIMAL),
                    new LevelRule.ByDependency(null, Level.MINIMAL)),
                Policy.DEFAULT_MIN_DWELL));

    assertThat(CatalogValidator.problems(broken))
        .containsExactly(
            new Problem("policy.rules[1].criticality", 0, "required"),
            new Problem("policy.rules[2].criticality", 0, "required"),
            new Problem("policy.rules[3].dependency", 0, "required"));
  }

  @Test
  void fallbackStepsMayBeBareNamesThatTakeTheirDefaults() {
    Catalog catalog =
        CatalogLoader.parse(
            "test.yaml",
            validPlus(
                """
                  - method: POST
                    path: /orders
                    dependency: catalog
                    primary: {url: "http://localhost:8083/orders", timeout: 2s}
                    fallback: [readOnly]
                """));

    assertThat(catalog.routes().get(1).fallback())
        .containsExactly(new Fallback.ReadOnly(Fallback.ReadOnly.DEFAULT_MESSAGE));
  }

  static Stream<Arguments> malformedCatalogs() {
    return Stream.of(
        bad("empty file", "", "(catalog)", "the catalog is empty"),
        bad("only a comment", "# nothing here\n", "(catalog)", "the catalog is empty"),
        bad("not YAML", "app: [shop\ndependencies: {", "(catalog)", "not valid YAML"),
        bad("a list at the root", "- app: shop\n", "(catalog)", "expected a mapping"),
        bad(
            "misspelt top-level key",
            validPlus("dependancies: []\n"),
            "dependancies",
            "unknown key \"dependancies\" (did you mean \"dependencies\"?)"),
        bad(
            "unknown key in a dependency",
            validWith("failureThreshold: 3", "failureTreshold: 3"),
            "dependencies[1].failureTreshold",
            "did you mean \"failureThreshold\"?"),
        bad(
            "a word where a number belongs",
            validWith("failureThreshold: 3", "failureThreshold: three"),
            "dependencies[1].failureThreshold",
            "expected a whole number, got \"three\""),
        bad(
            "a mapping where a list belongs",
            validWith("needs: [recs]", "needs: {recs: true}"),
            "features[0].needs",
            "expected a list, got a mapping"),
        bad(
            "a list where a string belongs",
            validWith("app: shop", "app: [shop]"),
            "app",
            "expected a string, got a list"),
        bad(
            "unknown criticality",
            validWith("criticality: optional", "criticality: vital"),
            "dependencies[2].criticality",
            "expected one of critical, important, optional, got \"vital\""),
        bad(
            "unknown check type",
            validWith("type: tcp", "type: ping"),
            "dependencies[2].check.type",
            "unknown check type \"ping\""),
        bad(
            "route calls an unknown dependency",
            validWith("dependency: catalog", "dependency: catalogue"),
            "routes[0].dependency",
            "no dependency is named \"catalogue\" (did you mean \"catalog\"?)"),
        bad(
            "feature needs an unknown dependency",
            validWith("needs: [recs]", "needs: [recommendation-engine]"),
            "features[0].needs[0]",
            "no dependency is named \"recommendation-engine\"; known: catalog, db, recs"),
        bad(
            "route gated by an unknown feature",
            validWith("dependency: catalog\n", "dependency: catalog\n    feature: reviews\n"),
            "routes[0].feature",
            "no feature is named \"reviews\""),
        bad(
            "two dependencies with one name",
            validWith("- name: recs", "- name: db"),
            "dependencies[2].name",
            "another dependency is already named \"db\""),
        bad(
            "two features with one name",
            validWith(
                "    needs: [recs]\n",
                "    needs: [recs]\n  - name: recommendations\n    needs: [catalog]\n"),
            "features[1].name",
            "another feature is already named \"recommendations\""),
        bad(
            "URL placeholder the path does not have",
            validWith("products/{id}\"}", "products/{sku}\"}"),
            "routes[0].primary.url",
            "the placeholder {sku} is not a parameter of the route's path (it has {id})"),
        bad(
            "placeholder in the upstream host",
            validWith("http://localhost:8081/products/{id}", "http://{id}.internal/products"),
            "routes[0].primary.url",
            "placeholder in its host"),
        bad(
            "upstream URL that is not http",
            validWith("http://localhost:8081/products/{id}", "ftp://localhost/products/{id}"),
            "routes[0].primary.url",
            "must be an absolute http:// or https:// URL"),
        bad(
            "negative threshold",
            validWith("failureThreshold: 3", "failureThreshold: -1"),
            "dependencies[1].failureThreshold",
            "must be between 1 and 100, got -1"),
        bad(
            "duration that is not one",
            validWith("maxStaleness: 5m", "maxStaleness: soon"),
            "routes[0].fallback[0].cache.maxStaleness",
            "expected a duration like 30s or 5m, got \"soon\""),
        bad(
            "duration without a unit",
            validWith("interval: 10s", "interval: 10"),
            "dependencies[1].interval",
            "expected a duration like 30s or 5m, got \"10\""),
        bad(
            "features that require each other in a circle",
            validWith(
                "    needs: [recs]\n",
                "    needs: [recs]\n    requires: [banners]\n  - name: banners\n    requires: [recommendations]\n"),
            "features[0].requires",
            "features require each other in a circle: recommendations -> banners -> recommendations"),
        bad(
            "policy where more failures lower the level",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {criticality: important, atLeast: 1, level: MINIMAL}
                    - {criticality: important, atLeast: 2, level: REDUCED}
                """),
            "policy.rules[2]",
            "more unhealthy dependencies must never lower the level"),
        bad(
            "policy giving one condition two levels",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {criticality: critical, atLeast: 1, level: MINIMAL}
                """),
            "policy.rules[1]",
            "contradicts policy.rules[0]: the same condition gives MINIMAL here and EMERGENCY there"),
        bad(
            "policy where optional dependencies raise the level",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {criticality: optional, atLeast: 1, level: REDUCED}
                """),
            "policy.rules[1].criticality",
            "optional dependencies never raise the level"),
        bad(
            "policy where important outweighs critical",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: REDUCED}
                    - {criticality: important, atLeast: 1, level: MINIMAL}
                """),
            "policy.rules",
            "a critical dependency must weigh at least as much as an important one"),
        bad(
            "policy that ignores a critical dependency",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: important, atLeast: 1, level: REDUCED}
                """),
            "policy.rules",
            "no rule fires when the critical dependency db is unhealthy"),
        bad(
            "policy rule raising to FULL",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {dependency: catalog, level: FULL}
                """),
            "policy.rules[1].level",
            "FULL is the level when no rule fires"),
        bad(
            "fallback step after one that always answers",
            validWith("- static: {body: \"{}\"}", "- static: {body: \"{}\"}\n      - cache"),
            "routes[0].fallback[2].cache",
            "can never be reached: fallback[1] (static) always answers"),
        bad(
            "queue on a read",
            validWith("- static: {body: \"{}\"}", "- queue"),
            "routes[0].fallback[1].queue",
            "queue is for writes"),
        bad(
            "cache on a write",
            validWith("method: GET", "method: POST"),
            "routes[0].fallback[0].cache",
            "a cache answers reads; POST is a write"),
        bad(
            "unknown fallback kind",
            validWith("- cache: {maxStaleness: 5m}", "- cached: {maxStaleness: 5m}"),
            "routes[0].fallback[0].cached",
            "unknown fallback \"cached\" (did you mean \"cache\"?)"),
        bad(
            "the same key twice",
            validWith("app: shop", "app: shop\napp: store"),
            "app",
            "\"app\" is given twice"),
        bad(
            "check timeout longer than the interval",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", timeout: 15s}"),
            "dependencies[1].check.timeout",
            "must be shorter than the check interval (10s)"),
        bad(
            "route under Brownout's own prefix",
            validWith("path: /products/{id}", "path: /_brownout/products/{id}"),
            "routes[0].path",
            "/_brownout is reserved"),
        bad(
            "two routes that cannot be told apart",
            validPlus(
                """
                  - method: GET
                    path: /products/{sku}
                    dependency: catalog
                    primary: {url: "http://localhost:8081/items/{sku}"}
                """),
            "routes[1]",
            "cannot be told apart from routes[0]"),
        bad(
            "degraded answer with both a call and a body",
            validWith(
                "- static: {body: \"{}\"}",
                "- degraded: {url: \"http://localhost:8081/lite/{id}\", body: \"{}\"}"),
            "routes[0].fallback[1].degraded",
            "give either url (a cheaper call) or body (a reduced answer), not both"),
        bad("missing app name", validWith("app: shop\n", ""), "app", "required"),
        bad(
            "app name that cannot name a table",
            validWith("app: shop", "app: My Shop"),
            "app",
            "got \"My Shop\""),
        bad(
            "body match that is not a regular expression",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", bodyMatch: \"(UP\"}"),
            "dependencies[1].check.bodyMatch",
            "not a valid regular expression"),
        bad(
            "latency budget beyond the timeout",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", latencyBudget: 5s}"),
            "dependencies[1].check.latencyBudget",
            "must be shorter than the timeout (2s)"),
        bad(
            "feature switched off at FULL",
            validWith("needs: [recs]", "needs: [recs]\n    offAt: FULL"),
            "features[0].offAt",
            "FULL would switch the feature off for good"),
        bad(
            "level that does not exist",
            validWith("needs: [recs]", "needs: [recs]\n    offAt: REDUCD"),
            "features[0].offAt",
            "got \"REDUCD\" (did you mean \"REDUCED\"?)"),
        bad(
            "path template with a partial parameter",
            validWith("path: /products/{id}", "path: /products/item-{id}"),
            "routes[0].path",
            "neither a literal"),
        bad(
            "interval longer than the health check's minute",
            validWith("interval: 10s", "interval: 5m"),
            "dependencies[1].interval",
            "must be between 1s and 1m"),
        bad(
            "check timeout longer than the function's window allows",
            validWith("interval: 10s", "interval: 1m")
                .replace(
                    "url: \"http://localhost:8081/health\"}",
                    "url: \"http://localhost:8081/health\", timeout: 45s}"),
            "dependencies[1].check.timeout",
            "must be at most 30s"),
        bad(
            "body match on HEAD",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", method: HEAD, bodyMatch: UP}"),
            "dependencies[1].check.bodyMatch",
            "a HEAD answer has no body to match"),
        bad(
            "degraded body placeholder on a route without parameters",
            validPlus(
                """
                  - method: GET
                    path: /deals
                    dependency: catalog
                    primary: {url: "http://localhost:8081/deals"}
                    fallback:
                      - degraded: {body: '{"deal":"{id}"}'}
                """),
            "routes[1].fallback[0].degraded.body",
            "the placeholder {id} is not a parameter of the route's path (it has none)"),
        bad(
            "route path with a dot segment",
            validWith("path: /products/{id}", "path: /products/../{id}"),
            "routes[0].path",
            "segment \"..\" of \"/products/../{id}\" is a dot segment"),
        bad(
            "two routes naming different parameters at one place of the path tree",
            validPlus(
                """
                  - method: GET
                    path: /products/{sku}/reviews
                    dependency: catalog
                    primary: {url: "http://localhost:8081/reviews/{sku}"}
                """),
            "routes[1].path",
            "names the parameter {sku} after /products, where routes[0] (GET /products/{id})"
                + " names {id}"),
        bad(
            "degraded body placeholder in a body that is not JSON",
            validPlus(
                """
                  - method: GET
                    path: /offers/{id}
                    dependency: catalog
                    primary: {url: "http://localhost:8081/offers/{id}"}
                    fallback:
                      - degraded: {headers: {Content-Type: text/html}, body: '<p>{id}</p>'}
                """),
            "routes[1].fallback[0].degraded.body",
            "the placeholder \"{id}\" is filled only in a JSON body, and the content type is"
                + " \"text/html\""),
        bad(
            "upstream URL with a placeholder as a query parameter name",
            validWith("products/{id}\"}", "products?{id}=1\"}"),
            "routes[0].primary.url",
            "placeholder in the query parameter name \"{id}\""),
        bad(
            "no dependencies at all",
            "app: shop\ndependencies: []\n",
            "dependencies",
            "list at least one dependency: Brownout degrades when dependencies fail"),
        bad(
            "dependency name that cannot name a resource",
            validWith("- name: recs", "- name: Recs"),
            "dependencies[2].name",
            "must be lowercase letters, digits or -, starting with a letter, at most 63 long,"
                + " got \"Recs\""),
        bad(
            "health check method that cannot check",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", method: TRACE}"),
            "dependencies[1].check.method",
            "expected one of GET, HEAD, POST, OPTIONS, got \"TRACE\""),
        bad(
            "expected status that is not an HTTP status",
            validWith(
                "url: \"http://localhost:8081/health\"}",
                "url: \"http://localhost:8081/health\", expectStatus: [200, 700]}"),
            "dependencies[1].check.expectStatus",
            "HTTP statuses are between 100 and 599, got 700"),
        bad(
            "check host that is not a host name",
            validWith("host: localhost", "host: \"local host\""),
            "dependencies[2].check.host",
            "expected a host name or IP address, got \"local host\""),
        bad(
            "check port beyond 65535",
            validWith("port: 8084", "port: 70000"),
            "dependencies[2].check.port",
            "must be between 1 and 65535, got 70000"),
        bad(
            "check table that cannot be a DynamoDB table",
            validWith("table: shop-products", "table: \"shop products\""),
            "dependencies[0].check.table",
            "expected a DynamoDB table name (3-255 letters, digits, _ . -), got \"shop products\""),
        bad(
            "feature that requires itself",
            validWith("needs: [recs]", "needs: [recs]\n    requires: [recommendations]"),
            "features[0].requires[0]",
            "a feature cannot require itself"),
        bad(
            "route method that is not one",
            validWith("method: GET", "method: FETCH"),
            "routes[0].method",
            "expected one of DELETE, GET, HEAD, PATCH, POST, PUT, got \"FETCH\""),
        bad(
            "upstream timeout beyond API Gateway's limit",
            validWith("products/{id}\"}", "products/{id}\", timeout: 40s}"),
            "routes[0].primary.timeout",
            "must be at most 29s (API Gateway's integration limit), got 40s"),
        bad(
            "cache that is stale at once",
            validWith("maxStaleness: 5m", "maxStaleness: 0s"),
            "routes[0].fallback[0].cache.maxStaleness",
            "must be longer than 0s, got 0s"),
        bad(
            "cache keyed by something that is not a query parameter name",
            validWith("maxStaleness: 5m}", "maxStaleness: 5m, queryKeys: [\"a b\"]}"),
            "routes[0].fallback[0].cache.queryKeys[0]",
            "expected a query parameter name, got \"a b\""),
        bad(
            "one fallback kind twice",
            validWith("- cache: {maxStaleness: 5m}", "- cache: {maxStaleness: 5m}\n      - cache"),
            "routes[0].fallback[1].cache",
            "fallback[0] is already a cache step; each kind may appear once"),
        bad(
            "static answer with a status that is not an answer",
            validWith("- static: {body: \"{}\"}", "- static: {status: 100, body: \"{}\"}"),
            "routes[0].fallback[1].static.status",
            "must be between 200 and 599, got 100"),
        bad(
            "static answer with a header name that is not one",
            validWith(
                "- static: {body: \"{}\"}", "- static: {headers: {\"X Bad\": a}, body: \"{}\"}"),
            "routes[0].fallback[1].static.headers.X Bad",
            "not a valid header name"),
        bad(
            "static answer with a header value on two lines",
            validWith(
                "- static: {body: \"{}\"}",
                "- static: {headers: {X-Note: \"a\\nb\"}, body: \"{}\"}"),
            "routes[0].fallback[1].static.headers.X-Note",
            "a header value must be one line"),
        bad(
            "degraded answer with neither a call nor a body",
            validWith("- static: {body: \"{}\"}", "- degraded"),
            "routes[0].fallback[1].degraded",
            "give either url (a cheaper call) or body (a reduced answer), not neither"),
        bad(
            "queue retried more often than allowed",
            validPlus(
                """
                  - method: POST
                    path: /orders
                    dependency: catalog
                    primary: {url: "http://localhost:8083/orders"}
                    fallback:
                      - queue: {maxAttempts: 101}
                """),
            "routes[1].fallback[0].queue.maxAttempts",
            "must be between 1 and 100, got 101"),
        bad(
            "minimum dwell longer than a day",
            validPlus("policy:\n  minDwell: 25h\n"),
            "policy.minDwell",
            "must be between 0s and 24h, got 25h"),
        bad(
            "policy rule that counts no dependency",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 0, level: EMERGENCY}
                """),
            "policy.rules[0].atLeast",
            "must be at least 1, got 0"),
        bad(
            "policy rule naming an unknown dependency",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {dependency: catalogue, level: REDUCED}
                """),
            "policy.rules[1].dependency",
            "no dependency is named \"catalogue\" (did you mean \"catalog\"?)"),
        bad(
            "policy rule naming an optional dependency",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {dependency: recs, level: REDUCED}
                """),
            "policy.rules[1].dependency",
            "recs is optional, and optional dependencies never raise the level"),
        bad(
            "policy giving one rule twice",
            validPlus(
                """
                policy:
                  rules:
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                    - {criticality: critical, atLeast: 1, level: EMERGENCY}
                """),
            "policy.rules[1]",
            "repeats policy.rules[0]"),
        bad(
            "yes where a boolean belongs",
            validWith("maxStaleness: 5m}", "maxStaleness: 5m, public: yes}"),
            "routes[0].fallback[0].cache.public",
            "expected true or false, got \"yes\""));
  }

  private static Arguments bad(String scenario, String yaml, String path, String message) {
    return Arguments.of(scenario, yaml, path, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedCatalogs")
  void malformedCatalogIsRefusedWithThePathAndWhatIsWrong(
      String scenario, String yaml, String path, String message) {
    assertThatThrownBy(() -> CatalogLoader.parse("shop.yaml", yaml))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.problems())
                  .as("problems of %s", scenario)
                  .anySatisfy(
                      p -> {
                        assertThat(p.path()).isEqualTo(path);
                        assertThat(p.message()).contains(message);
                      });
              assertThat(e.getMessage())
                  .startsWith("The catalog shop.yaml has ")
                  .doesNotContain("Exception");
            });
  }

  @Test
  void aDegradedBodyPlaceholderOutsideAJsonStringIsRefusedWithItsLine() {
    String yaml =
        validPlus(
            """
              - method: GET
                path: /offers/{id}
                dependency: catalog
                primary: {url: "http://localhost:8081/offers/{id}"}
                fallback:
                  - degraded:
                      body: '{"productId":{id},"name":"{id}"}'
            """);

    assertThatThrownBy(() -> CatalogLoader.parse("shop.yaml", yaml))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.path()).isEqualTo("routes[1].fallback[0].degraded.body");
                          assertThat(p.line()).isEqualTo(31);
                          assertThat(p.message())
                              .startsWith(
                                  "the placeholder \"{id}\" at character 13 stands outside a"
                                      + " JSON string");
                        }));
  }

  static Stream<Arguments> deeplyNested() {
    return Stream.of(
        Arguments.of("flow lists", "app: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"),
        Arguments.of(
            "flow mappings", "app: " + "{a: ".repeat(10_000) + "b" + "}".repeat(10_000) + "\n"),
        Arguments.of("block mappings", blockNesting(5_000)));
  }

  private static String blockNesting(int depth) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      yaml.append(" ".repeat(i)).append("a:\n");
    }
    return yaml.append(" ".repeat(depth)).append("b\n").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deeplyNested")
  void deeplyNestedYamlIsACatalogProblemNotAStackOverflow(String scenario, String yaml) {
    assertThatThrownBy(() -> CatalogLoader.parse("deep.yaml", yaml))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("(catalog): lists and mappings are nested more than 64 deep");
  }

  @Test
  void everyProblemIsListedAtOnceWithItsLine() {
    String yaml =
        validWith("failureThreshold: 3", "failureThreshold: 0")
            .replace("maxStaleness: 5m", "maxStaleness: soon")
            .replace("needs: [recs]", "needs: [nothing]");

    assertThatThrownBy(() -> CatalogLoader.parse("shop.yaml", yaml))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(Problem::path, Problem::line)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("dependencies[1].failureThreshold", 9),
                      org.assertj.core.groups.Tuple.tuple("features[0].needs[0]", 16),
                      org.assertj.core.groups.Tuple.tuple(
                          "routes[0].fallback[0].cache.maxStaleness", 23));
              assertThat(e.getMessage())
                  .contains(
                      "shop.yaml:23: routes[0].fallback[0].cache.maxStaleness: expected a duration like 30s or 5m, got \"soon\"");
            });
  }

  @Test
  void fileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, VALID.replace("shop", "sh\u00f6p").getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> CatalogLoader.load(file))
        .hasMessageContaining("the file is not UTF-8 text");
  }

  @Test
  void missingFileIsRefusedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> CatalogLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("nope.yaml has 1 problem")
        .hasMessageContaining("no such file");
  }

  @Test
  void catalogBuiltInCodeIsJudgedByTheSameValidator() {
    Catalog valid = CatalogLoader.parse("test.yaml", VALID);
    Catalog broken =
        new Catalog(
            valid.app(),
            valid.dependencies(),
            List.of(new Feature("banners", List.of("ghost"), Optional.empty(), List.of(), true)),
            valid.routes(),
            valid.policy());

    assertThat(CatalogValidator.validate(valid)).isSameAs(valid);
    assertThatThrownBy(() -> CatalogValidator.validate(broken))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("features[0].needs[0]: no dependency is named \"ghost\"");
  }
}
