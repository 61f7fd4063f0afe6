package dev.brownout.functions.api;

import dev.brownout.core.catalog.Route;
import dev.brownout.core.serving.RouteTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One admitted request on its way through its route: the deadline every call shares, and why each
 * source that was tried did not answer. The reasons come in two words: a brief one, which the
 * client may read, and a detailed one (hosts, SDK messages) for the logs only.
 */
public final class Attempt {
  /** Less time than this left in the budget is not worth a call. */
  static final Duration MIN_CALL = Duration.ofMillis(50);

  /**
   * @param brief public: no host, port, account or SDK text
   * @param detail for the logs
   */
  public record Reason(String brief, String detail) {}

  private final ApiRequest request;
  private final RouteTable.Match match;
  private final long deadline;
  private final LongSupplier ticker;
  private final List<Reason> reasons = new ArrayList<>(4);
  private Optional<Duration> primaryLatency = Optional.empty();
  private boolean breakerOpen;

  /**
   * @param ticker nanoseconds from an arbitrary origin, as {@link System#nanoTime()}: the budget is
   *     elapsed time, which a wall clock that jumps must not shorten or stretch
   */
  public Attempt(ApiRequest request, RouteTable.Match match, LongSupplier ticker) {
    this.request = request;
    this.match = match;
    this.ticker = ticker;
    this.deadline = ticker.getAsLong() + request.budget().toNanos();
  }

  public ApiRequest request() {
    return request;
  }

  public RouteTable.Match match() {
    return match;
  }

  public Route route() {
    return match.route();
  }

  /** What is left of the request's budget, never negative. */
  public Duration timeLeft() {
    long left = deadline - ticker.getAsLong();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** Whether a call may still be started: at least {@link #MIN_CALL} of the budget is left. */
  public boolean hasTimeForACall() {
    return hasTimeFor(MIN_CALL);
  }

  /** Whether at least {@code call} is left of the budget. */
  public boolean hasTimeFor(Duration call) {
    return timeLeft().compareTo(call) >= 0;
  }

  public void failed(String brief, String detail) {
    reasons.add(new Reason(brief, detail));
  }

  public void failed(String brief) {
    failed(brief, brief);
  }

  public String briefs() {
    return reasons.stream().map(Reason::brief).collect(Collectors.joining("; "));
  }

  public String details() {
    return reasons.stream().map(Reason::detail).collect(Collectors.joining("; "));
  }

  void primaryTook(Duration latency) {
    primaryLatency = Optional.of(latency);
  }

  public Optional<Duration> primaryLatency() {
    return primaryLatency;
  }

  void breakerWasOpen() {
    breakerOpen = true;
  }

  public boolean breakerOpen() {
    return breakerOpen;
  }
}
