package dev.brownout.core.health;

import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.catalog.internal.Durations;
import dev.brownout.core.policy.CheckResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/** Whether an HTTP answer passes its dependency's check, and if not, why, in words. */
public final class HttpCheckJudge {
  private HttpCheckJudge() {}

  /**
   * @param body the start of the body as received (only read when the check matches the body)
   */
  public static CheckResult judge(
      HealthCheck.Http check, int status, Duration latency, byte[] body, Instant at) {
    return judge(check, status, latency, body, false, at);
  }

  /**
   * @param truncated the body is only the start of the answer: a character cut at its end is not an
   *     encoding error
   */
  public static CheckResult judge(
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
    if (check.bodyMatch().isPresent()) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body, 0, truncated ? wholeCharacters(body) : body.length))
                .toString();
      } catch (CharacterCodingException e) {
        return CheckResult.failure("the body is not UTF-8 text", latency, at);
      }
      if (!check.bodyMatch().get().matcher(text).find()) {
        return CheckResult.failure(
            "the body does not match /" + check.bodyMatch().get().pattern() + "/", latency, at);
      }
    }
    return CheckResult.success(latency, at);
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
