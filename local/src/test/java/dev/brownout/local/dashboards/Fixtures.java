package dev.brownout.local.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test resources of dashboards. */
public final class Fixtures {
  /** The titles of the widgets in {@link #shopDashboardBody()}, in order. */
  public static final List<String> SHOP_WIDGET_TITLES =
      List.of(
          "Degradation level",
          "Dependency health (1 healthy, 0 unhealthy)",
          "Check latency (ms)",
          "Answers from fallbacks, by source",
          "Primary latency (ms)",
          "Breaker-open answers, by route",
          "Workflow failures");

  private Fixtures() {}

  /**
   * The example app's dashboard body exactly as moto's GetDashboard answered it after {@code
   * ./brownout up} deployed the CDK app (captured, not written by hand).
   */
  public static String shopDashboardBody() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dashboards/brownout-shop.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
