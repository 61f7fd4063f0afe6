package dev.brownout.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservedTest {
  private static final Set<String> DEPENDENCIES = Set.of("catalog-service", "pricing");

  private static Observed reading(Level level, String flag, Map<String, Boolean> healthy) {
    return new Observed(Instant.EPOCH, Optional.of(level), Map.of("live-prices", flag), healthy);
  }

  @Test
  void fullWithEveryFlagOnAndEveryDependencyRecordedHealthyIsClean() {
    assertThat(
            reading(Level.FULL, "on", Map.of("catalog-service", true, "pricing", true))
                .clean(DEPENDENCIES))
        .isTrue();
  }

  @Test
  void aFreshCloudWhoseChecksHaveNotRunYetIsNotClean() {
    assertThat(reading(Level.FULL, "on", Map.of()).clean(DEPENDENCIES)).isFalse();
    assertThat(reading(Level.FULL, "on", Map.of("catalog-service", true)).clean(DEPENDENCIES))
        .isFalse();
  }

  @Test
  void anUnhealthyDependencyAFlagOffOrAnotherLevelIsNotClean() {
    Map<String, Boolean> healthy = Map.of("catalog-service", true, "pricing", true);
    assertThat(
            reading(Level.FULL, "on", Map.of("catalog-service", true, "pricing", false))
                .clean(DEPENDENCIES))
        .isFalse();
    assertThat(reading(Level.FULL, "off", healthy).clean(DEPENDENCIES)).isFalse();
    assertThat(reading(Level.REDUCED, "on", healthy).clean(DEPENDENCIES)).isFalse();
  }
}
