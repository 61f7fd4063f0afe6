package dev.brownout.local.chaos;

import dev.brownout.core.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of one scenario's run, computed from its {@link Recording} alone.
 *
 * @param requests requests of the steady traffic (the abusive client's are counted apart)
 * @param ok those answered 2xx
 * @param bySource answered requests by {@code X-Served-From} ({@code none} when absent), in name
 *     order (the tables print it so)
 * @param failed 5xx or no answer: nothing could answer
 * @param outageRequests requests to routes with a cache or static fallback while the faults lasted
 * @param outageOk those answered 2xx
 * @param errorsFromCache answers from the cache with a status of 400 or more (abusive ones too)
 * @param levelChangedAnswers answers while the faults lasted whose {@code X-Degradation-Level}
 *     differs from the level before the first fault
 * @param abusive requests of the abusive client
 * @param abusiveFailed those answered 5xx or not at all
 * @param transitionsDown audited transitions away from FULL from the first fault on
 * @param transitionsUp audited transitions towards FULL from the first fault on
 */
public record Figures(
    long requests,
    long ok,
    Map<String, Long> bySource,
    long failed,
    Duration p50,
    Duration p99,
    long outageRequests,
    long outageOk,
    long errorsFromCache,
    long levelChangedAnswers,
    long abusive,
    long abusiveFailed,
    Optional<Duration> faultToFallback,
    Optional<Duration> faultToLevelChange,
    Optional<Duration> faultToFlags,
    Optional<Duration> repairToFull,
    int transitionsDown,
    int transitionsUp) {

  /**
   * @param protectedRoutes routes with a cache or static fallback: their availability is measured
   * @param faultedRoutes routes of the faulted dependencies: where the first fallback is looked for
   *     (every route when the scenario faults no dependency)
   */
  public static Figures of(Recording r, Set<String> protectedRoutes, Set<String> faultedRoutes) {
    List<Sample> steady = r.samples().stream().filter(s -> !s.abusive()).toList();
    List<Sample> abusive = r.samples().stream().filter(Sample::abusive).toList();
    SortedMap<String, Long> bySource = new TreeMap<>();
    steady.stream()
        .filter(s -> s.status() != Sample.NO_ANSWER)
        .forEach(
            s -> bySource.merge(s.servedFrom().isEmpty() ? "none" : s.servedFrom(), 1L, Long::sum));
    List<Duration> latencies = steady.stream().map(Sample::latency).sorted().toList();
    List<Sample> outage =
        steady.stream()
            .filter(s -> protectedRoutes.contains(s.route()) && r.duringFaults(s.sentAt()))
            .toList();
    String before =
        steady.stream()
            .filter(s -> s.sentAt().isBefore(r.faultAt()) && !s.level().isEmpty())
            .max(Comparator.comparing(Sample::sentAt))
            .map(Sample::level)
            .orElse(Level.FULL.name());
    List<Transition> after =
        r.transitions().stream()
            .filter(t -> !t.at().isBefore(r.faultAt()))
            .sorted(Comparator.comparing(Transition::at))
            .toList();
    Optional<Duration> toFallback =
        steady.stream()
            .filter(s -> !s.sentAt().isBefore(r.faultAt()) && s.fromFallback())
            .filter(s -> faultedRoutes.isEmpty() || faultedRoutes.contains(s.route()))
            .map(Sample::sentAt)
            .min(Comparator.naturalOrder())
            .map(at -> Duration.between(r.faultAt(), at));
    Optional<Duration> toLevel =
        after.stream().findFirst().map(t -> Duration.between(r.faultAt(), t.at()));
    Optional<Duration> toFull =
        after.isEmpty()
            ? Optional.empty()
            : after.stream()
                .filter(t -> t.to() == Level.FULL && !t.at().isBefore(r.repairAt()))
                .findFirst()
                .map(t -> Duration.between(r.repairAt(), t.at()));
    return new Figures(
        steady.size(),
        steady.stream().filter(Sample::ok).count(),
        Collections.unmodifiableSortedMap(bySource),
        steady.stream().filter(Sample::failed).count(),
        percentile(latencies, 50),
        percentile(latencies, 99),
        outage.size(),
        outage.stream().filter(Sample::ok).count(),
        r.samples().stream().filter(Sample::errorFromCache).count(),
        steady.stream()
            .filter(s -> r.duringFaults(s.sentAt()) && !s.level().isEmpty())
            .filter(s -> !s.level().equals(before))
            .count(),
        abusive.size(),
        abusive.stream().filter(Sample::failed).count(),
        toFallback,
        toLevel,
        flagsChanged(r),
        toFull,
        (int) after.stream().filter(Transition::down).count(),
        (int) after.stream().filter(t -> !t.down()).count());
  }

  /** From the first fault to the first reading whose flags differ from the last one before it. */
  private static Optional<Duration> flagsChanged(Recording r) {
    Optional<Map<String, String>> before =
        r.readings().stream()
            .filter(o -> o.at().isBefore(r.faultAt()) && !o.flags().isEmpty())
            .max(Comparator.comparing(Observed::at))
            .map(Observed::flags);
    if (before.isEmpty()) {
      return Optional.empty();
    }
    return r.readings().stream()
        .filter(o -> !o.at().isBefore(r.faultAt()) && !o.flags().isEmpty())
        .filter(o -> !o.flags().equals(before.get()))
        .map(Observed::at)
        .min(Comparator.naturalOrder())
        .map(at -> Duration.between(r.faultAt(), at));
  }

  /** Nearest-rank percentile of sorted values; zero when there are none. */
  static Duration percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** The share of outage requests answered 2xx, 1 when there were none. */
  public double outageAvailability() {
    return outageRequests == 0 ? 1.0 : (double) outageOk / outageRequests;
  }
}
