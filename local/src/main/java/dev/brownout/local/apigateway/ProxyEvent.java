package dev.brownout.local.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The event API Gateway sends to a Lambda proxy ({@code AWS_PROXY}) integration of a REST API
 * (payload format 1.0), built from the request, its route and its stamp.
 *
 * <ul>
 *   <li>{@code path} is the path after the stage as sent, percent-encoded, leading slashes folded
 *       into one, a trailing slash kept; {@code requestContext.path} is {@code /<stage>} followed
 *       by the path exactly as sent. {@code pathParameters} are not decoded either.
 *   <li>{@code queryStringParameters} and {@code multiValueQueryStringParameters} are decoded (see
 *       {@link QueryString}); the single-value map keeps a repeated parameter's last value.
 *   <li>{@code headers} keeps a repeated header's last value, {@code multiValueHeaders} all of
 *       them. Hop-by-hop headers API Gateway drops ({@code Connection}, {@code Content-Length},
 *       {@code Expect}, {@code Transfer-Encoding}, ...) are left out; {@code authorization} and
 *       {@code user-agent} are written {@code Authorization} and {@code User-Agent}, as the
 *       CloudFront distribution of an edge-optimized API writes them. API Gateway's own {@code
 *       X-Amzn-Trace-Id}, {@code X-Forwarded-For} (the client's, followed by its address), {@code
 *       X-Forwarded-Port} and {@code X-Forwarded-Proto} replace any the client sent.
 *   <li>{@code queryStringParameters}, {@code multiValueQueryStringParameters}, {@code
 *       pathParameters}, {@code stageVariables} and {@code body} are {@code null} when empty, never
 *       {@code {}} or {@code ""}.
 *   <li>The body is base64 with {@code isBase64Encoded: true} when the request's {@code
 *       Content-Type} is one of the API's binary media types (see {@link MediaTypes}), else UTF-8
 *       text (bytes that are not UTF-8 become U+FFFD, as on AWS without binary media types).
 *   <li>{@code requestContext.identity} has every key API Gateway sends, {@code null} but {@code
 *       sourceIp} and {@code userAgent}; {@code domainName} is the {@code Host} header and {@code
 *       domainPrefix} its first label; {@code requestTime} is {@code dd/MMM/yyyy:HH:mm:ss Z} in
 *       UTC; {@code deploymentId} is the stage's deployment, as AWS sends it today (the
 *       documentation's example predates it). There is no {@code authorizer}: the local cloud
 *       serves methods without authorization only.
 * </ul>
 */
public final class ProxyEvent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** Request headers that never reach an integration (AWS-validated list, lower case). */
  private static final Set<String> DROPPED =
      Set.of(
          "connection",
          "content-length",
          "content-md5",
          "expect",
          "max-forwards",
          "proxy-authenticate",
          "server",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "www-authenticate");

  /** Headers API Gateway sets itself; the client's are replaced (X-Forwarded-For extended). */
  private static final Set<String> SET_BY_GATEWAY =
      Set.of("x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto");

  private ProxyEvent() {}

  /** The event as the UTF-8 JSON bytes to invoke the function with. */
  public static byte[] build(
      RestApiModel api, ProxyRequest request, Routing.Matched route, RequestStamp stamp) {
    try {
      return JSON.writeValueAsBytes(tree(api, request, route, stamp));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a proxy event", e);
    }
  }

  static ObjectNode tree(
      RestApiModel api, ProxyRequest request, Routing.Matched route, RequestStamp stamp) {
    SequencedMap<String, List<String>> headers = headers(request, stamp);
    ObjectNode event = JSON.createObjectNode();
    event.put("resource", route.resource().path());
    event.put("path", "/" + stripLeadingSlashes(request.rawPath()));
    event.put("httpMethod", request.httpMethod());
    event.set("headers", singleValues(headers));
    event.set("multiValueHeaders", multiValues(headers));
    SequencedMap<String, List<String>> query = QueryString.parse(request.rawQuery());
    event.set("queryStringParameters", query.isEmpty() ? null : singleValues(query));
    event.set("multiValueQueryStringParameters", query.isEmpty() ? null : multiValues(query));
    ObjectNode pathParameters = JSON.createObjectNode();
    route.pathParameters().forEach(pathParameters::put);
    event.set("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
    event.putNull("stageVariables");
    event.set("requestContext", requestContext(api, request, route, stamp, headers));
    byte[] body = request.body();
    boolean binary =
        body.length > 0
            && MediaTypes.isBinary(last(headers, "Content-Type"), api.binaryMediaTypes());
    if (body.length == 0) {
      event.putNull("body");
    } else {
      event.put(
          "body",
          binary
              ? Base64.getEncoder().encodeToString(body)
              : new String(body, StandardCharsets.UTF_8));
    }
    event.put("isBase64Encoded", binary);
    return event;
  }

  private static ObjectNode requestContext(
      RestApiModel api,
      ProxyRequest request,
      Routing.Matched route,
      RequestStamp stamp,
      SequencedMap<String, List<String>> headers) {
    String domainName = last(headers, "Host");
    ObjectNode context = JSON.createObjectNode();
    context.put("resourceId", route.resource().id());
    context.put("resourcePath", route.resource().path());
    context.put("httpMethod", request.httpMethod());
    context.put("extendedRequestId", stamp.extendedRequestId());
    context.put("requestTime", REQUEST_TIME.format(stamp.time()));
    context.put("path", "/" + api.stage() + request.rawPath());
    context.put("accountId", api.accountId());
    context.put("protocol", protocol(request.protocol()));
    context.put("stage", api.stage());
    context.put("domainPrefix", domainName == null ? "" : domainName.split("\\.", 2)[0]);
    context.put("requestTimeEpoch", stamp.time().toEpochMilli());
    context.put("requestId", stamp.requestId());
    ObjectNode identity = context.putObject("identity");
    identity.putNull("cognitoIdentityPoolId");
    identity.putNull("accountId");
    identity.putNull("cognitoIdentityId");
    identity.putNull("caller");
    identity.put("sourceIp", request.sourceIp());
    identity.putNull("principalOrgId");
    identity.putNull("accessKey");
    identity.putNull("cognitoAuthenticationType");
    identity.putNull("cognitoAuthenticationProvider");
    identity.putNull("userArn");
    identity.put("userAgent", last(headers, "User-Agent"));
    identity.putNull("user");
    context.put("domainName", domainName == null ? "" : domainName);
    context.put("deploymentId", api.deploymentId());
    context.put("apiId", api.apiId());
    return context;
  }

  /** The headers as the function sees them, in the client's order, API Gateway's own last. */
  static SequencedMap<String, List<String>> headers(ProxyRequest request, RequestStamp stamp) {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    List<String> forwardedFor = new ArrayList<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("x-forwarded-for")) {
                forwardedFor.addAll(values);
              } else if (!DROPPED.contains(lower) && !SET_BY_GATEWAY.contains(lower)) {
                headers
                    .computeIfAbsent(cloudFrontCase(name), n -> new ArrayList<>())
                    .addAll(values);
              }
            });
    forwardedFor.add(request.sourceIp());
    headers.put("X-Amzn-Trace-Id", List.of(stamp.traceId()));
    headers.put("X-Forwarded-For", List.of(String.join(", ", forwardedFor)));
    headers.put("X-Forwarded-Port", List.of(Integer.toString(request.port())));
    headers.put("X-Forwarded-Proto", List.of(request.scheme()));
    return headers;
  }

  private static String cloudFrontCase(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "authorization" -> "Authorization";
      case "user-agent" -> "User-Agent";
      default -> name;
    };
  }

  /** API Gateway talks HTTP/1.1 to its integrations and reports HTTP/2 requests as HTTP/1.1. */
  private static String protocol(String protocol) {
    return protocol.toUpperCase(Locale.ROOT).startsWith("HTTP/2") ? "HTTP/1.1" : protocol;
  }

  private static String stripLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  private static String last(Map<String, List<String>> headers, String name) {
    String last = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        last = header.getValue().getLast();
      }
    }
    return last;
  }

  private static ObjectNode singleValues(Map<String, List<String>> values) {
    ObjectNode node = JSON.createObjectNode();
    values.forEach((name, list) -> node.put(name, list.getLast()));
    return node;
  }

  private static ObjectNode multiValues(Map<String, List<String>> values) {
    ObjectNode node = JSON.createObjectNode();
    values.forEach(
        (name, list) -> {
          var array = node.putArray(name);
          list.forEach(array::add);
        });
    return node;
  }
}
