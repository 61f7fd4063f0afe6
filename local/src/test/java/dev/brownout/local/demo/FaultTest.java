package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {

  @ParameterizedTest
  @CsvSource({
    "up,UP",
    "down,DOWN",
    "slow,SLOW",
    "error,ERROR",
    "flaky,FLAKY",
    "DOWN,DOWN",
    "' Slow\n',SLOW"
  })
  void aLabelInAnyCaseWithSurroundingSpaceNamesItsFault(String text, Fault expected) {
    assertThat(Fault.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sloww", "off", "", "  ", "down!", "{\"fault\":\"down\"}"})
  void anythingElseIsRefusedQuotingItAndListingTheFaults(String text) {
    assertThatThrownBy(() -> Fault.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown fault \"" + text.strip() + "\"; expected one of up, down, slow, error, flaky");
  }

  @Test
  void aMissingLabelIsRefusedLikeAnEmptyOne() {
    assertThatThrownBy(() -> Fault.parse(null)).hasMessageStartingWith("unknown fault \"\";");
  }

  @Test
  void everyFaultIsWrittenAsItsLowerCaseLabel() {
    assertThat(Fault.labels()).containsExactly("up", "down", "slow", "error", "flaky");
    for (Fault f : Fault.values()) {
      assertThat(Fault.parse(f.toString())).isEqualTo(f);
    }
  }
}
