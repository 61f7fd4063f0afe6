package dev.brownout.functions.api.fallback;

import dev.brownout.core.api.Json;
import dev.brownout.core.api.ServedFrom;
import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.functions.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A catalog answer as an API answer; JSON unless the catalog says otherwise. */
final class CannedAnswers {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private CannedAnswers() {}

  /** Placeholders in the body take the path parameters, JSON-escaped. */
  static ApiResponse of(
      CannedResponse response, Map<String, String> parameters, ServedFrom servedFrom) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(response.headers());
    String body = response.body();
    if (!parameters.isEmpty()) {
      Matcher m = PLACEHOLDER.matcher(body);
      StringBuilder filled = new StringBuilder();
      while (m.find()) {
        String value = parameters.get(m.group(1));
        String quoted = value == null ? m.group() : Json.quote(value);
        m.appendReplacement(
            filled,
            Matcher.quoteReplacement(
                value == null ? quoted : quoted.substring(1, quoted.length() - 1)));
      }
      m.appendTail(filled);
      body = filled.toString();
    }
    return new ApiResponse(
        response.status(), headers, body.getBytes(StandardCharsets.UTF_8), servedFrom);
  }
}
