package dev.brownout.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Criticality;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.health.CheckPlan.PlannedCheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckPlanTest {
  private static Dependency dependency(String name, int intervalSeconds, int timeoutSeconds) {
    return new Dependency(
        name,
        Criticality.IMPORTANT,
        new HealthCheck.Tcp("localhost", 80, Duration.ofSeconds(timeoutSeconds)),
        3,
        2,
        Duration.ofSeconds(intervalSeconds));
  }

  @Test
  void eachDependencyIsCheckedAtItsOwnIntervalWhileItsCheckFitsInTheWindow() {
    Dependency fast = dependency("fast", 10, 2);
    Dependency slow = dependency("slow", 15, 1);

    List<PlannedCheck> plan = CheckPlan.plan(List.of(fast, slow), Duration.ofSeconds(55));

    assertThat(plan)
        .filteredOn(c -> c.dependency() == fast)
        .extracting(c -> c.offset().toSeconds())
        .containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
    assertThat(plan)
        .filteredOn(c -> c.dependency() == slow)
        .extracting(c -> c.offset().toSeconds())
        .containsExactly(0L, 15L, 30L, 45L);
    assertThat(plan).extracting(PlannedCheck::offset).isSorted();
    assertThat(plan)
        .filteredOn(c -> c.dependency() == slow)
        .extracting(PlannedCheck::round)
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void aCheckThatWouldEndAfterTheWindowIsLeftToTheNextInvocation() {
    List<PlannedCheck> plan =
        CheckPlan.plan(List.of(dependency("db", 10, 6)), Duration.ofSeconds(55));

    assertThat(plan)
        .extracting(c -> c.offset().toSeconds())
        .containsExactly(0L, 10L, 20L, 30L, 40L);
  }

  @Test
  void everyDependencyIsCheckedOnceEvenInAWindowShorterThanItsCheck() {
    List<PlannedCheck> plan =
        CheckPlan.plan(List.of(dependency("db", 10, 2)), Duration.ofSeconds(1));

    assertThat(plan).containsExactly(new PlannedCheck(plan.get(0).dependency(), 0, Duration.ZERO));
  }

  @Test
  void detectionTimeFollowsFromThresholdAndInterval() {
    assertThat(dependency("db", 10, 2).detectionTime()).isEqualTo(Duration.ofSeconds(40));
  }
}
