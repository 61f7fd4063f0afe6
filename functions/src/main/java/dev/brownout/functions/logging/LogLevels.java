package dev.brownout.functions.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every logger's own level, remembered to be put back: Powertools' log sampling sets DEBUG for the
 * rest of the environment's life, which must not happen while priming (it would be in the SnapStart
 * snapshot, so in every environment restored from it).
 */
public final class LogLevels {
  private final Map<Logger, Level> levels;

  private LogLevels(Map<Logger, Level> levels) {
    this.levels = levels;
  }

  public static LogLevels remember() {
    Map<Logger, Level> levels = new HashMap<>();
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLoggerList()
        .forEach(logger -> levels.put(logger, logger.getLevel()));
    return new LogLevels(levels);
  }

  /** Every logger back to its remembered level; one made since then back to its parent's. */
  public void restore() {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLoggerList()
        .forEach(logger -> logger.setLevel(levels.get(logger)));
  }
}
