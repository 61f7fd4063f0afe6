package dev.brownout.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a demo service answers: a status, headers and a JSON body. */
record Reply(int status, Map<String, String> headers, byte[] body) {
  static final ObjectMapper JSON = new ObjectMapper();

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, JsonNode body) {
    return new Reply(
        status,
        Map.of("Content-Type", "application/json"),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"error": ..., "message": ...}}. */
  static Reply error(int status, String error, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", error);
    node.put("message", message);
    return json(status, node);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, body);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
