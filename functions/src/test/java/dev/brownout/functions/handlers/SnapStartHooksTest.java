package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slf4j.event.Level.DEBUG;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.handlers.priming.SnapStartHooks;
import dev.brownout.functions.logging.LogbackLoggingManager;
import dev.brownout.functions.testing.StdoutCapture;
import java.nio.file.Path;
import java.util.List;
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

  private PrimedHandlers handlers() {
    return new PrimedHandlers(dir, NOWHERE);
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
    for (SnapStartHooks hooks :
        List.of(handlers().evaluator().snapStartHooks(), handlers().replay().snapStartHooks())) {
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
    List<String> printed = hooksOf(handlers().api().snapStartHooks());

    assertThat(printed).noneMatch(line -> line.contains("\"_aws\""));
    assertThat(printed)
        .filteredOn(line -> line.matches(".*\"message\":\"(GET|POST) [^\"]* answered .*"))
        .hasSize(12)
        .allMatch(
            line -> line.contains("\"function_request_id\":\"" + PrimingContext.REQUEST_ID + "\""));
  }

  @Test
  void theHealthCheckPrimingPrintsNoMetricAndLabelsEveryCheckItLogs() throws Exception {
    List<String> printed = hooksOf(handlers().healthCheck().snapStartHooks());

    assertThat(printed).noneMatch(line -> line.contains("\"_aws\""));
    assertThat(printed)
        .filteredOn(line -> line.contains("Check passed"))
        .hasSize(3)
        .allMatch(
            line -> line.contains("\"function_request_id\":\"" + PrimingContext.REQUEST_ID + "\""));
  }
}
