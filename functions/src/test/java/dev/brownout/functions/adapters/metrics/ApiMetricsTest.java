package dev.brownout.functions.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.testing.ShopCatalog;
import dev.brownout.functions.testing.StdoutCapture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EMF records the API function prints per answer, read from standard output. */
class ApiMetricsTest {
  private static final Catalog CATALOG =
      CatalogLoader.parse("shop.yaml", ShopCatalog.yaml("http://up.internal"));

  private static List<String> recordsOf(ServedFrom servedFrom, int status, boolean refused) {
    ApiMetrics metrics = new ApiMetrics(MetricsNamespace.metrics(CATALOG, MetricsNamespace.API));
    try (StdoutCapture out = new StdoutCapture()) {
      metrics.answered(
          Optional.of("POST:/orders"), servedFrom, status, Optional.empty(), false, refused);
      return out.lines().stream().filter(l -> l.contains("CloudWatchMetrics")).toList();
    }
  }

  @Test
  void aGuardRefusalCountsAsARequestOfItsRouteButNotAsFallbackServed() {
    assertThat(recordsOf(ServedFrom.STATIC, 400, true))
        .singleElement()
        .asString()
        .contains("\"Requests\"")
        .doesNotContain("FallbackServed");
  }

  @Test
  void aStaticFallbacksAnswerCountsAsFallbackServedOfStatic() {
    assertThat(recordsOf(ServedFrom.STATIC, 200, false))
        .hasSize(2)
        .last()
        .asString()
        .contains("\"FallbackServed\"", "\"Source\":\"static\"");
  }
}
