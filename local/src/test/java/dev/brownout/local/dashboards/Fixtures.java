package dev.brownout.local.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test resources of dashboards. */
public final class Fixtures {
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
