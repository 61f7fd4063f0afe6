package dev.brownout.local.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fault of one demo target (a service or a table) and the request count that makes {@link
 * Fault#FLAKY} deterministic.
 */
final class FaultSwitch {

  /** What must happen outside the state for a change to be real, such as closing a socket. */
  @FunctionalInterface
  interface Transition {
    Transition NONE = (from, to) -> {};

    /**
     * Called before the new fault is recorded, only when it differs from the current one.
     *
     * @throws RuntimeException if the change cannot be made; the fault then stays as it was
     */
    void apply(Fault from, Fault to);
  }

  private final String name;
  private final String dependency;
  private final String address;
  private final Duration slowBy;
  private final Transition transition;

  // Serialises changes (which may bind or close sockets) without blocking requests meanwhile.
  private final ReentrantLock changing = new ReentrantLock();
  private Fault fault = Fault.UP;
  private long requestsSinceSet;

  FaultSwitch(
      String name, String dependency, String address, Duration slowBy, Transition transition) {
    this.name = name;
    this.dependency = dependency;
    this.address = address;
    this.slowBy = slowBy;
    this.transition = transition;
  }

  String name() {
    return name;
  }

  synchronized Faults.State state() {
    return new Faults.State(name, dependency, fault, address, slowBy);
  }

  /**
   * Switches to {@code next}; setting a fault again restarts its count, so the first request after
   * any switch to {@link Fault#FLAKY} fails.
   */
  Faults.State set(Fault next) {
    changing.lock();
    try {
      Fault current;
      synchronized (this) {
        current = fault;
      }
      if (current != next) {
        transition.apply(current, next);
      }
      synchronized (this) {
        fault = next;
        requestsSinceSet = 0;
        return state();
      }
    } finally {
      changing.unlock();
    }
  }

  /** Counts one request and says what it suffers; empty when it is served normally. */
  synchronized Optional<Disruption> next() {
    requestsSinceSet++;
    return switch (fault) {
      case UP -> Optional.empty();
      case DOWN -> Optional.of(new Disruption.Refuse());
      case SLOW -> Optional.of(new Disruption.Delay(slowBy));
      case ERROR -> Optional.of(new Disruption.Fail());
      // Odd requests fail: 1st, 3rd, 5th...
      case FLAKY ->
          requestsSinceSet % 2 == 1 ? Optional.of(new Disruption.Fail()) : Optional.empty();
    };
  }
}
