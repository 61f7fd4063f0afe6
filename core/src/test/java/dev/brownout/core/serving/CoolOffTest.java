package dev.brownout.core.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoolOffTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aStoreThatNeverFailedMayAlwaysBeAsked() {
    CoolOff coolOff = new CoolOff(Duration.ofSeconds(30));

    assertThat(coolOff.open(T0)).isTrue();
    assertThat(coolOff.open(T0.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void aFailedStoreIsLeftAloneForThePeriodThenAskedAgain() {
    CoolOff coolOff = new CoolOff(Duration.ofSeconds(30));

    coolOff.failed(T0);

    assertThat(coolOff.open(T0)).isFalse();
    assertThat(coolOff.open(T0.plusSeconds(29))).isFalse();
    assertThat(coolOff.open(T0.plusSeconds(30))).isTrue();
  }

  @Test
  void aFailureWhenAskedAgainStartsANewPeriodFromThatFailure() {
    CoolOff coolOff = new CoolOff(Duration.ofSeconds(30));
    coolOff.failed(T0);

    coolOff.failed(T0.plusSeconds(31));

    assertThat(coolOff.open(T0.plusSeconds(60))).isFalse();
    assertThat(coolOff.open(T0.plusSeconds(61))).isTrue();
  }

  @Test
  void theDefaultPeriodIsHalfAMinute() {
    CoolOff coolOff = new CoolOff();
    coolOff.failed(T0);

    assertThat(coolOff.open(T0.plusSeconds(29))).isFalse();
    assertThat(coolOff.open(T0.plusSeconds(30))).isTrue();
  }

  @Test
  void aPeriodThatIsNotPositiveIsRefusedQuotingIt() {
    assertThatThrownBy(() -> new CoolOff(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new CoolOff(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
  }
}
