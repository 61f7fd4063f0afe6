package dev.brownout.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The demo's fault switchboard over HTTP, as a pure handler that any HTTP server can mount at
 * {@value #PATH}:
 *
 * <ul>
 *   <li>{@code GET /_brownout/faults}: 200, every target with its fault, address and slowness;
 *   <li>{@code GET /_brownout/faults/{name}}: 200, that target;
 *   <li>{@code POST /_brownout/faults/{name}} with the body {@code down} (plain text, any case) or
 *       {@code {"fault":"down"}}: 200 with the new state.
 * </ul>
 *
 * <p>Every answer is JSON. An unknown name is 404 listing the known names; an unknown fault or an
 * unreadable body is 400 listing the allowed faults; a change that cannot be made (a port taken
 * meanwhile) is 409 and changes nothing; another method is 405, another path 404.
 */
public final class FaultControl {
  public static final String PATH = "/_brownout/faults";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/json";

  /** What to answer: a status, a content type and a body. */
  public record Answer(int status, String contentType, String body) {}

  private final Faults faults;

  public FaultControl(Faults faults) {
    this.faults = faults;
  }

  /**
   * @param method the request's method
   * @param path the request's path, with or without a query (ignored)
   * @param body the request's body, or null
   */
  public Answer handle(String method, String path, String body) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (p.equals(PATH) || p.equals(PATH + "/")) {
      if (!method.equals("GET")) {
        return message(405, method + " " + PATH + " is not allowed; use GET");
      }
      ObjectNode all = JSON.createObjectNode();
      ArrayNode list = all.putArray("faults");
      faults.all().forEach(s -> list.add(json(s)));
      ArrayNode allowed = all.putArray("allowed");
      Fault.labels().forEach(allowed::add);
      return answer(200, all);
    }
    if (!p.startsWith(PATH + "/")) {
      return message(404, "no such path " + p + "; the faults are at " + PATH);
    }
    String name = p.substring(PATH.length() + 1);
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    Optional<Faults.State> state = faults.state(name);
    if (state.isEmpty()) {
      return message(404, faults.unknown(name));
    }
    return switch (method) {
      case "GET" -> answer(200, json(state.get()));
      case "POST", "PUT" -> set(name, body);
      default ->
          message(405, method + " " + PATH + "/" + name + " is not allowed; use GET or POST");
    };
  }

  private Answer set(String name, String body) {
    Fault fault;
    try {
      fault = Fault.parse(faultText(body));
    } catch (IllegalArgumentException e) {
      return message(400, e.getMessage());
    }
    try {
      return answer(200, json(faults.set(name, fault)));
    } catch (IllegalStateException e) {
      return message(409, e.getMessage());
    }
  }

  /** The fault named by a body: plain text, a JSON string or {@code {"fault": ...}}. */
  private static String faultText(String body) {
    String text = body == null ? "" : body.strip();
    if (!text.startsWith("{") && !text.startsWith("\"")) {
      return text;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the body is not valid JSON ("
              + e.getOriginalMessage()
              + "); send {\"fault\":\"down\"} or just down; allowed: "
              + String.join(", ", Fault.labels()));
    }
    if (node.isTextual()) {
      return node.asText();
    }
    JsonNode fault = node.get("fault");
    if (fault == null || !fault.isTextual()) {
      throw new IllegalArgumentException(
          "the JSON body has no string \"fault\": "
              + text
              + "; expected one of "
              + String.join(", ", Fault.labels()));
    }
    return fault.asText();
  }

  private static ObjectNode json(Faults.State s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", s.name());
    node.put("dependency", s.dependency());
    node.put("fault", s.fault().label());
    node.put("address", s.address());
    node.put("slowByMs", s.slowBy().toMillis());
    return node;
  }

  private static Answer message(int status, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("message", message);
    return answer(status, node);
  }

  private static Answer answer(int status, JsonNode body) {
    return new Answer(status, CONTENT_TYPE, body.toString());
  }
}
