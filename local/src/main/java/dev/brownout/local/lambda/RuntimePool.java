package dev.brownout.local.lambda;

import dev.brownout.local.process.ProcessRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution environments of one function: a warm one is reused; a new one starts when all are
 * busy, up to {@link RuntimeSettings#maxRuntimesPerFunction}; beyond that an invocation waits for
 * one to come free. Environments of an older package or configuration (a redeploy, a hot reload)
 * are stopped once idle and never take new work; idle ones are stopped after {@link
 * RuntimeSettings#idleFor}.
 */
final class RuntimePool implements AutoCloseable {
  private final RuntimeSettings settings;
  private final Clock clock;
  private final FunctionOutput output;
  private final ProcessRegistry processes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final List<FunctionRuntime> runtimes = new ArrayList<>();
  private final Set<FunctionRuntime> leased = new HashSet<>();
  private final Map<FunctionRuntime, Instant> idleSince = new HashMap<>();
  private boolean closed;
  private String newestVersion = "";

  RuntimePool(
      RuntimeSettings settings, Clock clock, FunctionOutput output, ProcessRegistry processes) {
    this.settings = settings;
    this.clock = clock;
    this.output = output;
    this.processes = processes;
  }

  /** A runtime leased for one invocation, and whether it was started for it (a cold start). */
  record Lease(FunctionRuntime runtime, boolean cold) {}

  /**
   * @param version the package and configuration the runtime must have been started with
   * @param waitAtMost how long to wait for a free environment when all are busy
   * @return empty when none came free in time
   */
  Optional<Lease> acquire(
      FunctionConfig function, CodeStore.TaskRoot root, String version, Duration waitAtMost) {
    long deadline = System.nanoTime() + waitAtMost.toNanos();
    lock.lock();
    try {
      newestVersion = version;
      while (true) {
        if (closed) {
          return Optional.empty();
        }
        List<FunctionRuntime> stale = prune(version);
        for (FunctionRuntime runtime : runtimes) {
          if (!leased.contains(runtime)
              && runtime.version().equals(version)
              && runtime.state() != FunctionRuntime.State.DEAD) {
            leased.add(runtime);
            idleSince.remove(runtime);
            closeOutsideLock(stale);
            return Optional.of(new Lease(runtime, false));
          }
        }
        if (runtimes.size() < settings.maxRuntimesPerFunction()) {
          FunctionRuntime runtime =
              FunctionRuntime.start(function, root, version, settings, clock, output, processes);
          runtimes.add(runtime);
          leased.add(runtime);
          closeOutsideLock(stale);
          return Optional.of(new Lease(runtime, true));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        freed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  void release(FunctionRuntime runtime) {
    lock.lock();
    try {
      leased.remove(runtime);
      if (runtime.state() != FunctionRuntime.State.DEAD) {
        idleSince.put(runtime, clock.instant());
      }
      freed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops environments that sat idle too long. */
  void reapIdle() {
    List<FunctionRuntime> idle = new ArrayList<>();
    lock.lock();
    try {
      Instant cutoff = clock.instant().minus(settings.idleFor());
      idleSince.forEach(
          (runtime, since) -> {
            if (since.isBefore(cutoff) && !leased.contains(runtime)) {
              idle.add(runtime);
            }
          });
      // environments of an older version that no invocation came to retire
      runtimes.stream()
          .filter(r -> !leased.contains(r) && !idle.contains(r))
          .filter(r -> !r.version().equals(newestVersion))
          .forEach(idle::add);
      idle.forEach(this::forget);
    } finally {
      lock.unlock();
    }
    closeTogether(idle);
  }

  /** The live environments (for the health page). */
  int size() {
    lock.lock();
    try {
      return (int) runtimes.stream().filter(r -> r.state() != FunctionRuntime.State.DEAD).count();
    } finally {
      lock.unlock();
    }
  }

  /** Stops every environment, together (each may take a while to write its archive). */
  @Override
  public void close() {
    List<FunctionRuntime> all;
    lock.lock();
    try {
      closed = true;
      all = List.copyOf(runtimes);
      runtimes.clear();
      leased.clear();
      idleSince.clear();
    } finally {
      lock.unlock();
    }
    closeTogether(all);
  }

  // Under the lock: drops the dead, and returns idle runtimes of other versions to be closed.
  private List<FunctionRuntime> prune(String version) {
    List<FunctionRuntime> stale = new ArrayList<>();
    for (FunctionRuntime runtime : List.copyOf(runtimes)) {
      if (runtime.state() == FunctionRuntime.State.DEAD) {
        forget(runtime);
      } else if (!runtime.version().equals(version) && !leased.contains(runtime)) {
        forget(runtime);
        stale.add(runtime);
      }
    }
    return stale;
  }

  private void forget(FunctionRuntime runtime) {
    runtimes.remove(runtime);
    leased.remove(runtime);
    idleSince.remove(runtime);
  }

  private static void closeOutsideLock(List<FunctionRuntime> stale) {
    if (!stale.isEmpty()) {
      Thread.ofVirtual().start(() -> closeTogether(stale));
    }
  }

  /**
   * Closes each on a thread of its own and returns when all are closed: a graceful stop waits for a
   * JVM's exit, and one after another they would add up past {@code ./brownout down}'s patience.
   */
  static void closeTogether(List<? extends AutoCloseable> all) {
    List<Thread> closing =
        all.stream()
            .map(
                c ->
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              try {
                                c.close();
                              } catch (Exception e) {
                                // each part reports its own failures; the others still close
                              }
                            }))
            .toList();
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
