package dev.brownout.local.demo;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fault switched on each demo target, by name: a catalog dependency (its demo service or its
 * DynamoDB table) or a service of its own such as {@code catalog-service-alternative}. Every target
 * starts {@link Fault#UP}. Thread-safe.
 */
public final class Faults {

  /**
   * One target's fault.
   *
   * @param name the name faults are switched by
   * @param dependency the catalog dependency it belongs to (the name itself, except for a
   *     fallback's own service)
   * @param address where it is: {@code http://127.0.0.1:8081} or {@code dynamodb table
   *     shop-products}
   * @param slowBy how late every answer comes under {@link Fault#SLOW}
   */
  public record State(
      String name, String dependency, Fault fault, String address, Duration slowBy) {}

  private final Map<String, FaultSwitch> switches = new LinkedHashMap<>();
  private final Map<String, FaultSwitch> byTable = new LinkedHashMap<>();
  private final Consumer<State> onChange;

  /**
   * @param tables table name to the name of the switch whose fault its requests suffer
   */
  Faults(List<FaultSwitch> switches, Map<String, String> tables, Consumer<State> onChange) {
    for (FaultSwitch s : switches) {
      if (this.switches.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException("two fault targets are named \"" + s.name() + "\"");
      }
    }
    tables.forEach(
        (table, name) -> {
          FaultSwitch s = this.switches.get(name);
          if (s == null) {
            throw new IllegalArgumentException(
                "table " + table + " names no fault target \"" + name + "\"");
          }
          byTable.put(table, s);
        });
    this.onChange = onChange;
  }

  /**
   * One set of switches over both: the same switches (a change through either is seen by both),
   * {@code first}'s before {@code second}'s, and its tables' faults too.
   *
   * @throws IllegalArgumentException if a name is in both
   */
  public static Faults joined(Faults first, Faults second, Consumer<State> onChange) {
    List<FaultSwitch> switches = new java.util.ArrayList<>(first.switches.values());
    switches.addAll(second.switches.values());
    Map<String, String> tables = new LinkedHashMap<>();
    first.byTable.forEach((table, s) -> tables.put(table, s.name()));
    second.byTable.forEach((table, s) -> tables.put(table, s.name()));
    return new Faults(switches, tables, onChange);
  }

  /** Every target's name, in the catalog's order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(switches.keySet());
  }

  /** Every target's fault, in the catalog's order. */
  public List<State> all() {
    return switches.values().stream().map(FaultSwitch::state).toList();
  }

  public Optional<State> state(String name) {
    return Optional.ofNullable(switches.get(name)).map(FaultSwitch::state);
  }

  /**
   * Switches a target's fault. Switching to or from {@link Fault#DOWN} closes or binds its sockets
   * before the new fault is recorded; setting a fault again restarts its flaky count.
   *
   * @return the new state
   * @throws IllegalArgumentException if no target has that name (the message lists the known ones)
   * @throws IllegalStateException if the change cannot be made, such as a port taken meanwhile by
   *     another process when coming back up; the fault then stays as it was
   */
  public State set(String name, Fault fault) {
    FaultSwitch s = switches.get(name);
    if (s == null) {
      throw new IllegalArgumentException(unknown(name));
    }
    State state = s.set(fault);
    onChange.accept(state);
    return state;
  }

  /**
   * What one DynamoDB request naming {@code tableName} suffers, counted as a request to the table's
   * dependency (so a flaky table fails every other request). The edge consults it for each request
   * and applies it: {@link Disruption.Refuse} for {@code down}, {@link Disruption.Delay} for {@code
   * slow}, {@link Disruption.Fail} for {@code error} and a flaky table's failing requests.
   *
   * @return empty when the request is to be served normally, or the table is not the demo's
   */
  public Optional<Disruption> tableFault(String tableName) {
    FaultSwitch s = byTable.get(tableName);
    return s == null ? Optional.empty() : s.next();
  }

  /** As {@link #tableFault}, for one request to the target named {@code name}. */
  Optional<Disruption> disruption(String name) {
    FaultSwitch s = switches.get(name);
    return s == null ? Optional.empty() : s.next();
  }

  /** The tables whose requests {@link #tableFault} may disrupt. */
  public Set<String> tables() {
    return Collections.unmodifiableSet(byTable.keySet());
  }

  String unknown(String name) {
    return "no demo dependency is named \""
        + name
        + "\"; known: "
        + (switches.isEmpty() ? "none" : String.join(", ", switches.keySet()));
  }
}
