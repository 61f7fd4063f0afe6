package dev.brownout.functions.api.status;

import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A dependency's health over a window, from its checks: each check's outcome holds until the next
 * check, for at most {@link #STALE_AFTER} (checks run at least once a minute, so a longer silence
 * means the checks stopped, and is shown as {@link Health#NO_CHECKS}). When the read stopped at its
 * limit, the stretch before the oldest check read is {@link Health#NOT_READ}: there were checks,
 * this page did not read them.
 */
public final class HealthLane {
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  /**
   * What a check said, in the lane's colours; declared from best to worst (a bin shows its worst).
   */
  public enum Health {
    HEALTHY,
    /** Older than the checks this page read: not known here. */
    NOT_READ,
    NO_CHECKS,
    /** The check failed, but not yet often enough in a row to turn the dependency unhealthy. */
    FAILING,
    UNHEALTHY;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private HealthLane() {}

  /**
   * @param checks newest first
   * @return spans from {@code start} to {@code end}, adjacent ones of one state merged
   */
  public static List<Span<Health>> of(Instant start, Instant end, Read<Check> checks) {
    List<Check> ordered =
        checks.entries().stream()
            .filter(c -> !c.at().isAfter(end))
            .sorted(Comparator.comparing(Check::at))
            .toList();
    List<Span<Health>> spans = new ArrayList<>();
    Instant covered = start;
    if (!checks.complete() && !ordered.isEmpty()) {
      covered = latest(start, earliest(end, ordered.get(0).at()));
      Span.append(spans, new Span<>(start, covered, Health.NOT_READ));
    }
    for (int i = 0; i < ordered.size(); i++) {
      Check check = ordered.get(i);
      Instant next = i + 1 < ordered.size() ? ordered.get(i + 1).at() : end;
      Instant from = latest(check.at(), covered);
      Instant until = latest(from, earliest(next, check.at().plus(STALE_AFTER)));
      Span.append(spans, new Span<>(covered, from, Health.NO_CHECKS));
      Span.append(spans, new Span<>(from, until, of(check)));
      covered = until;
    }
    Span.append(spans, new Span<>(covered, end, Health.NO_CHECKS));
    return spans;
  }

  private static Health of(Check check) {
    if (!check.healthy()) {
      return Health.UNHEALTHY;
    }
    return check.success() ? Health.HEALTHY : Health.FAILING;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
