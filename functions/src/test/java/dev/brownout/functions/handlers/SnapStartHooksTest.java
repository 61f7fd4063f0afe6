package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slf4j.event.Level.DEBUG;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.handlers.priming.SnapStartHooks;
import dev.brownout.functions.logging.LogbackLoggingManager;
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
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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

  private EvaluatorHandler evaluator() throws IOException {
    Path catalog = dir.resolve("evaluator.yaml");
    Files.writeString(catalog, ShopCatalog.yaml(NOWHERE));
    return new EvaluatorHandler(
        new EvaluatorSettings(catalog.toString(), "shop-status", Optional.of(URI.create(NOWHERE))),
        Clock.systemUTC());
  }

  private ReplayHandler replay() throws IOException {
    Path catalog = dir.resolve("replay.yaml");
    Files.writeString(catalog, ShopCatalog.yaml(NOWHERE));
    return new ReplayHandler(
        new ReplaySettings(
            catalog.toString(),
            "shop-status",
            NOWHERE + "/000000000000/shop-dead-letters",
            "arn:aws:kms:us-east-1:000000000000:key/priming",
            5,
            Optional.of(URI.create(NOWHERE))),
        Clock.systemUTC());
  }

  /** What one function's hooks print, JSON lines only. */
  private static List<String> hooksOf(SnapStartHooks hooks) {
    try (StdoutCapture out = new StdoutCapture()) {
      hooks.beforeCheckpoint(null);
      hooks.afterRestore(null);
      return out.lines().stream().filter(line -> line.startsWith("{")).toList();
    }
  }

  @Test
  void theEvaluatorAndReplayHooksRunTheirPathAndLabelEveryLine() throws Exception {
    for (SnapStartHooks hooks : List.of(evaluator().snapStartHooks(), replay().snapStartHooks())) {
      List<String> printed = hooksOf(hooks);

      assertThat(printed).noneMatch(line -> line.contains("\"_aws\""));
      assertThat(printed)
          .anyMatch(line -> line.contains("Priming before the SnapStart snapshot"))
          .allMatch(
              line ->
                  line.contains("\"function_request_id\":\"" + PrimingContext.REQUEST_ID + "\""));
    }
  }

  @Test
  void levelsThatPrimingChangedAreBackAfterwardsAndNothingStaysInTheLoggingContext() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    SnapStartHooks hooks =
        SnapStartHooks.priming(() -> new LogbackLoggingManager().setLogLevel(DEBUG));

    hooks.beforeCheckpoint(null);

    assertThat(root.getLevel()).isEqualTo(before).isNotEqualTo(Level.DEBUG);
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aFailedPrimingLeavesTheSnapshotUnprimedButABrokenClassStopsIt() {
    SnapStartHooks failing =
        SnapStartHooks.priming(
            () -> {
              throw new IllegalStateException("a stand-in answered nonsense");
            });
    SnapStartHooks broken =
        SnapStartHooks.priming(
            () -> {
              throw new ExceptionInInitializerError("a static initialiser failed");
            });

    List<String> printed = hooksOf(failing);

    assertThat(printed).anyMatch(line -> line.contains("Priming failed"));
    assertThatThrownBy(() -> broken.beforeCheckpoint(null))
        .isInstanceOf(ExceptionInInitializerError.class);
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
