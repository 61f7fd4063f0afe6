package dev.brownout.core.catalog;

import dev.brownout.core.text.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An answer written in the catalog: a status, headers and a body. */
public record CannedResponse(int status, Map<String, String> headers, String body) {
  public static final int DEFAULT_STATUS = 200;

  /** The content type of a canned answer whose headers name none. */
  public static final String DEFAULT_CONTENT_TYPE = "application/json";

  public CannedResponse {
    headers = Map.copyOf(headers);
  }

  /** The content type its headers name (whatever the case of the header's name), or the default. */
  public String contentType() {
    return headers.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(DEFAULT_CONTENT_TYPE);
  }

  /** Whether the body is JSON: {@code application/json} or a {@code +json} type. */
  public boolean isJson() {
    String type = contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  /**
   * The body with each placeholder of a path parameter replaced by its value, JSON-string-escaped
   * (without quotes: the catalog writes the placeholder inside a JSON string, and the validator
   * refuses one outside). A placeholder that names no parameter stays as written.
   */
  public String render(Map<String, String> pathParameters) {
    return TemplateRules.fill(
        body, name -> Optional.ofNullable(pathParameters.get(name)).map(Json::escape));
  }
}
