package dev.brownout.functions.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's request as the API function sees it.
 *
 * @param headers lower-case names; a header sent several times is joined with ", "
 * @param budget how long the primary and every fallback together may take: API Gateway gives up
 *     after 29 s, and the answer must leave before
 * @param client who API Gateway's authorizer says sent it: SHA-256 (hex) of {@code principal
 *     <principalId>} (a Lambda authorizer) or {@code sub <sub>} (a Cognito or JWT authorizer's
 *     claim), never of the token, which a client refreshes and which a hash does not hide; empty on
 *     a route without an authorizer
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String requestId,
    Duration budget,
    Optional<String> client) {

  /** API Gateway's 29 s, less a second to shape and send the answer. */
  public static final Duration MAX_BUDGET = Duration.ofSeconds(28);

  public ApiRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /** A request on a route without an authorizer: nobody says who sent it. */
  public ApiRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      byte[] body,
      String requestId,
      Duration budget) {
    this(method, path, query, headers, body, requestId, budget, Optional.empty());
  }
}
