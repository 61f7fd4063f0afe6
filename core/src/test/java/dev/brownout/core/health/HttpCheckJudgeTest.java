package dev.brownout.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpCheckJudgeTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration FAST = Duration.ofMillis(40);

  /** Time that stands still: no match ever runs out of it. */
  private static final HttpCheckJudge JUDGE = new HttpCheckJudge(() -> 0L);

  /** A judge whose time moves on a millisecond each time it is read: no sleeping for a deadline. */
  private static HttpCheckJudge judgeWithTicking() {
    AtomicLong nanos = new AtomicLong();
    return new HttpCheckJudge(() -> nanos.addAndGet(1_000_000));
  }

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
    assertThat(JUDGE.judge(check(Set.of(), null, null), 204, FAST, new byte[0], AT))
        .isEqualTo(CheckResult.success(FAST, AT));
  }

  @Test
  void statusOutsideTheListFailsNamingTheExpectedOnes() {
    CheckResult result =
        JUDGE.judge(check(Set.of(204, 200), null, null), 302, FAST, new byte[0], AT);

    assertThat(result.error()).contains("status 302, expected 200 or 204");
  }

  @Test
  void answerOverTheLatencyBudgetIsSlow() {
    CheckResult result =
        JUDGE.judge(
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
            JUDGE
                .judge(
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
            JUDGE
                .judge(
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
    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, utf8("DOWN"), AT).error())
        .contains("the body does not match /UP/");
  }

  @Test
  void bodyThatIsNotUtf8FailsOnlyWhenTheBodyMatters() {
    byte[] latin1 = "caf\u00e9 UP".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, latin1, AT).error())
        .contains("the body is not UTF-8 text");
    assertThat(JUDGE.judge(check(Set.of(), null, null), 200, FAST, latin1, AT).success()).isTrue();
  }

  @Test
  void aCharacterCutByTheReadLimitIsNotAnEncodingError() {
    byte[] euro = "UP \u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);

    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, cut, true, AT).success())
        .isTrue();
    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, cut, false, AT).error())
        .contains("the body is not UTF-8 text");
  }

  @Test
  void wrongStatusIsReportedBeforeSlownessOrBody() {
    CheckResult result =
        JUDGE.judge(
            check(Set.of(), Duration.ofMillis(10), "UP"),
            500,
            Duration.ofSeconds(1),
            utf8("DOWN"),
            AT);

    assertThat(result.error()).contains("status 500, expected 2xx");
  }

  static Stream<Arguments> catastrophicBodyMatches() {
    return Stream.of(
        // Exponential: every way to split the a's among three nested loops is tried.
        Arguments.of("((a+)+)+b", "a".repeat(40)),
        // Polynomial, but minutes on a 60 KB body: three greedy .* over a body with no "UP".
        Arguments.of(
            ".*\"status\".*:.*\"UP\"",
            "{\"status\":\"" + "x".repeat(30_000) + ":" + "y".repeat(30_000) + "DOWN\"}"));
  }

  @ParameterizedTest
  @MethodSource("catastrophicBodyMatches")
  void aCatastrophicBodyMatchIsAbandonedWhenWhatIsLeftOfTheCheckTimeoutRunsOut(
      String bodyMatch, String body) {
    var judge = judgeWithTicking();

    CheckResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> judge.judge(check(Set.of(), null, bodyMatch), 200, FAST, utf8(body), AT));

    assertThat(result.error())
        .contains(
            "bodyMatch /"
                + bodyMatch
                + "/ took longer than 1960ms, what was left of the check's timeout; the check"
                + " counts as failed");
  }

  @Test
  void aBodyMatchThatEndsInTimeIsNotCutShort() {
    var judge = judgeWithTicking();
    String body = " ".repeat(60_000) + "{\"status\": \"UP\"}";

    assertThat(
            judge
                .judge(
                    check(Set.of(), null, "\"status\"\\s*:\\s*\"UP\""), 200, FAST, utf8(body), AT)
                .success())
        .isTrue();
  }

  @Test
  void bodyMatchOnlyLooksAtTheFirst64KiBOfTheBody() {
    String within = "UP" + " ".repeat(100 * 1024);
    String beyond = " ".repeat(HttpCheckJudge.MAX_BODY_BYTES) + "UP";

    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, utf8(within), AT).success())
        .isTrue();
    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, utf8(beyond), AT).error())
        .contains("the body does not match /UP/");
  }

  @Test
  void aCharacterCutByThe64KiBCapIsNotAnEncodingError() {
    byte[] body = utf8("UP" + " ".repeat(HttpCheckJudge.MAX_BODY_BYTES - 3) + "\u20ac");

    assertThat(JUDGE.judge(check(Set.of(), null, "UP"), 200, FAST, body, AT).success()).isTrue();
  }
}
