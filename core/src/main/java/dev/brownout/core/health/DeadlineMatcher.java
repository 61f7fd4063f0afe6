package dev.brownout.core.health;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Runs a regular expression with a deadline. java.util.regex cannot be interrupted, and a pattern
 * that backtracks badly ({@code ((a+)+)+b}, or merely {@code .*"status".*:.*"UP"} on a long body)
 * runs for minutes or years; so the matcher reads the text through a view that looks at the time
 * every {@value #READS_PER_LOOK} characters read and gives up once the deadline has passed.
 */
final class DeadlineMatcher {
  /** Often enough to stop within microseconds of the deadline, rarely enough to cost nothing. */
  static final int READS_PER_LOOK = 1024;

  enum Outcome {
    FOUND,
    NOT_FOUND,
    OUT_OF_TIME
  }

  private DeadlineMatcher() {}

  /**
   * Whether {@code pattern} is found in {@code text} within {@code allowed}.
   *
   * @param nanoTime a monotonic time in nanoseconds, like {@link System#nanoTime()}
   */
  static Outcome find(Pattern pattern, CharSequence text, Duration allowed, LongSupplier nanoTime) {
    Watch watch = new Watch(nanoTime, nanoTime.getAsLong() + allowed.toNanos());
    try {
      return pattern.matcher(new Watched(text, watch)).find() ? Outcome.FOUND : Outcome.NOT_FOUND;
    } catch (OutOfTime e) {
      return Outcome.OUT_OF_TIME;
    }
  }

  private static final class Watch {
    private final LongSupplier nanoTime;
    private final long deadline;
    private int reads;

    Watch(LongSupplier nanoTime, long deadline) {
      this.nanoTime = nanoTime;
      this.deadline = deadline;
    }

    void read() {
      if (++reads % READS_PER_LOOK == 0 && nanoTime.getAsLong() - deadline > 0) {
        throw new OutOfTime();
      }
    }
  }

  /** The text as the matcher sees it; every character read counts. */
  private record Watched(CharSequence text, Watch watch) implements CharSequence {
    @Override
    public char charAt(int index) {
      watch.read();
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Watched(text.subSequence(start, end), watch);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** Unwinds the matcher; it never leaves this class. */
  private static final class OutOfTime extends RuntimeException {
    OutOfTime() {
      super(null, null, false, false);
    }
  }
}
