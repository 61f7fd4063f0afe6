package dev.brownout.functions.api;

import dev.brownout.core.serving.Problem;
import dev.brownout.core.serving.ServedFrom;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the API function, with where it came from. */
public record ApiResponse(
    int status, Map<String, String> headers, byte[] body, ServedFrom servedFrom) {

  public ApiResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static ApiResponse problem(
      Problem problem, ServedFrom servedFrom, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put("Content-Type", Problem.CONTENT_TYPE);
    return new ApiResponse(
        problem.status(), headers, problem.toJson().getBytes(StandardCharsets.UTF_8), servedFrom);
  }

  /** This answer with {@code more} headers added, or replacing those of the same name. */
  public ApiResponse withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new ApiResponse(status, all, body, servedFrom);
  }
}
