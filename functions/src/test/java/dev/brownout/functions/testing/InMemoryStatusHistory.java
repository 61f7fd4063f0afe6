package dev.brownout.functions.testing;

import dev.brownout.core.ports.StatusHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The status table's history in memory; {@link #failing} makes every read throw. */
public final class InMemoryStatusHistory implements StatusHistory {
  private final List<Transition> transitions = new ArrayList<>();
  private final Map<String, List<Check>> checks = new HashMap<>();
  public final AtomicInteger reads = new AtomicInteger();
  public volatile boolean failing;

  public synchronized void transition(Transition transition) {
    transitions.add(transition);
  }

  public synchronized void check(String dependency, Check check) {
    checks.computeIfAbsent(dependency, d -> new ArrayList<>()).add(check);
  }

  @Override
  public synchronized Read<Transition> transitions(Instant from) {
    read();
    return new Read<>(
        transitions.stream()
            .filter(t -> !t.at().isBefore(from))
            .sorted(Comparator.comparing(Transition::at).reversed())
            .toList(),
        true);
  }

  @Override
  public synchronized Read<Check> checks(String dependency, Instant from, int limit) {
    read();
    List<Check> newest =
        checks.getOrDefault(dependency, List.of()).stream()
            .filter(c -> !c.at().isBefore(from))
            .sorted(Comparator.comparing(Check::at).reversed())
            .toList();
    return new Read<>(newest.stream().limit(limit).toList(), newest.size() <= limit);
  }

  private void read() {
    reads.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("the status table does not answer");
    }
  }
}
