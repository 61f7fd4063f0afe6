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
                .decode(ByteBuffer.wrap(body))
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

  private static String expected(HealthCheck.Http check) {
    return check.expectedStatuses().isEmpty()
        ? "2xx"
        : check.expectedStatuses().stream()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(" or "));
  }
}
