package dev.brownout.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

class LambdaLoggingTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void aFreshContextGetsPowertoolsJsonOnStdoutAtInfoAndTheSdkAtWarn() {
    LambdaLogging logging = new LambdaLogging();
    logging.setContext(context);

    ExecutionStatus status = logging.configure(context);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("software.amazon.awssdk.request").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.brownout.functions.api").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender(LambdaLogging.APPENDER);
    assertThat(appender.isStarted()).isTrue();
    assertThat(appender.getTarget()).isEqualTo("System.out");
    assertThat(appender.getEncoder()).isInstanceOf(PowertoolsJsonEncoder.class);
  }

  @Test
  @ResourceLock(Resources.SYSTEM_PROPERTIES)
  void aConfigurationFileNamedByTheUserWinsOverTheBuiltInSetup() {
    System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/opt/own-logback.xml");
    try {
      LambdaLogging logging = new LambdaLogging();
      logging.setContext(context);

      assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LambdaLogging.APPENDER))
          .isNull();
    } finally {
      System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    }
  }
}
