package dev.brownout.local.apigateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * What API Gateway stamps on one request: its ids, its trace header and when it arrived.
 *
 * @param requestId {@code requestContext.requestId} and the answer's {@code x-amzn-RequestId}: a
 *     UUID
 * @param extendedRequestId {@code requestContext.extendedRequestId} and the answer's {@code
 *     x-amz-apigw-id}: 16 base64 characters such as {@code JJbxmHp9IAMFUrw=}
 * @param traceId the {@code X-Amzn-Trace-Id} passed to the function and returned to the client
 * @param time when the request arrived, to the millisecond ({@code requestTime}, {@code
 *     requestTimeEpoch})
 */
public record RequestStamp(
    String requestId, String extendedRequestId, String traceId, Instant time) {

  // X-Ray's format: Root=1-<8 hex digits of epoch seconds>-<24 hex digits>.
  private static final Pattern CLIENT_TRACE =
      Pattern.compile("(?i)(.*;)?\\s*Root=1-[0-9a-f]{8}-[0-9a-f]{24}\\s*(;.*)?");

  public RequestStamp {
    if (requestId == null || extendedRequestId == null || traceId == null || time == null) {
      throw new IllegalArgumentException(
          "a request stamp needs a request id, an extended request id, a trace id and a time");
    }
    time = time.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Stamps a request arriving now.
   *
   * @param clientTraceHeader the client's {@code X-Amzn-Trace-Id}, or null: kept when it carries a
   *     well-formed {@code Root=1-...}, so the client's trace continues; otherwise a new root is
   *     made from the arrival time
   */
  public static RequestStamp next(Clock clock, RandomGenerator random, String clientTraceHeader) {
    Instant now = clock.instant();
    UUID requestId = new UUID(version4(random.nextLong()), variant(random.nextLong()));
    byte[] extended = new byte[11];
    random.nextBytes(extended);
    String traceId =
        clientTraceHeader != null && CLIENT_TRACE.matcher(clientTraceHeader).matches()
            ? clientTraceHeader.trim()
            : "Root=1-%08x-%s".formatted(now.getEpochSecond(), hex(random, 12));
    return new RequestStamp(
        requestId.toString(), Base64.getEncoder().encodeToString(extended), traceId, now);
  }

  private static long version4(long bits) {
    return (bits & ~0xF000L) | 0x4000L;
  }

  private static long variant(long bits) {
    return (bits & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
  }

  private static String hex(RandomGenerator random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
