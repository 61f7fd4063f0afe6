package dev.brownout.functions.api.status;

import java.time.Instant;
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
}
