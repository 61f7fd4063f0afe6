package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Feature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code features} section: names, what each needs and requires, and circles of requires. */
public final class FeatureChecks {
  private final Findings findings;

  public FeatureChecks(Findings findings) {
    this.findings = findings;
  }

  /**
   * @param dependencies the names of the catalog's dependencies
   * @return the features' names, for the routes that are gated by one
   */
  public Set<String> check(List<Feature> features, Set<String> dependencies) {
    Set<String> everyName = new HashSet<>();
    features.forEach(f -> everyName.add(f.name()));
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      String path = index("features", i);
      feature(path, f, dependencies, everyName);
      findings.unique(path, f.name(), seen, "feature");
      if (f.name() != null) {
        seen.add(f.name());
      }
    }
    cycles(features);
    return seen;
  }

  private void feature(String path, Feature f, Set<String> dependencies, Set<String> features) {
    findings.name(key(path, "name"), f.name());
    for (int i = 0; i < f.needs().size(); i++) {
      findings.reference(
          index(key(path, "needs"), i), f.needs().get(i), dependencies, "dependency");
    }
    for (int i = 0; i < f.requires().size(); i++) {
      String required = f.requires().get(i);
      if (required != null && required.equals(f.name())) {
        findings.add(index(key(path, "requires"), i), "a feature cannot require itself");
      } else {
        findings.reference(index(key(path, "requires"), i), required, features, "feature");
      }
    }
    if (f.offAt().filter(level -> level == Level.FULL).isPresent()) {
      findings.add(
          key(path, "offAt"),
          "FULL would switch the feature off for good; use REDUCED, MINIMAL or EMERGENCY");
    }
  }

  /** Features that require each other in a circle can never be decided. */
  private void cycles(List<Feature> features) {
    Map<String, List<String>> edges = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      if (f.name() != null) {
        edges.putIfAbsent(f.name(), f.requires());
        position.putIfAbsent(f.name(), i);
      }
    }
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (Feature f : features) {
      if (f.name() != null) {
        walk(f.name(), edges, new ArrayList<>(), done, reported, position);
      }
    }
  }

  private void walk(
      String node,
      Map<String, List<String>> edges,
      List<String> trail,
      Set<String> done,
      Set<String> reported,
      Map<String, Integer> position) {
    if (done.contains(node) || !edges.containsKey(node)) {
      return;
    }
    int at = trail.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(trail.subList(at, trail.size()));
      cycle.add(node);
      if (reported.add(String.join(",", cycle.stream().sorted().toList()))) {
        findings.add(
            key(index("features", position.get(node)), "requires"),
            "features require each other in a circle: " + String.join(" -> ", cycle));
      }
      return;
    }
    trail.add(node);
    for (String next : edges.get(node)) {
      if (next != null && !next.equals(node)) {
        walk(next, edges, trail, done, reported, position);
      }
    }
    trail.remove(trail.size() - 1);
    done.add(node);
  }
}
