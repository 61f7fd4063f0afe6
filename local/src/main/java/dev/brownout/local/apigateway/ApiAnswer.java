package dev.brownout.local.apigateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * What the local API server sends back for one request: status, headers, body.
 *
 * @param headers each header's values in order, to be sent as separate header lines
 * @param problem why API Gateway answered instead of the function (an unknown path, a malformed
 *     answer, a timeout), for the log; empty when this is the function's own answer
 */
public record ApiAnswer(
    int status, SequencedMap<String, List<String>> headers, byte[] body, Optional<String> problem) {

  static final String JSON = "application/json";

  public ApiAnswer {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status " + status + " is not one");
    }
    SequencedMap<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableSequencedMap(copy);
    body = body == null ? new byte[0] : body;
    problem = problem == null ? Optional.empty() : problem;
  }

  /**
   * API Gateway's answer when no resource and method serve the request: {@code 403
   * {"message":"Missing Authentication Token"}}.
   */
  public static ApiAnswer missingAuthenticationToken(RequestStamp stamp, String reason) {
    return gateway(
        403, "Missing Authentication Token", "MissingAuthenticationTokenException", stamp, reason);
  }

  /**
   * API Gateway's answer when the function does not answer within the integration timeout: {@code
   * 504 {"message": "Endpoint request timed out"}}.
   */
  public static ApiAnswer endpointTimedOut(RequestStamp stamp, Duration timeout) {
    return gateway(
        504,
        "Endpoint request timed out",
        "InternalServerErrorException",
        stamp,
        "the function did not answer within the integration timeout of "
            + timeout.toMillis()
            + " ms");
  }

  /**
   * API Gateway's {@code {"message": "Internal server error"}}: 502 for a failed function or a
   * malformed answer, 500 for a configuration error such as a base64 body that does not decode.
   */
  static ApiAnswer internalServerError(int status, RequestStamp stamp, String reason) {
    return gateway(status, "Internal server error", "InternalServerErrorException", stamp, reason);
  }

  /** A gateway response as API Gateway's default template writes it. */
  private static ApiAnswer gateway(
      int status, String message, String errorType, RequestStamp stamp, String reason) {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of(JSON));
    headers.put("x-amzn-ErrorType", List.of(errorType));
    headers.put("x-amzn-RequestId", List.of(stamp.requestId()));
    headers.put("x-amz-apigw-id", List.of(stamp.extendedRequestId()));
    // The default template is {"message":$context.error.messageString}: no space after the colon.
    byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    return new ApiAnswer(status, headers, body, Optional.of(reason));
  }

  /** The values of the header {@code name}, in any case, in order. */
  public List<String> header(String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }
}
