package dev.brownout.functions.api;

import dev.brownout.core.api.AnswerTally;
import dev.brownout.core.api.ServedFrom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the answers to the catalog's routes by source, per minute, in memory, and adds them to the
 * {@link AnswerTally} at most every {@link #FLUSH_EVERY}: on the request that finds that much time
 * passed since the last flush (the first answer of an execution environment flushes at once). A
 * flush that fails is logged with the number of answers it loses and never fails the request; they
 * are not retried, since a write that timed out may have been applied. Answers counted after an
 * environment's last flush are lost with it: at most ten seconds' worth.
 */
public final class AnswerCounter implements ApiObserver {
  public static final Duration FLUSH_EVERY = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(AnswerCounter.class);

  private final AnswerTally tally;
  private final Clock clock;
  private Map<Instant, Map<ServedFrom, Long>> pending = new TreeMap<>();
  private Instant nextFlush = Instant.MIN;

  public AnswerCounter(AnswerTally tally, Clock clock) {
    this.tally = tally;
    this.clock = clock;
  }

  /** Brownout's own answers and requests that matched no route are not the app's: not counted. */
  @Override
  public void answered(
      Optional<String> route,
      ServedFrom servedFrom,
      int status,
      Optional<Duration> primaryLatency,
      boolean breakerOpen) {
    if (route.isEmpty()) {
      return;
    }
    Map<Instant, Map<ServedFrom, Long>> due;
    synchronized (this) {
      Instant now = clock.instant();
      pending
          .computeIfAbsent(
              now.truncatedTo(ChronoUnit.MINUTES), m -> new EnumMap<>(ServedFrom.class))
          .merge(servedFrom, 1L, Long::sum);
      if (now.isBefore(nextFlush)) {
        return;
      }
      nextFlush = now.plus(FLUSH_EVERY);
      due = pending;
      pending = new TreeMap<>();
    }
    due.forEach(this::add);
  }

  private void add(Instant minute, Map<ServedFrom, Long> answers) {
    try {
      tally.add(new AnswerTally.Minute(minute, answers));
    } catch (RuntimeException e) {
      LOG.warn(
          "{} answers of the minute {} were not tallied: {}",
          answers.values().stream().mapToLong(Long::longValue).sum(),
          minute,
          e.getMessage());
    }
  }
}
