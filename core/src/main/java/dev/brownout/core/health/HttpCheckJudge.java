package dev.brownout.core.health;

import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether an HTTP answer passes its dependency's check, and if not, why, in words.
 *
 * <p>A {@code bodyMatch} is bounded so that no pattern can outlive its check: it only sees the
 * first {@link #MAX_BODY_BYTES} of the body, and it gets what is left of the check's timeout after
 * the answer came; a match that takes longer is abandoned and the check counts as failed.
 */
public final class HttpCheckJudge {
  /** How much of a body a {@code bodyMatch} looks at; a probe need read no further. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final LongSupplier nanoTime;

  /**
   * @param nanoTime a monotonic time in nanoseconds ({@code System::nanoTime}), to hold the body
   *     match to what is left of the check's timeout
   */
  public HttpCheckJudge(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * @param body the start of the body as received (only read when the check matches the body)
   */
  public CheckResult judge(
      HealthCheck.Http check, int status, Duration latency, byte[] body, Instant at) {
    return judge(check, status, latency, body, false, at);
  }

  /**
   * @param latency how long the answer took; the body match gets the rest of the check's timeout
   * @param truncated the body is only the start of the answer: a character cut at its end is not an
   *     encoding error
   */
  public CheckResult judge(
      HealthCheck.Http check,
      int status,
      Duration latency,
      byte[] body,
      boolean truncated,
      Instant at) {
    if (!check.expects(status)) {
      return CheckResult.failure("status " + status + ", expected " + expected(check), latency, at);
    }
    if (check.latencyBudget().isPresent() && latency.compareTo(check.latencyBudget().get()) > 0) {
      return CheckResult.failure(
          "slow: answered in "
              + latency.toMillis()
              + "ms, over the latency budget of "
              + Durations.format(check.latencyBudget().get()),
          latency,
          at);
    }
    return check
        .bodyMatch()
        .flatMap(pattern -> bodyProblem(pattern, check.timeout().minus(latency), body, truncated))
        .map(problem -> CheckResult.failure(problem, latency, at))
        .orElse(CheckResult.success(latency, at));
  }

  /** Why the body fails {@code pattern}, given {@code left} of the check's time to match it. */
  private Optional<String> bodyProblem(
      Pattern pattern, Duration left, byte[] received, boolean truncated) {
    byte[] body = Arrays.copyOf(received, Math.min(received.length, MAX_BODY_BYTES));
    boolean cut = truncated || received.length > MAX_BODY_BYTES;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body, 0, cut ? wholeCharacters(body) : body.length))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("the body is not UTF-8 text");
    }
    Duration allowed = left.isNegative() ? Duration.ZERO : left;
    return switch (DeadlineMatcher.find(pattern, text, allowed, nanoTime)) {
      case FOUND -> Optional.empty();
      case NOT_FOUND -> Optional.of("the body does not match /" + pattern.pattern() + "/");
      case OUT_OF_TIME ->
          Optional.of(
              "bodyMatch /"
                  + pattern.pattern()
                  + "/ took longer than "
                  + Durations.format(allowed)
                  + ", what was left of the check's timeout; the check counts as failed");
    };
  }

  /** The length of {@code body} without a UTF-8 sequence cut off at its end. */
  static int wholeCharacters(byte[] body) {
    for (int back = 1; back <= Math.min(3, body.length); back++) {
      int b = body[body.length - back] & 0xff;
      if (b < 0x80) {
        return body.length; // ASCII: nothing cut
      }
      if (b >= 0xc0) { // the lead byte of the last sequence
        int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return back < length ? body.length - back : body.length;
      }
    }
    return body.length;
  }

  private static String expected(HealthCheck.Http check) {
    return check.expectedStatuses().isEmpty()
        ? "2xx"
        : check.expectedStatuses().stream()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(" or "));
  }
}
