package dev.brownout.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

class LogbackLoggingManagerTest {
  @Test
  void powertoolsFindsTheLogbackManagerAsItsService() {
    assertThat(ServiceLoader.load(LoggingManager.class).findFirst())
        .containsInstanceOf(LogbackLoggingManager.class);
  }

  @Test
  void aLoggerSwitchedOffOrFullyOnReadsAsTheNearestPowertoolsLevel() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger off = context.getLogger("dev.brownout.test.off");
    Logger all = context.getLogger("dev.brownout.test.all");
    off.setLevel(Level.OFF);
    all.setLevel(Level.ALL);
    LogbackLoggingManager manager = new LogbackLoggingManager();

    assertThat(manager.getLogLevel(off)).isEqualTo(org.slf4j.event.Level.ERROR);
    assertThat(manager.getLogLevel(all)).isEqualTo(org.slf4j.event.Level.TRACE);
  }

  @Test
  void powertoolsLogLevelSetsEveryLoggerButTheSdksBelowWarnAndIsReadBack() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger sdk = context.getLogger("software.amazon.awssdk");
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // Every logger's own level, to put back: the manager sets them all, in this JVM's one context.
    Map<Logger, Level> before = new HashMap<>();
    context.getLoggerList().forEach(logger -> before.put(logger, logger.getLevel()));
    LogbackLoggingManager manager = new LogbackLoggingManager();
    try {
      manager.setLogLevel(org.slf4j.event.Level.DEBUG);

      // At DEBUG the SDK's signer logs each canonical request, session token included.
      assertThat(sdk.getLevel()).isEqualTo(Level.WARN);
      assertThat(context.getLogger("software.amazon.awssdk.auth.signer").getEffectiveLevel())
          .isEqualTo(Level.WARN);
      assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(manager.getLogLevel(LoggerFactory.getLogger("dev.brownout.any")))
          .isEqualTo(org.slf4j.event.Level.DEBUG);
    } finally {
      context.getLoggerList().forEach(logger -> logger.setLevel(before.get(logger)));
    }
    assertThat(manager.getLogLevel(LoggerFactory.getLogger("software.amazon.awssdk.core")))
        .isEqualTo(org.slf4j.event.Level.WARN);
  }
}
