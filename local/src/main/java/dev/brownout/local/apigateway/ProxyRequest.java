package dev.brownout.local.apigateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One HTTP request to the deployed API, as the local API server received it.
 *
 * @param httpMethod the method as sent ({@code GET})
 * @param rawPath the path after the stage, as sent: percent-encoded, starting with {@code /},
 *     without the query string ({@code /products/42} for {@code /prod/products/42})
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 * @param headers the headers in the order received, each name as the client wrote it, each with its
 *     values in order; names that differ only in case are kept apart, as API Gateway keeps them
 * @param body the body; empty when there is none
 * @param sourceIp the client's address ({@code requestContext.identity.sourceIp})
 * @param protocol the request's protocol ({@code HTTP/1.1})
 * @param scheme {@code http} or {@code https}, for {@code X-Forwarded-Proto}
 * @param port the port the request arrived on, for {@code X-Forwarded-Port}
 * @throws IllegalArgumentException when the method is blank, the path does not start with {@code
 *     /}, the source IP or protocol is missing, or the port is not a port
 */
public record ProxyRequest(
    String httpMethod,
    String rawPath,
    String rawQuery,
    SequencedMap<String, List<String>> headers,
    byte[] body,
    String sourceIp,
    String protocol,
    String scheme,
    int port) {

  public ProxyRequest {
    if (httpMethod == null || httpMethod.isBlank()) {
      throw new IllegalArgumentException("the request has no method");
    }
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "the request path must start with /, got \"" + rawPath + "\"");
    }
    if (sourceIp == null || sourceIp.isBlank()) {
      throw new IllegalArgumentException("the request has no source IP");
    }
    if (protocol == null || protocol.isBlank() || scheme == null || scheme.isBlank()) {
      throw new IllegalArgumentException("the request has no protocol or scheme");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the request arrived on port " + port);
    }
    rawQuery = rawQuery == null ? "" : rawQuery;
    body = body == null ? new byte[0] : body;
    SequencedMap<String, List<String>> copy = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (values != null && !values.isEmpty()) {
              copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
            }
          });
    }
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableSequencedMap(copy);
  }

  /** The last value of the header {@code name}, in any case. */
  public Optional<String> lastHeader(String name) {
    String last = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        last = header.getValue().getLast();
      }
    }
    return Optional.ofNullable(last);
  }

  /** The first value of the header {@code name}, in any case. */
  public Optional<String> firstHeader(String name) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(header -> header.getValue().getFirst())
        .findFirst();
  }
}
