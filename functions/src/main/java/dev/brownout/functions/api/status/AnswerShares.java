package dev.brownout.functions.api.status;

import dev.brownout.core.ports.AnswerTally.Minute;
import dev.brownout.core.serving.ServedFrom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many answers each source gave over the last hour and the last five minutes (the current
 * minute and the four before it), from the tally's minutes.
 */
public record AnswerShares(Map<ServedFrom, Long> lastHour, Map<ServedFrom, Long> lastFiveMinutes) {
  public AnswerShares {
    lastHour = Collections.unmodifiableMap(new EnumMap<>(lastHour));
    lastFiveMinutes = Collections.unmodifiableMap(new EnumMap<>(lastFiveMinutes));
  }

  public static AnswerShares of(List<Minute> minutes, Instant now) {
    Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
    return new AnswerShares(
        sum(minutes, thisMinute.minus(Duration.ofMinutes(59)), thisMinute),
        sum(minutes, thisMinute.minus(Duration.ofMinutes(4)), thisMinute));
  }

  private static Map<ServedFrom, Long> sum(List<Minute> minutes, Instant first, Instant last) {
    Map<ServedFrom, Long> sum = new EnumMap<>(ServedFrom.class);
    for (ServedFrom source : ServedFrom.values()) {
      sum.put(source, 0L);
    }
    minutes.stream()
        .filter(m -> !m.start().isBefore(first) && !m.start().isAfter(last))
        .forEach(m -> m.answers().forEach((source, n) -> sum.merge(source, n, Long::sum)));
    return sum;
  }

  public static long total(Map<ServedFrom, Long> answers) {
    return answers.values().stream().mapToLong(Long::longValue).sum();
  }
}
