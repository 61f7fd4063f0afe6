package dev.brownout.functions.api.fallback;

import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A catalog answer as an API answer; JSON unless the catalog says otherwise. */
final class CannedAnswers {
  private CannedAnswers() {}

  /** Placeholders in the body take the path parameters, JSON-escaped inside their strings. */
  static ApiResponse of(
      CannedResponse response, Map<String, String> parameters, ServedFrom servedFrom) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CannedResponse.DEFAULT_CONTENT_TYPE);
    headers.putAll(response.headers());
    String body = parameters.isEmpty() ? response.body() : response.render(parameters);
    return new ApiResponse(
        response.status(), headers, body.getBytes(StandardCharsets.UTF_8), servedFrom);
  }
}
