package dev.brownout.functions.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools' hook into the logging backend (its {@code LoggingManager} service), for Logback:
 * {@code POWERTOOLS_LOG_LEVEL} (or Lambda's {@code AWS_LAMBDA_LOG_LEVEL}) and log sampling set the
 * level of every logger, as Powertools' own backends do.
 */
public final class LogbackLoggingManager implements LoggingManager {
  @Override
  public void setLogLevel(org.slf4j.event.Level level) {
    Level logback = Level.convertAnSLF4JLevel(level);
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLoggerList()
        .forEach(logger -> logger.setLevel(logback));
  }

  @Override
  public org.slf4j.event.Level getLogLevel(Logger logger) {
    Level level =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(logger.getName())
            .getEffectiveLevel();
    return org.slf4j.event.Level.intToLevel(Level.toLocationAwareLoggerInteger(level));
  }
}
