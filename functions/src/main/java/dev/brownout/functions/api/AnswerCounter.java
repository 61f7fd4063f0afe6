package dev.brownout.functions.api;

import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.serving.ServedFrom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the answers to the catalog's routes by source in memory, one minute at a time, and adds
 * them to the {@link AnswerTally} in one write: at most every {@link #FLUSH_EVERY}, on the request
 * that finds that much time passed (the first answer of an execution environment is written at
 * once), and when an answer of a new minute comes, the last minute's counts into that minute's item
 * (the new answer is counted for the next write). So each request makes at most one write.
 *
 * <p>The counts are approximate and may be lost, by design: answers counted after an environment's
 * last write end with it; a write that fails is not retried (a write that timed out may have been
 * applied, and {@code ADD} is not idempotent) and its answers are dropped; after a failure nothing
 * is counted or written for {@link #PAUSE_AFTER_FAILURE}, so a table that does not answer costs a
 * request the write's timeout once in that time, not every {@link #FLUSH_EVERY}, and memory stays
 * one minute's counts. Brownout's own answers, requests that matched no route and requests the
 * guard refused are not the app's answers and are not counted.
 */
public final class AnswerCounter implements ApiObserver {
  public static final Duration FLUSH_EVERY = Duration.ofSeconds(10);
  public static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(AnswerCounter.class);

  private final AnswerTally tally;
  private final Clock clock;
  private Instant minute;
  private Map<ServedFrom, Long> counts = new EnumMap<>(ServedFrom.class);
  private Instant nextFlush = Instant.MIN;
  private Instant pausedUntil = Instant.MIN;

  public AnswerCounter(AnswerTally tally, Clock clock) {
    this.tally = tally;
    this.clock = clock;
  }

  @Override
  public void answered(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen,
      boolean refused) {
    if (route.isEmpty() || refused) {
      return;
    }
    Instant now = clock.instant();
    AnswerTally.Minute due = null;
    synchronized (this) {
      if (now.isBefore(pausedUntil)) {
        return;
      }
      Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
      if (minute != null && !minute.equals(thisMinute)) {
        due = takeCounts(now);
      }
      minute = thisMinute;
      counts.merge(servedFrom, 1L, Long::sum);
      if (due == null && !now.isBefore(nextFlush)) {
        due = takeCounts(now);
      }
    }
    if (due != null) {
      add(due, now);
    }
  }

  private AnswerTally.Minute takeCounts(Instant now) {
    AnswerTally.Minute due = new AnswerTally.Minute(minute, counts);
    counts = new EnumMap<>(ServedFrom.class);
    nextFlush = now.plus(FLUSH_EVERY);
    return due;
  }

  private void add(AnswerTally.Minute due, Instant now) {
    try {
      tally.add(due);
    } catch (RuntimeException e) {
      synchronized (this) {
        pausedUntil = now.plus(PAUSE_AFTER_FAILURE);
        minute = null;
        counts = new EnumMap<>(ServedFrom.class);
      }
      LOG.warn(
          "{} answers of the minute {} were not tallied, and answers are not counted until {}: {}",
          due.total(),
          due.start(),
          now.plus(PAUSE_AFTER_FAILURE),
          e.getMessage());
    }
  }
}
