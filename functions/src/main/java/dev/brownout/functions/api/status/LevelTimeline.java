package dev.brownout.functions.api.status;

import dev.brownout.core.Level;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The level over a window, from its transitions: each sets the level ({@code to}) from its time on.
 * The level at the window's start is that of the last entry before it; when every entry there is
 * was read and none is older, the {@code from} of the first entry in the window, or with no entry
 * at all the level in force now. When the read stopped at its limit inside the window, the stretch
 * before the oldest entry read is unknown (empty state).
 */
public final class LevelTimeline {
  private LevelTimeline() {}

  /**
   * @param audit the transitions, newest first
   * @param current the level in force now: the level record's, else the one the API acts on
   * @return spans from {@code start} to {@code end}, adjacent ones of one level merged
   */
  public static List<Span<Optional<Level>>> of(
      Instant start, Instant end, Read<Transition> audit, Level current) {
    List<Transition> inWindow =
        audit.entries().stream()
            .filter(e -> e.at().isAfter(start) && !e.at().isAfter(end))
            .sorted(Comparator.comparing(Transition::at))
            .toList();
    Optional<Level> atStart =
        audit.entries().stream()
            .filter(e -> !e.at().isAfter(start))
            .max(Comparator.comparing(Transition::at))
            .map(Transition::to)
            .or(
                () ->
                    audit.complete()
                        ? Optional.of(inWindow.isEmpty() ? current : inWindow.get(0).from())
                        : Optional.empty());
    List<Span<Optional<Level>>> spans = new ArrayList<>();
    Instant from = start;
    Optional<Level> level = atStart;
    for (Transition e : inWindow) {
      Span.append(spans, new Span<>(from, e.at(), level));
      from = e.at();
      level = Optional.of(e.to());
    }
    Span.append(spans, new Span<>(from, end, level));
    return spans;
  }
}
