package dev.brownout.core.ports;

import dev.brownout.core.serving.ServedFrom;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many answers came from each source ({@code X-Served-From}), per minute, summed over every
 * execution environment of the API function.
 */
public interface AnswerTally {

  /**
   * @param start the minute's first instant
   * @param answers by source; a source with no answers may be absent
   */
  record Minute(Instant start, Map<ServedFrom, Long> answers) {
    public Minute {
      answers =
          Collections.unmodifiableMap(
              answers.isEmpty() ? new EnumMap<>(ServedFrom.class) : new EnumMap<>(answers));
    }

    public long total() {
      return answers.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Adds {@code minute}'s answers to that minute's counts.
   *
   * @throws RuntimeException when the store cannot be written
   */
  void add(Minute minute);

  /**
   * The newest {@code limit} minutes from {@code from} on, newest first.
   *
   * @throws RuntimeException when the store cannot be read
   */
  List<Minute> since(Instant from, int limit);
}
