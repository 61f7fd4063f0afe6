package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.testing.ShopCatalog;
import dev.brownout.functions.testing.StdoutCapture;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the priming prints: no metric, and only log lines labelled as the priming's. (That it
 * connects nowhere: {@code SnapStartPrimingIT}.)
 */
class SnapStartHooksTest {
  /** Nothing listens there, and nothing in these tests connects anywhere. */
  private static final String NOWHERE = "http://127.0.0.1:9";

  @TempDir Path dir;

  private ApiHandler api() throws IOException {
    Path catalog = dir.resolve("shop.yaml");
    Files.writeString(catalog, ShopCatalog.yaml(NOWHERE));
    return new ApiHandler(
        new ApiSettings(
            catalog.toString(),
            "shop-status",
            "shop-cache",
            Optional.of(NOWHERE + "/000000000000/shop-replay"),
            Optional.of("arn:aws:kms:us-east-1:000000000000:key/priming"),
            Duration.ofSeconds(30),
            Optional.of(URI.create(NOWHERE))),
        Clock.systemUTC(),
        Duration.ofSeconds(10));
  }

  private HealthCheckHandler healthCheck() throws IOException {
    Path catalog = dir.resolve("health.yaml");
    Files.writeString(catalog, ShopCatalog.yaml(NOWHERE));
    return new HealthCheckHandler(
        new HealthCheckSettings(
            catalog.toString(),
            "shop-status",
            Optional.of("arn:aws:states:us-east-1:000000000000:stateMachine:shop"),
            Duration.ofDays(7),
            Duration.ofSeconds(1),
            Optional.of(URI.create(NOWHERE))),
        Clock.systemUTC());
  }

  @Test
  void theApiPrimingPrintsNoMetricAndLabelsEveryLineItLogs() throws Exception {
    ApiHandler handler = api();
    List<String> printed;
    try (StdoutCapture out = new StdoutCapture()) {
      handler.snapStartHooks().beforeCheckpoint(null);
      handler.snapStartHooks().afterRestore(null);
      printed = out.lines().stream().filter(line -> line.startsWith("{")).toList();
    }

    assertThat(printed).noneMatch(line -> line.contains("\"_aws\""));
    assertThat(printed)
        .filteredOn(line -> line.matches(".*\"message\":\"(GET|POST) [^\"]* answered .*"))
        .hasSize(12)
        .allMatch(
            line -> line.contains("\"function_request_id\":\"" + PrimingContext.REQUEST_ID + "\""));
  }

  @Test
  void theHealthCheckPrimingPrintsNoMetricAndLabelsEveryCheckItLogs() throws Exception {
    HealthCheckHandler handler = healthCheck();
    List<String> printed;
    try (StdoutCapture out = new StdoutCapture()) {
      handler.snapStartHooks().beforeCheckpoint(null);
      handler.snapStartHooks().afterRestore(null);
      printed = out.lines().stream().filter(line -> line.startsWith("{")).toList();
    }

    assertThat(printed).noneMatch(line -> line.contains("\"_aws\""));
    assertThat(printed)
        .filteredOn(line -> line.contains("Check passed"))
        .hasSize(3)
        .allMatch(
            line -> line.contains("\"function_request_id\":\"" + PrimingContext.REQUEST_ID + "\""));
  }
}
