package dev.brownout.core.catalog;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;

/** A condition on unhealthy dependencies that raises the level to at least {@link #level()}. */
public sealed interface LevelRule {

  Level level();

  /** Fires when at least {@code atLeast} dependencies of that criticality are unhealthy. */
  record ByCriticality(Criticality criticality, int atLeast, Level level) implements LevelRule {
    @Override
    public String toString() {
      return atLeast + "+ " + criticality.label() + " unhealthy -> " + level;
    }
  }

  /** Fires when that one dependency is unhealthy. */
  record ByDependency(String dependency, Level level) implements LevelRule {
    @Override
    public String toString() {
      return dependency + " unhealthy -> " + level;
    }
  }
}
