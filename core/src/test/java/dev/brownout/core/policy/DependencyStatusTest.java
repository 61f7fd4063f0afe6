package dev.brownout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyStatusTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final int FAILURES = 3;
  private static final int RECOVERIES = 2;

  private static CheckResult ok(int second) {
    return CheckResult.success(Duration.ofMillis(12), T0.plusSeconds(second));
  }

  private static CheckResult failed(int second) {
    return CheckResult.failure("connection refused", Duration.ofMillis(3), T0.plusSeconds(second));
  }

  @Test
  void uncheckedDependencyCountsAsHealthy() {
    var status = DependencyStatus.unchecked("db");

    assertThat(status.healthy()).isTrue();
    assertThat(status.lastCheck()).isEmpty();
  }

  @Test
  void turnsUnhealthyOnlyAtTheFailureThreshold() {
    var s1 = DependencyStatus.unchecked("db").after(failed(0), FAILURES, RECOVERIES);
    var s2 = s1.after(failed(10), FAILURES, RECOVERIES);
    var s3 = s2.after(failed(20), FAILURES, RECOVERIES);

    assertThat(s1.healthy()).isTrue();
    assertThat(s2.healthy()).isTrue();
    assertThat(s2.consecutiveFailures()).isEqualTo(2);
    assertThat(s3.healthy()).isFalse();
    assertThat(s2.flipsTo(s3)).isTrue();
    assertThat(s3.lastChange()).contains(T0.plusSeconds(20));
    assertThat(s3.lastError()).contains("connection refused");
  }

  @Test
  void successBetweenFailuresResetsTheCount() {
    var status =
        DependencyStatus.unchecked("db")
            .after(failed(0), FAILURES, RECOVERIES)
            .after(failed(10), FAILURES, RECOVERIES)
            .after(ok(20), FAILURES, RECOVERIES)
            .after(failed(30), FAILURES, RECOVERIES)
            .after(failed(40), FAILURES, RECOVERIES);

    assertThat(status.healthy()).isTrue();
    assertThat(status.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void recoversOnlyAfterTheRecoveryThresholdAndKeepsTheLastError() {
    var down = DependencyStatus.unchecked("db").after(failed(0), 1, RECOVERIES);
    var once = down.after(ok(10), 1, RECOVERIES);
    var twice = once.after(ok(20), 1, RECOVERIES);

    assertThat(down.healthy()).isFalse();
    assertThat(once.healthy()).isFalse();
    assertThat(once.flipsTo(down)).isFalse();
    assertThat(twice.healthy()).isTrue();
    assertThat(twice.lastChange()).contains(T0.plusSeconds(20));
    assertThat(twice.lastError()).contains("connection refused");
    assertThat(twice.lastLatency()).contains(Duration.ofMillis(12));
  }

  @Test
  void lastChangeStaysPutWhileTheHealthyBitDoesNotFlip() {
    var healthy = DependencyStatus.unchecked("db").after(ok(0), FAILURES, RECOVERIES);

    assertThat(healthy.lastChange()).isEmpty();
    assertThat(healthy.after(ok(10), FAILURES, RECOVERIES).lastChange()).isEmpty();
  }

  @Test
  void negativeCountersAreRefusedWithTheValues() {
    assertThatThrownBy(
            () ->
                new DependencyStatus(
                    "db",
                    true,
                    -1,
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining("failures=-1");
  }
}
