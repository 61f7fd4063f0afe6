package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";
  private static final String IP = "203.0.113.7";
  private static final String TRACE = "Root=1-6745f0a1-1c2d3e4f5a6b7c8d9e0f1a2b";
  private static final List<String> NULL_IDENTITY_KEYS =
      List.of(
          "cognitoIdentityPoolId",
          "accountId",
          "cognitoIdentityId",
          "caller",
          "principalOrgId",
          "accessKey",
          "cognitoAuthenticationType",
          "cognitoAuthenticationProvider",
          "userArn",
          "user");

  private static final List<ApiResource> RESOURCES =
      List.of(
          new ApiResource("root01", "/", Map.of()),
          new ApiResource("2gxmpl", "/products/{id}", Map.of("GET", lambda("GET"))),
          new ApiResource("9kxmpl", "/orders", Map.of("POST", lambda("POST"))),
          new ApiResource("prx001", "/{proxy+}", Map.of("ANY", lambda("ANY"))));
  private static final RestApiModel API = api(List.of());
  private static final RequestStamp STAMP =
      new RequestStamp(
          "e4f5a6b7-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
          "JJbxmHp9IAMFUrw=",
          TRACE,
          Instant.ofEpochMilli(1795687200000L));

  private static ApiMethod lambda(String method) {
    return ApiMethod.lambdaProxy(
        method,
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:shop-Api/invocations");
  }

  private static RestApiModel api(List<String> binaryMediaTypes) {
    return new RestApiModel(
        "a1b2c3d4e5",
        "brownout-shop",
        "123456789012",
        "prod",
        "dep123",
        binaryMediaTypes,
        RESOURCES);
  }

  /** Headers from name, value, name, value...; a repeated name collects its values in order. */
  private static SequencedMap<String, List<String>> headers(String... namesAndValues) {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return headers;
  }

  private static ProxyRequest request(
      String method, String path, String query, byte[] body, String... headers) {
    return new ProxyRequest(
        method, path, query, headers(headers), body, IP, "HTTP/1.1", "https", 443);
  }

  private static ProxyRequest get(String path, String query, String... headers) {
    return request("GET", path, query, new byte[0], headers);
  }

  private static JsonNode event(RestApiModel api, ProxyRequest request) {
    Routing routing =
        new ResourceRouter(api.resources()).route(request.httpMethod(), request.rawPath());
    try {
      return JSON.readTree(ProxyEvent.build(api, request, (Routing.Matched) routing, STAMP));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static APIGatewayProxyRequestEvent asTheRuntimeReadsIt(byte[] event) {
    return LambdaEventSerializers.serializerFor(
            APIGatewayProxyRequestEvent.class, ProxyEventTest.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(event));
  }

  private static ObjectNode fixture(String name) throws IOException {
    return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("..", "events", "api", name)));
  }

  /** What AWS sends that the trimmed fixtures leave out: identity's null keys, deploymentId. */
  private static void addWhatAwsAlsoSends(ObjectNode event) {
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("deploymentId", "dep123");
    NULL_IDENTITY_KEYS.forEach(key -> ((ObjectNode) context.get("identity")).putNull(key));
  }

  @Test
  void getProductIsBuiltExactlyAsTheCapturedFixture() throws IOException {
    ProxyRequest request =
        get(
            "/products/42",
            "lang=en",
            "Accept",
            "application/json",
            "Accept-Encoding",
            "gzip, deflate, br",
            "Host",
            HOST,
            "User-Agent",
            "curl/8.5.0");
    Routing.Matched route =
        (Routing.Matched) new ResourceRouter(RESOURCES).route("GET", "/products/42");

    byte[] event = ProxyEvent.build(API, request, route, STAMP);

    ObjectNode expected = fixture("get-product.json");
    addWhatAwsAlsoSends(expected);
    assertThat(JSON.readTree(event)).isEqualTo(expected);
    assertThat(asTheRuntimeReadsIt(event))
        .usingRecursiveComparison()
        .isEqualTo(EventLoader.loadApiGatewayRestEvent("../events/api/get-product.json"));
  }

  @Test
  void postOrderIsBuiltAsTheFixturePlusWhatTheFixtureLeftOut() throws IOException {
    byte[] body = "{\"productId\":\"42\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
    ProxyRequest request =
        request(
            "POST",
            "/orders",
            "",
            body,
            "Accept",
            "application/json",
            "Content-Type",
            "application/json",
            "Content-Length",
            Integer.toString(body.length),
            "Host",
            HOST,
            "Idempotency-Key",
            "order-7f3a9c",
            "User-Agent",
            "curl/8.5.0");
    RequestStamp stamp =
        new RequestStamp(
            "f5a6b7c8-9d0e-4f1a-b2c3-d4e5f6a7b8c9",
            "JJcAbHp9IAMFVsx=",
            TRACE,
            Instant.ofEpochMilli(1795687205000L));
    Routing.Matched route =
        (Routing.Matched) new ResourceRouter(RESOURCES).route("POST", "/orders");

    byte[] event = ProxyEvent.build(API, request, route, stamp);

    ObjectNode expected = fixture("post-order.json");
    addWhatAwsAlsoSends(expected);
    // post-order.json is trimmed further: AWS always sends these too.
    ObjectNode context = (ObjectNode) expected.get("requestContext");
    context.put("extendedRequestId", "JJcAbHp9IAMFVsx=");
    context.put("domainPrefix", "a1b2c3d4e5");
    context.put("domainName", HOST);
    Map<String, String> added =
        Map.of(
            "X-Amzn-Trace-Id",
            TRACE,
            "X-Forwarded-For",
            IP,
            "X-Forwarded-Port",
            "443",
            "X-Forwarded-Proto",
            "https");
    added.forEach(
        (name, value) -> {
          ((ObjectNode) expected.get("headers")).put(name, value);
          ((ObjectNode) expected.get("multiValueHeaders")).putArray(name).add(value);
        });
    assertThat(JSON.readTree(event)).isEqualTo(expected);

    APIGatewayProxyRequestEvent mine = asTheRuntimeReadsIt(event);
    APIGatewayProxyRequestEvent captured =
        EventLoader.loadApiGatewayRestEvent("../events/api/post-order.json");
    assertThat(mine)
        .usingRecursiveComparison()
        .ignoringFields(
            "headers",
            "multiValueHeaders",
            "requestContext.extendedRequestId",
            "requestContext.domainName",
            "requestContext.domainPrefix")
        .isEqualTo(captured);
    assertThat(mine.getHeaders()).containsAllEntriesOf(captured.getHeaders());
    assertThat(mine.getMultiValueHeaders()).containsAllEntriesOf(captured.getMultiValueHeaders());
    assertThat(mine.getBody()).isEqualTo("{\"productId\":\"42\",\"quantity\":1}");
  }

  /** raw path, path, requestContext.path, resource, pathParameters (null or name=value). */
  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(
            "/products/42", "/products/42", "/prod/products/42", "/products/{id}", "id=42"),
        // AWS-validated (LocalStack's test_lambda_aws_proxy_integration snapshot).
        Arguments.of(
            "/proxy-value", "/proxy-value", "/prod/proxy-value", "/{proxy+}", "proxy=proxy-value"),
        Arguments.of(
            "/proxy-value/",
            "/proxy-value/",
            "/prod/proxy-value/",
            "/{proxy+}",
            "proxy=proxy-value"),
        Arguments.of(
            "/proxy-value//double-slash",
            "/proxy-value//double-slash",
            "/prod/proxy-value//double-slash",
            "/{proxy+}",
            "proxy=proxy-value//double-slash"),
        Arguments.of(
            "//proxy-value",
            "/proxy-value",
            "/prod//proxy-value",
            "/{proxy+}",
            "proxy=proxy-value"),
        Arguments.of(
            "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
            "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
            "/prod/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
            "/{proxy+}",
            "proxy=proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com"),
        Arguments.of(
            "/products/caf%C3%A9%20au%20lait",
            "/products/caf%C3%A9%20au%20lait",
            "/prod/products/caf%C3%A9%20au%20lait",
            "/products/{id}",
            "id=caf%C3%A9%20au%20lait"),
        Arguments.of("//orders", "/orders", "/prod//orders", "/orders", null));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void pathsAndPathParametersAreNotDecoded(
      String raw, String path, String contextPath, String resource, String parameter) {
    String method = resource.equals("/orders") ? "POST" : "GET";
    JsonNode event = event(API, request(method, raw, "", new byte[0], "Host", HOST));

    assertThat(event.get("path").textValue()).isEqualTo(path);
    assertThat(event.at("/requestContext/path").textValue()).isEqualTo(contextPath);
    assertThat(event.get("resource").textValue()).isEqualTo(resource);
    assertThat(event.at("/requestContext/resourcePath").textValue()).isEqualTo(resource);
    if (parameter == null) {
      assertThat(event.get("pathParameters").isNull()).isTrue();
    } else {
      String[] nameValue = parameter.split("=", 2);
      assertThat(event.get("pathParameters").properties()).hasSize(1);
      assertThat(event.at("/pathParameters/" + nameValue[0]).textValue()).isEqualTo(nameValue[1]);
    }
  }

  @Test
  void repeatedQueryParametersKeepTheirLastValueInTheSingleValueMap() {
    // AWS-validated: category=electronics&category=books gives "books" and both.
    JsonNode event =
        event(
            API,
            get(
                "/products/42",
                "category=electronics&category=books&price=10&price=20&price=30&plus=a+b%2Bc"));

    assertThat(event.get("queryStringParameters"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("category", "books")
                .put("price", "30")
                .put("plus", "a b+c"));
    assertThat(event.at("/multiValueQueryStringParameters/category").toString())
        .isEqualTo("[\"electronics\",\"books\"]");
    assertThat(event.at("/multiValueQueryStringParameters/price").toString())
        .isEqualTo("[\"10\",\"20\",\"30\"]");
  }

  @Test
  void anEmptyQueryStringIsNullNotAnEmptyObject() {
    for (String query : List.of("", "&", "=x")) {
      JsonNode event = event(API, get("/products/42", query));

      assertThat(event.get("queryStringParameters").isNull()).as(query).isTrue();
      assertThat(event.get("multiValueQueryStringParameters").isNull()).as(query).isTrue();
      assertThat(event.get("stageVariables").isNull()).isTrue();
    }
  }

  @Test
  void repeatedHeadersKeepTheirLastValueInTheSingleValueMapAndAllInTheMultiValueMap() {
    JsonNode event =
        event(
            API,
            get(
                "/products/42",
                "",
                "Accept",
                "text/html",
                "X-Tag",
                "one",
                "X-Tag",
                "two",
                "X-Tag",
                "three"));

    assertThat(event.at("/headers/X-Tag").textValue()).isEqualTo("three");
    assertThat(event.at("/multiValueHeaders/X-Tag").toString())
        .isEqualTo("[\"one\",\"two\",\"three\"]");
    assertThat(event.at("/headers/Accept").textValue()).isEqualTo("text/html");
  }

  @Test
  void headerNamesKeepTheClientsCaseAndNamesDifferingInCaseStayApart() {
    JsonNode event =
        event(API, get("/products/42", "", "tEsT-HEADeR", "aValUE", "x-tag", "a", "X-Tag", "b"));

    assertThat(event.at("/headers/tEsT-HEADeR").textValue()).isEqualTo("aValUE");
    assertThat(event.at("/headers/x-tag").textValue()).isEqualTo("a");
    assertThat(event.at("/headers/X-Tag").textValue()).isEqualTo("b");
  }

  @Test
  void authorizationAndUserAgentAreWrittenAsCloudFrontWritesThem() {
    // AWS-validated for an edge-optimized API: authorization -> Authorization.
    JsonNode event =
        event(
            API,
            get(
                "/products/42",
                "",
                "aUThorization",
                "Bearer token123;API key456",
                "user-agent",
                "python/test"));

    assertThat(event.at("/headers/Authorization").textValue())
        .isEqualTo("Bearer token123;API key456");
    assertThat(event.at("/headers/User-Agent").textValue()).isEqualTo("python/test");
    assertThat(event.at("/requestContext/identity/userAgent").textValue()).isEqualTo("python/test");
    assertThat(event.get("headers").has("aUThorization")).isFalse();
  }

  @Test
  void hopByHopHeadersNeverReachTheFunction() {
    // AWS-validated list (LocalStack's test_apigateway_header_remapping_aws[AWS_PROXY]).
    String[] sent = {
      "Connection", "close",
      "Content-Length", "0",
      "Content-MD5", "x",
      "Expect", "100-continue",
      "Max-Forwards", "2",
      "Proxy-Authenticate", "Basic",
      "Server", "https://example.com/",
      "TE", "deflate",
      "Trailer", "Expires",
      "transfer-encoding", "chunked",
      "Upgrade", "HTTP/2.0",
      "WWW-Authenticate", "Basic x",
      "Age", "request_Age",
      "Content-Encoding", "deflate",
      "Date", "request_Date",
      "Pragma", "cache",
      "Range", "bytes=500-999",
      "Referer", "https://example.com/",
      "Via", "p.example.net",
      "Warn", "299 localStack/0.0"
    };
    JsonNode event = event(API, get("/products/42", "", sent));

    List<String> names = new ArrayList<>();
    event.get("headers").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "Age",
            "Content-Encoding",
            "Date",
            "Pragma",
            "Range",
            "Referer",
            "Via",
            "Warn",
            "X-Amzn-Trace-Id",
            "X-Forwarded-For",
            "X-Forwarded-Port",
            "X-Forwarded-Proto");
  }

  @Test
  void apiGatewaysOwnHeadersReplaceTheClientsAndForwardedForIsExtended() {
    JsonNode event =
        event(
            API,
            new ProxyRequest(
                "GET",
                "/products/42",
                "",
                headers(
                    "x-amzn-trace-id", "Root=1-00000000-000000000000000000000000",
                    "X-Forwarded-For", "198.51.100.1",
                    "x-forwarded-for", "198.51.100.2",
                    "X-Forwarded-Port", "1",
                    "X-Forwarded-Proto", "gopher"),
                new byte[0],
                "127.0.0.1",
                "HTTP/1.1",
                "http",
                3000));

    assertThat(event.get("headers"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("X-Amzn-Trace-Id", TRACE)
                .put("X-Forwarded-For", "198.51.100.1, 198.51.100.2, 127.0.0.1")
                .put("X-Forwarded-Port", "3000")
                .put("X-Forwarded-Proto", "http"));
    assertThat(event.at("/requestContext/identity/sourceIp").textValue()).isEqualTo("127.0.0.1");
    assertThat(event.at("/requestContext/identity/userAgent").isNull()).isTrue();
  }

  /** binary media types, Content-Type, body, expected body, expected isBase64Encoded. */
  static Stream<Arguments> bodies() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF};
    byte[] json = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
    String png64 = Base64.getEncoder().encodeToString(png);
    String json64 = Base64.getEncoder().encodeToString(json);
    return Stream.of(
        Arguments.of(List.of(), null, new byte[0], null, false),
        Arguments.of(List.of("*/*"), "application/json", new byte[0], null, false),
        Arguments.of(List.of(), "application/json", json, "{\"a\":\"é\"}", false),
        // Brownout's API declares */*: every body with a Content-Type arrives as base64.
        Arguments.of(List.of("*/*"), "application/json", json, json64, true),
        Arguments.of(List.of("*/*"), "text/plain; charset=utf-8", json, json64, true),
        Arguments.of(List.of("image/*"), "image/png", png, png64, true),
        Arguments.of(List.of("image/png"), "IMAGE/PNG", png, png64, true),
        Arguments.of(List.of("image/*"), "application/json", json, "{\"a\":\"é\"}", false),
        Arguments.of(
            List.of("application/octet-stream"), "application/octet-stream", png, png64, true),
        // No Content-Type matches no binary media type, not even */*.
        Arguments.of(List.of("*/*"), null, json, "{\"a\":\"é\"}", false),
        // Without a binary media type, bytes that are not UTF-8 are replaced, as on AWS.
        Arguments.of(List.of(), "image/png", png, "\uFFFDPNG\u0000\uFFFD", false),
        Arguments.of(List.of("*/test"), "random/test", png, "\uFFFDPNG\u0000\uFFFD", false));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void theBodyIsBase64OnlyWhenItsContentTypeIsABinaryMediaType(
      List<String> binaryMediaTypes,
      String contentType,
      byte[] body,
      String expected,
      boolean base64) {
    String[] headers =
        contentType == null ? new String[0] : new String[] {"Content-Type", contentType};
    ProxyRequest request = request("POST", "/orders", "", body, headers);
    RestApiModel api = api(binaryMediaTypes);
    Routing.Matched route =
        (Routing.Matched) new ResourceRouter(RESOURCES).route("POST", "/orders");
    byte[] bytes = ProxyEvent.build(api, request, route, STAMP);

    JsonNode event;
    try {
      event = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    if (expected == null) {
      assertThat(event.get("body").isNull()).isTrue();
    } else {
      assertThat(event.get("body").textValue()).isEqualTo(expected);
    }
    assertThat(event.get("isBase64Encoded").booleanValue()).isEqualTo(base64);
    APIGatewayProxyRequestEvent read = asTheRuntimeReadsIt(bytes);
    assertThat(read.getIsBase64Encoded()).isEqualTo(base64);
    if (base64) {
      assertThat(Base64.getDecoder().decode(read.getBody())).isEqualTo(body);
    }
  }

  /** Host header, domainName, domainPrefix. */
  static Stream<Arguments> hosts() {
    return Stream.of(
        Arguments.of(HOST, HOST, "a1b2c3d4e5"),
        Arguments.of("localhost:3000", "localhost:3000", "localhost:3000"),
        Arguments.of("api.example.com", "api.example.com", "api"),
        Arguments.of(null, "", ""));
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void theDomainIsTheHostHeaderAndItsPrefixTheFirstLabel(String host, String name, String prefix) {
    JsonNode event =
        event(API, host == null ? get("/products/42", "") : get("/products/42", "", "Host", host));

    assertThat(event.at("/requestContext/domainName").textValue()).isEqualTo(name);
    assertThat(event.at("/requestContext/domainPrefix").textValue()).isEqualTo(prefix);
  }

  /** instant, requestTime. */
  static Stream<Arguments> times() {
    return Stream.of(
        Arguments.of("2026-11-26T10:00:00Z", "26/Nov/2026:10:00:00 +0000"),
        Arguments.of("2026-01-05T03:04:05.999Z", "05/Jan/2026:03:04:05 +0000"),
        Arguments.of("2024-02-29T23:59:59Z", "29/Feb/2024:23:59:59 +0000"),
        Arguments.of("2026-09-30T00:00:00Z", "30/Sep/2026:00:00:00 +0000"));
  }

  @ParameterizedTest
  @MethodSource("times")
  void theRequestTimeIsInCommonLogFormatInUtc(String instant, String requestTime) {
    RequestStamp stamp = new RequestStamp("r", "e", TRACE, Instant.parse(instant));
    Routing.Matched route =
        (Routing.Matched) new ResourceRouter(RESOURCES).route("GET", "/products/42");

    JsonNode event;
    try {
      event = JSON.readTree(ProxyEvent.build(API, get("/products/42", ""), route, stamp));
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    assertThat(event.at("/requestContext/requestTime").textValue()).isEqualTo(requestTime);
    assertThat(event.at("/requestContext/requestTimeEpoch").longValue())
        .isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @Test
  void anHttp2RequestIsReportedAsHttp11AsApiGatewayReportsIt() {
    ProxyRequest request =
        new ProxyRequest(
            "GET", "/products/42", "", headers(), new byte[0], IP, "HTTP/2.0", "https", 443);

    assertThat(event(API, request).at("/requestContext/protocol").textValue())
        .isEqualTo("HTTP/1.1");
  }

  @Test
  void anAnyMethodReportsTheRequestsOwnMethod() {
    JsonNode event = event(API, request("DELETE", "/cart/items/3", "", new byte[0]));

    assertThat(event.get("httpMethod").textValue()).isEqualTo("DELETE");
    assertThat(event.at("/requestContext/httpMethod").textValue()).isEqualTo("DELETE");
    assertThat(event.at("/requestContext/resourceId").textValue()).isEqualTo("prx001");
    assertThat(event.at("/pathParameters/proxy").textValue()).isEqualTo("cart/items/3");
  }

  @Test
  void theEventHasEveryKeyApiGatewaySendsAndNoOther() {
    JsonNode event = event(API, get("/products/42", ""));

    List<String> top = new ArrayList<>();
    event.fieldNames().forEachRemaining(top::add);
    assertThat(top)
        .containsExactly(
            "resource",
            "path",
            "httpMethod",
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
            "stageVariables",
            "requestContext",
            "body",
            "isBase64Encoded");
    List<String> context = new ArrayList<>();
    event.get("requestContext").fieldNames().forEachRemaining(context::add);
    assertThat(context)
        .containsExactlyInAnyOrder(
            "resourceId",
            "resourcePath",
            "httpMethod",
            "extendedRequestId",
            "requestTime",
            "path",
            "accountId",
            "protocol",
            "stage",
            "domainPrefix",
            "requestTimeEpoch",
            "requestId",
            "identity",
            "domainName",
            "deploymentId",
            "apiId");
    List<String> identity = new ArrayList<>();
    event.at("/requestContext/identity").fieldNames().forEachRemaining(identity::add);
    assertThat(identity)
        .hasSize(12)
        .containsAll(NULL_IDENTITY_KEYS)
        .contains("sourceIp", "userAgent");
  }
}
