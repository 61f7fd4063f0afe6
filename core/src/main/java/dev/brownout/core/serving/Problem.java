package dev.brownout.core.serving;

import dev.brownout.core.text.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem: every error answer of the API is {@code application/problem+json} in this
 * shape, with the route and the reason in words.
 *
 * @param type a stable URI naming the kind of problem
 * @param route the route it concerns, if a route was matched
 */
public record Problem(String type, String title, int status, String detail, String route) {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String BASE = "urn:brownout:problem:";

  public static Problem of(String kind, String title, int status, String detail, String route) {
    return new Problem(BASE + kind, title, status, detail, route);
  }

  public String toJson() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", Json.quote(type));
    fields.put("title", Json.quote(title));
    fields.put("status", Integer.toString(status));
    fields.put("detail", Json.quote(detail));
    if (route != null) {
      fields.put("route", Json.quote(route));
    }
    return fields.entrySet().stream()
        .map(e -> Json.quote(e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
