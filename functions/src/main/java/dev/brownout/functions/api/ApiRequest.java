package dev.brownout.functions.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client's request as the API function sees it.
 *
 * @param headers lower-case names; a header sent several times is joined with ", "
 * @param budget how long the primary and every fallback together may take: API Gateway gives up
 *     after 29 s, and the answer must leave before
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String requestId,
    Duration budget) {

  /** API Gateway's 29 s, less a second to shape and send the answer. */
  public static final Duration MAX_BUDGET = Duration.ofSeconds(28);

  public ApiRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }
}
