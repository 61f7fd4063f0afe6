package dev.brownout.functions.testing;

import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.serving.ServedFrom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answer tally in memory; {@link #failing} makes every call throw, as a store that is down. */
public final class InMemoryAnswerTally implements AnswerTally {
  private final TreeMap<Instant, Map<ServedFrom, Long>> minutes = new TreeMap<>();
  public final List<Minute> added = new ArrayList<>();

  /** Every {@link #add}, the failed ones too. */
  public int writes;

  public volatile boolean failing;

  @Override
  public synchronized void add(Minute minute) {
    writes++;
    if (failing) {
      throw new IllegalStateException("the status table does not answer");
    }
    added.add(minute);
    minute
        .answers()
        .forEach(
            (source, n) ->
                minutes
                    .computeIfAbsent(minute.start(), m -> new EnumMap<>(ServedFrom.class))
                    .merge(source, n, Long::sum));
  }

  @Override
  public synchronized List<Minute> since(Instant from, int limit) {
    if (failing) {
      throw new IllegalStateException("the status table does not answer");
    }
    List<Minute> newest = new ArrayList<>();
    minutes
        .tailMap(from, true)
        .descendingMap()
        .forEach((start, answers) -> newest.add(new Minute(start, answers)));
    return newest.stream().limit(limit).toList();
  }
}
