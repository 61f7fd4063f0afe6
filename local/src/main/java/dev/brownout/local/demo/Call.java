package dev.brownout.local.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a demo service.
 *
 * @param rawPath the path as sent, still percent-encoded
 * @param query the decoded query parameters
 * @param headers the first value of each header, by lower-case name
 */
record Call(
    String method,
    String rawPath,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body) {

  Call {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  Optional<String> queryValue(String name) {
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Decodes a raw query string such as {@code user=ann&limit=20}. */
  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = UrlPattern.decode(eq < 0 ? pair : pair.substring(0, eq), true);
        String value = eq < 0 ? "" : UrlPattern.decode(pair.substring(eq + 1), true);
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        // A malformed %-escape: the pair is ignored, as a lenient server would.
      }
    }
    query.replaceAll((k, v) -> List.copyOf(v));
    return query;
  }
}
