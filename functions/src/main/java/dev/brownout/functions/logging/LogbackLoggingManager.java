package dev.brownout.functions.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools' hook into the logging backend (its {@code LoggingManager} service), for Logback:
 * {@code POWERTOOLS_LOG_LEVEL} (or Lambda's {@code AWS_LAMBDA_LOG_LEVEL}) and log sampling set the
 * level of every logger, as Powertools' own backends do, except that the AWS SDK's never go below
 * WARN: at DEBUG its signer logs each canonical request, session token included.
 */
public final class LogbackLoggingManager implements LoggingManager {
  static final String SDK = "software.amazon.awssdk";

  @Override
  public void setLogLevel(org.slf4j.event.Level level) {
    Level wanted = Level.convertAnSLF4JLevel(level);
    Level forSdk = wanted.isGreaterOrEqual(Level.WARN) ? wanted : Level.WARN;
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(SDK).setLevel(forSdk);
    context
        .getLoggerList()
        .forEach(logger -> logger.setLevel(sdk(logger.getName()) ? forSdk : wanted));
  }

  @Override
  public org.slf4j.event.Level getLogLevel(Logger logger) {
    Level level =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(logger.getName())
            .getEffectiveLevel();
    if (level.equals(Level.OFF)) {
      return org.slf4j.event.Level.ERROR;
    }
    if (level.equals(Level.ALL)) {
      return org.slf4j.event.Level.TRACE;
    }
    return org.slf4j.event.Level.intToLevel(Level.toLocationAwareLoggerInteger(level));
  }

  private static boolean sdk(String name) {
    return name.equals(SDK) || name.startsWith(SDK + ".");
  }
}
