package dev.brownout.functions.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.core.api.RequestQueue.QueuedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A queued write as an SQS message body (JSON; the request body in base64), and back. */
public final class QueuedMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueuedMessages() {}

  public static String write(QueuedRequest request) {
    ObjectNode node = JSON.createObjectNode();
    node.put("route", request.route());
    node.put("method", request.method());
    node.put("url", request.url().toString());
    ObjectNode headers = node.putObject("headers");
    request.headers().forEach(headers::put);
    node.put("body", Base64.getEncoder().encodeToString(request.body()));
    node.put("idempotencyKey", request.idempotencyKey());
    node.put("acceptedAt", request.acceptedAt().toString());
    return node.toString();
  }

  /**
   * @throws IllegalArgumentException saying what is wrong, for a message that is not one of ours
   */
  public static QueuedRequest read(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
    }
    Map<String, String> headers = new HashMap<>();
    node.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    try {
      return new QueuedRequest(
          text(node, "route"),
          text(node, "method"),
          URI.create(text(node, "url")),
          headers,
          Base64.getDecoder().decode(text(node, "body")),
          text(node, "idempotencyKey"),
          Instant.parse(text(node, "acceptedAt")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the message is not a queued request: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value.asText();
  }
}
