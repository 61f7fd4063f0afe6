package dev.brownout.local.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.lambda.InvokeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a Lambda proxy integration's answer back to HTTP as API Gateway does for REST APIs.
 *
 * <ul>
 *   <li>The answer must be a JSON object with no keys but {@code statusCode}, {@code headers},
 *       {@code multiValueHeaders}, {@code body} and {@code isBase64Encoded}; every key may be
 *       missing or {@code null}. A missing {@code statusCode} is 200; an integer in a string
 *       ({@code "201"}) counts; anything else, or a status outside 100-599, is malformed.
 *   <li>Header values are strings; booleans and numbers are written as JSON writes them ({@code
 *       true}); {@code multiValueHeaders} values must be arrays. Both maps are merged: a name in
 *       both takes the spelling and values of {@code multiValueHeaders}, followed by the {@code
 *       headers} value unless it is already among them.
 *   <li>{@code body} must be a string. With {@code isBase64Encoded: true} it is decoded only when
 *       the request's first {@code Accept} media type is one of the API's binary media types; a
 *       body that then does not decode is API Gateway's 500. Otherwise it is sent as UTF-8 text,
 *       base64 or not.
 *   <li>A failed function, or an answer that breaks these rules, is API Gateway's {@code 502
 *       {"message":"Internal server error"}}, with the reason in {@link ApiAnswer#problem()}.
 *   <li>API Gateway adds {@code Content-Type: application/json} when the function sets none, and
 *       {@code x-amzn-RequestId}, {@code x-amz-apigw-id} and {@code X-Amzn-Trace-Id}; the
 *       function's {@code Connection}, {@code Content-Length}, {@code Date} and {@code Server} are
 *       renamed {@code x-amzn-Remapped-...} and its {@code Transfer-Encoding} is dropped.
 * </ul>
 */
public final class ProxyAnswer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> KEYS =
      Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");
  private static final List<String> REMAPPED =
      List.of("Connection", "Content-Length", "Date", "Server");
  private static final String DROPPED = "transfer-encoding";
  private static final int QUOTED = 200;

  private ProxyAnswer() {}

  /**
   * The HTTP answer for the function's result.
   *
   * @param request the request, for its {@code Accept} header
   * @param api the API, for its binary media types
   */
  public static ApiAnswer of(
      InvokeResult result, ProxyRequest request, RestApiModel api, RequestStamp stamp) {
    if (result.failed()) {
      return ApiAnswer.internalServerError(502, stamp, "the function failed: " + failure(result));
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(result.payload());
    } catch (IOException e) {
      return malformed(stamp, "is not JSON: " + quote(result.payloadText()));
    }
    if (answer == null || answer.isMissingNode()) {
      return malformed(stamp, "is empty");
    }
    if (!answer.isObject()) {
      return malformed(stamp, "is " + kind(answer) + ", not an object");
    }
    Set<String> unknown = new TreeSet<>();
    answer.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      return malformed(
          stamp,
          "has keys API Gateway does not accept: "
              + unknown
              + " (only statusCode, headers, multiValueHeaders, body, isBase64Encoded)");
    }
    try {
      int status = status(answer.get("statusCode"));
      SequencedMap<String, List<String>> headers = headers(answer);
      boolean base64 = base64(answer.get("isBase64Encoded"));
      String body = body(answer.get("body"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (base64
          && MediaTypes.isBinary(
              request.firstHeader("Accept").orElse(null), api.binaryMediaTypes())) {
        try {
          bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
          return ApiAnswer.internalServerError(
              500,
              stamp,
              "the function's body is marked isBase64Encoded but is not base64: " + quote(body));
        }
      }
      return new ApiAnswer(status, withGatewayHeaders(headers, stamp), bytes, Optional.empty());
    } catch (Malformed e) {
      return malformed(stamp, e.getMessage());
    }
  }

  private static ApiAnswer malformed(RequestStamp stamp, String what) {
    return ApiAnswer.internalServerError(
        502, stamp, "malformed Lambda proxy answer: the function's answer " + what);
  }

  private static int status(JsonNode node) {
    if (node == null || node.isNull()) {
      return 200;
    }
    int status;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      status = node.intValue();
    } else if (node.isTextual()) {
      try {
        status = Integer.parseInt(node.textValue());
      } catch (NumberFormatException e) {
        throw new Malformed("has the statusCode " + quote(node.textValue()) + ", not an integer");
      }
    } else {
      throw new Malformed("has a statusCode that is " + kind(node) + ", not an integer");
    }
    if (status < 100 || status > 599) {
      throw new Malformed("has the statusCode " + status + ", not an HTTP status (100-599)");
    }
    return status;
  }

  /** The two header maps merged; multiValueHeaders decides a shared name's spelling. */
  private static SequencedMap<String, List<String>> headers(JsonNode answer) {
    SequencedMap<String, List<String>> merged = new LinkedHashMap<>();
    JsonNode single = answer.get("headers");
    if (single != null && !single.isNull()) {
      if (!single.isObject()) {
        throw new Malformed("has headers that are " + kind(single) + ", not an object");
      }
      single
          .properties()
          .forEach(
              header ->
                  headerValue("headers", header.getKey(), header.getValue())
                      .ifPresent(
                          value -> merged.put(header.getKey(), new ArrayList<>(List.of(value)))));
    }
    JsonNode multi = answer.get("multiValueHeaders");
    if (multi != null && !multi.isNull()) {
      if (!multi.isObject()) {
        throw new Malformed("has multiValueHeaders that are " + kind(multi) + ", not an object");
      }
      for (Map.Entry<String, JsonNode> header : multi.properties()) {
        String name = header.getKey();
        JsonNode values = header.getValue();
        if (values.isNull()) {
          continue;
        }
        if (!values.isArray()) {
          throw new Malformed(
              "has multiValueHeaders "
                  + quote(name)
                  + " that is "
                  + kind(values)
                  + ", not an array");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode value : values) {
          headerValue("multiValueHeaders", name, value).ifPresent(list::add);
        }
        String singleValue = null;
        for (Iterator<String> names = merged.keySet().iterator(); names.hasNext(); ) {
          String existing = names.next();
          if (existing.equalsIgnoreCase(name)) {
            singleValue = merged.get(existing).getFirst();
            names.remove();
          }
        }
        if (singleValue != null && !list.contains(singleValue)) {
          list.add(singleValue);
        }
        merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(list);
      }
    }
    return merged;
  }

  private static Optional<String> headerValue(String map, String name, JsonNode value) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    if (value.isBoolean() || value.isNumber()) {
      return Optional.of(value.asText());
    }
    throw new Malformed(
        "has "
            + map
            + " "
            + quote(name)
            + " with a value that is "
            + kind(value)
            + ", not a string");
  }

  private static boolean base64(JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new Malformed("has an isBase64Encoded that is " + kind(node) + ", not a boolean");
    }
    return node.booleanValue();
  }

  private static String body(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw new Malformed("has a body that is " + kind(node) + ", not a string");
    }
    return node.textValue();
  }

  private static SequencedMap<String, List<String>> withGatewayHeaders(
      SequencedMap<String, List<String>> fromFunction, RequestStamp stamp) {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    fromFunction.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.equals(DROPPED) || isGatewayHeader(lower)) {
            return;
          }
          String remapped =
              REMAPPED.stream()
                  .filter(header -> header.equalsIgnoreCase(name))
                  .map(header -> "x-amzn-Remapped-" + header)
                  .findFirst()
                  .orElse(name);
          headers.computeIfAbsent(remapped, n -> new ArrayList<>()).addAll(values);
        });
    if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      headers.put("Content-Type", List.of(ApiAnswer.JSON));
    }
    headers.put("x-amzn-RequestId", List.of(stamp.requestId()));
    headers.put("x-amz-apigw-id", List.of(stamp.extendedRequestId()));
    headers.put("X-Amzn-Trace-Id", List.of(stamp.traceId()));
    return headers;
  }

  private static boolean isGatewayHeader(String lower) {
    return lower.equals("x-amzn-requestid")
        || lower.equals("x-amz-apigw-id")
        || lower.equals("x-amzn-trace-id");
  }

  private static String failure(InvokeResult result) {
    String kind = result.functionError().orElse("Unhandled");
    try {
      JsonNode error = JSON.readTree(result.payload());
      if (error != null && error.isObject() && error.hasNonNull("errorMessage")) {
        return kind
            + " "
            + error.path("errorType").asText("error")
            + ": "
            + quote(error.get("errorMessage").asText());
      }
    } catch (IOException e) {
      // Not an error document: quoted as it is below.
    }
    return kind + " " + quote(result.payloadText());
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "not a JSON value";
    };
  }

  private static String quote(String text) {
    String shown = text.length() > QUOTED ? text.substring(0, QUOTED) + "..." : text;
    return "\"" + shown + "\"";
  }

  /** One rule of the answer format broken; the message completes "the function's answer ...". */
  private static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
