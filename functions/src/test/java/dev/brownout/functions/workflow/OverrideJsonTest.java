package dev.brownout.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverrideJsonTest {

  @Test
  void aFullOverrideIsRead() {
    var parsed =
        OverrideJson.parse(
            "{\"level\":\"MINIMAL\",\"features\":{\"checkout\":false,\"recommendations\":\"on\"},\"until\":\"2026-11-27T18:00:00Z\",\"reason\":\"load test\"}");

    assertThat(parsed.problem()).isEmpty();
    var override = parsed.override().orElseThrow();
    assertThat(override.level()).contains(Level.MINIMAL);
    assertThat(override.features()).isEqualTo(Map.of("checkout", false, "recommendations", true));
    assertThat(override.until()).contains(Instant.parse("2026-11-27T18:00:00Z"));
    assertThat(override.reason()).contains("load test");
  }

  @Test
  void absentOrEmptyIsNoOverrideAndNoProblem() {
    assertThat(OverrideJson.parse(null))
        .isEqualTo(new OverrideJson.Parsed(Optional.empty(), Optional.empty()));
    assertThat(OverrideJson.parse("{}"))
        .isEqualTo(new OverrideJson.Parsed(Optional.empty(), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | level: MINIMAL | it is not JSON",
        "a list | [1,2] | it is not a JSON object",
        "an unknown level | {\"level\":\"SOMETIMES\"} | level must be FULL, REDUCED, MINIMAL or EMERGENCY, got \"SOMETIMES\"",
        "a bad feature value | {\"features\":{\"checkout\":\"maybe\"}} | features.checkout must be true, false, \"on\" or \"off\", got \"maybe\"",
        "a bad time | {\"level\":\"FULL\",\"until\":\"tomorrow\"} | until must be a UTC time like 2026-11-27T18:00:00Z, got \"tomorrow\"",
        "an unknown key | {\"level\":\"FULL\",\"levle\":\"FULL\"} | unknown key \"levle\"",
        "nothing to do | {\"reason\":\"why not\"} | it pins no level and forces no feature"
      })
  void aMalformedOverrideIsVoidWholeWithTheReason(String scenario, String json, String problem) {
    var parsed = OverrideJson.parse(json);

    assertThat(parsed.override()).isEmpty();
    assertThat(parsed.problem().orElseThrow()).contains(problem).endsWith("; it is ignored");
  }

  @Test
  void aValidLevelWithABadFeatureIsNotHalfApplied() {
    var parsed = OverrideJson.parse("{\"level\":\"EMERGENCY\",\"features\":{\"checkout\":3}}");

    assertThat(parsed.override()).isEmpty();
  }
}
