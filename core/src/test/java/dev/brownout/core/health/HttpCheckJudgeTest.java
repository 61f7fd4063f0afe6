package dev.brownout.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpCheckJudgeTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration FAST = Duration.ofMillis(40);

  private static HealthCheck.Http check(Set<Integer> statuses, Duration budget, String bodyMatch) {
    return new HealthCheck.Http(
        URI.create("http://inventory.internal/health"),
        "GET",
        statuses,
        Duration.ofSeconds(2),
        Optional.ofNullable(budget),
        Optional.ofNullable(bodyMatch).map(Pattern::compile));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anyTwoHundredPassesWhenNoStatusIsListed() {
    assertThat(HttpCheckJudge.judge(check(Set.of(), null, null), 204, FAST, new byte[0], AT))
        .isEqualTo(CheckResult.success(FAST, AT));
  }

  @Test
  void statusOutsideTheListFailsNamingTheExpectedOnes() {
    CheckResult result =
        HttpCheckJudge.judge(check(Set.of(204, 200), null, null), 302, FAST, new byte[0], AT);

    assertThat(result.error()).contains("status 302, expected 200 or 204");
  }

  @Test
  void answerOverTheLatencyBudgetIsSlow() {
    CheckResult result =
        HttpCheckJudge.judge(
            check(Set.of(), Duration.ofMillis(800), null),
            200,
            Duration.ofMillis(950),
            new byte[0],
            AT);

    assertThat(result.error())
        .contains("slow: answered in 950ms, over the latency budget of 800ms");
    assertThat(result.latency()).isEqualTo(Duration.ofMillis(950));
  }

  @Test
  void answerExactlyAtTheBudgetPasses() {
    assertThat(
            HttpCheckJudge.judge(
                    check(Set.of(), Duration.ofMillis(800), null),
                    200,
                    Duration.ofMillis(800),
                    new byte[0],
                    AT)
                .success())
        .isTrue();
  }

  @Test
  void bodyMatchIsFoundAnywhereInTheBody() {
    assertThat(
            HttpCheckJudge.judge(
                    check(Set.of(), null, "\"status\"\\s*:\\s*\"UP\""),
                    200,
                    FAST,
                    utf8("{\"db\":1, \"status\" : \"UP\"}"),
                    AT)
                .success())
        .isTrue();
  }

  @Test
  void bodyThatDoesNotMatchFailsQuotingThePattern() {
    assertThat(
            HttpCheckJudge.judge(check(Set.of(), null, "UP"), 200, FAST, utf8("DOWN"), AT).error())
        .contains("the body does not match /UP/");
  }

  @Test
  void bodyThatIsNotUtf8FailsOnlyWhenTheBodyMatters() {
    byte[] latin1 = "caf\u00e9 UP".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(HttpCheckJudge.judge(check(Set.of(), null, "UP"), 200, FAST, latin1, AT).error())
        .contains("the body is not UTF-8 text");
    assertThat(HttpCheckJudge.judge(check(Set.of(), null, null), 200, FAST, latin1, AT).success())
        .isTrue();
  }

  @Test
  void aCharacterCutByTheReadLimitIsNotAnEncodingError() {
    byte[] euro = "UP \u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);

    assertThat(
            HttpCheckJudge.judge(check(Set.of(), null, "UP"), 200, FAST, cut, true, AT).success())
        .isTrue();
    assertThat(HttpCheckJudge.judge(check(Set.of(), null, "UP"), 200, FAST, cut, false, AT).error())
        .contains("the body is not UTF-8 text");
  }

  @Test
  void wrongStatusIsReportedBeforeSlownessOrBody() {
    CheckResult result =
        HttpCheckJudge.judge(
            check(Set.of(), Duration.ofMillis(10), "UP"),
            500,
            Duration.ofSeconds(1),
            utf8("DOWN"),
            AT);

    assertThat(result.error()).contains("status 500, expected 2xx");
  }
}
