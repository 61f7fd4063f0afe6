package dev.brownout.functions.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The functions' logging, set up in code when Logback starts (its {@link Configurator} service):
 * every line to standard output as Powertools' JSON ({@link PowertoolsJsonEncoder}), INFO and
 * above, the AWS SDK's from WARN. No configuration file is read or parsed, which is most of what
 * made logging cost a cold start. A {@code logback.xml} (or {@code logback-test.xml}, or the {@code
 * logback.configurationFile} property) still wins: then Logback reads that instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LambdaLogging extends ContextAwareBase implements Configurator {
  static final String APPENDER = "powertools-json";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
        || resource(ClassicConstants.TEST_AUTOCONFIG_FILE)
        || resource(ClassicConstants.AUTOCONFIG_FILE)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();
    encoder.setContext(context);
    encoder.start();
    // Writes to whatever System.out is at each line, so a test that swaps it sees the lines.
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static boolean resource(String name) {
    return LambdaLogging.class.getClassLoader().getResource(name) != null;
  }
}
