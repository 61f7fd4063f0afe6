package dev.brownout.functions.api.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A stretch of a timeline in one state: from {@code from} (inclusive) to {@code to}. */
public record Span<S>(Instant from, Instant to, S state) {
  public Span {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "a span cannot end (" + to + ") before it starts (" + from + ")");
    }
  }

  /**
   * Appends {@code span} to {@code spans}, or stretches their last one when it is of the same state
   * and ends where {@code span} starts; an empty span is left out.
   */
  static <S> void append(List<Span<S>> spans, Span<S> span) {
    if (!span.to().isAfter(span.from())) {
      return;
    }
    if (!spans.isEmpty()) {
      Span<S> last = spans.get(spans.size() - 1);
      if (last.state().equals(span.state()) && last.to().equals(span.from())) {
        spans.set(spans.size() - 1, new Span<>(last.from(), span.to(), span.state()));
        return;
      }
    }
    spans.add(span);
  }

  /**
   * {@code spans} (in order, not overlapping) cut into {@code bins} equal stretches from {@code
   * start} to {@code end}, each in the worst state of the spans it overlaps: at most {@code bins}
   * spans, however many came in, so a dependency that flaps every second draws no more than one
   * that never does. A stretch no span overlaps is left out.
   *
   * @param order from best to worst
   */
  static <S> List<Span<S>> binned(
      List<Span<S>> spans, Instant start, Instant end, int bins, Comparator<S> order) {
    Duration bin = Duration.between(start, end).dividedBy(bins);
    List<Span<S>> binned = new ArrayList<>();
    int first = 0;
    for (int i = 0; i < bins; i++) {
      Instant from = start.plus(bin.multipliedBy(i));
      Instant to = i == bins - 1 ? end : from.plus(bin);
      while (first < spans.size() && !spans.get(first).to().isAfter(from)) {
        first++;
      }
      S worst = null;
      for (int j = first; j < spans.size() && spans.get(j).from().isBefore(to); j++) {
        S state = spans.get(j).state();
        if (worst == null || order.compare(state, worst) > 0) {
          worst = state;
        }
      }
      if (worst != null) {
        append(binned, new Span<>(from, to, worst));
      }
    }
    return binned;
  }
}
