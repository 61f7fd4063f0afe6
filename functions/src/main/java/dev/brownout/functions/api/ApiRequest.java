package dev.brownout.functions.api;

import java.util.List;
import java.util.Map;

/**
 * A client's request as the API function sees it.
 *
 * @param headers lower-case names; a header sent several times is joined with ", "
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String requestId) {

  public ApiRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }
}
