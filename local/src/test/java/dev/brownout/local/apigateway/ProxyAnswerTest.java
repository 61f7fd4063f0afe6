package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.brownout.local.lambda.InvokeResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

class ProxyAnswerTest {
  private static final RequestStamp STAMP =
      new RequestStamp(
          "e4f5a6b7-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
          "JJbxmHp9IAMFUrw=",
          "Root=1-6745f0a1-1c2d3e4f5a6b7c8d9e0f1a2b",
          Instant.ofEpochMilli(1795687200000L));
  private static final List<String> GATEWAY_HEADERS =
      List.of("x-amzn-RequestId", "x-amz-apigw-id", "X-Amzn-Trace-Id");

  private static RestApiModel api(String... binaryMediaTypes) {
    return new RestApiModel(
        "a1b2c3d4e5", "shop", "123456789012", "prod", "d1", List.of(binaryMediaTypes), List.of());
  }

  private static ProxyRequest request(String... headers) {
    SequencedMap<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.computeIfAbsent(headers[i], n -> new ArrayList<>()).add(headers[i + 1]);
    }
    return new ProxyRequest(
        "GET", "/x", "", map, new byte[0], "127.0.0.1", "HTTP/1.1", "http", 3000);
  }

  private static ApiAnswer answer(String payload) {
    return ProxyAnswer.of(
        InvokeResult.success(payload.getBytes(StandardCharsets.UTF_8)), request(), api(), STAMP);
  }

  private static String text(ApiAnswer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  /** The function's own headers: everything but API Gateway's three. */
  private static Map<String, List<String>> functionHeaders(ApiAnswer answer) {
    Map<String, List<String>> headers = new LinkedHashMap<>(answer.headers());
    GATEWAY_HEADERS.forEach(headers::remove);
    return headers;
  }

  /** payload, status, body, the function's headers as name: v1|v2 lines. */
  static Stream<Arguments> wellFormed() {
    return Stream.of(
        // AWS-validated (LocalStack's test_aws_proxy_response_payload_format_validation).
        Arguments.of("{\"statusCode\":200}", 200, "", "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"headers\":{\"test-header\":\"value\",\"header-bool\":true}}",
            200,
            "",
            "test-header: value\nheader-bool: true\nContent-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"headers\":null}", 200, "", "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true}",
            200,
            "dGVzdC1kYXRh",
            "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\"}",
            200,
            "dGVzdC1kYXRh",
            "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value1\",\"value2\"]}}",
            200,
            "",
            "test-multi: value1|value2\nContent-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\"}}",
            200,
            "",
            "test-multi: value-multi|value-solo\nContent-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\"}}",
            200,
            "",
            "tesT-Multi: value-multi|value-solo\nContent-Type: application/json"),
        Arguments.of("{\"statusCode\":\"201\"}", 201, "", "Content-Type: application/json"),
        Arguments.of(
            "{\"headers\":{\"test-header\":\"value\"}}",
            200,
            "",
            "test-header: value\nContent-Type: application/json"),
        // AWS documents that a pair in both maps appears once.
        Arguments.of(
            "{\"statusCode\":200,\"headers\":{\"Set-Cookie\":\"a=1\"},"
                + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]}}",
            200,
            "",
            "Set-Cookie: a=1|b=2\nContent-Type: application/json"),
        // Documented behaviour beyond AWS's tests.
        Arguments.of("{}", 200, "", "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":null,\"headers\":null,\"multiValueHeaders\":null,\"body\":null,"
                + "\"isBase64Encoded\":null}",
            200,
            "",
            "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":404,\"body\":\"{\\\"error\\\":\\\"not found\\\"}\","
                + "\"headers\":{\"content-type\":\"application/problem+json\"}}",
            404,
            "{\"error\":\"not found\"}",
            "content-type: application/problem+json"),
        Arguments.of(
            "{\"statusCode\":200,\"body\":\"h\u00e9llo \u20ac\",\"isBase64Encoded\":false}",
            200,
            "h\u00e9llo \u20ac",
            "Content-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":302,\"headers\":{\"Location\":\"/x\",\"X-Count\":5,\"X-Null\":null},"
                + "\"multiValueHeaders\":{\"Vary\":[\"Accept\",null,\"Origin\"],\"X-None\":null}}",
            302,
            "",
            "Location: /x\nX-Count: 5\nVary: Accept|Origin\nContent-Type: application/json"),
        Arguments.of(
            "{\"statusCode\":200,\"headers\":{\"Date\":\"d\",\"Server\":\"s\",\"Connection\":\"c\","
                + "\"content-length\":\"9\",\"Transfer-Encoding\":\"chunked\",\"x-amzn-RequestId\":\"mine\"}}",
            200,
            "",
            "x-amzn-Remapped-Date: d\nx-amzn-Remapped-Server: s\nx-amzn-Remapped-Connection: c\n"
                + "x-amzn-Remapped-Content-Length: 9\nContent-Type: application/json"),
        Arguments.of("{\"statusCode\":599}", 599, "", "Content-Type: application/json"),
        Arguments.of("  {\"statusCode\":100}\n", 100, "", "Content-Type: application/json"));
  }

  @ParameterizedTest
  @MethodSource("wellFormed")
  void aWellFormedAnswerIsMappedAsApiGatewayMapsIt(
      String payload, int status, String body, String headers) {
    ApiAnswer answer = answer(payload);

    assertThat(answer.problem()).isEmpty();
    assertThat(answer.status()).isEqualTo(status);
    assertThat(text(answer)).isEqualTo(body);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String line : headers.split("\n")) {
      String[] nameValues = line.split(": ", 2);
      expected.put(nameValues[0], List.of(nameValues[1].split("\\|")));
    }
    assertThat(functionHeaders(answer)).containsExactlyEntriesOf(expected);
    assertThat(answer.header("x-amzn-RequestId")).containsExactly(STAMP.requestId());
    assertThat(answer.header("x-amz-apigw-id")).containsExactly(STAMP.extendedRequestId());
    assertThat(answer.header("X-Amzn-Trace-Id")).containsExactly(STAMP.traceId());
  }

  /** payload, words of the reason. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        // AWS-validated 502s.
        Arguments.of(
            "{\"statusCode\":200,\"wrongValue\":\"value\"}",
            "keys API Gateway does not accept: [wrongValue]"),
        Arguments.of(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi-invalid\":\"value1\"}}",
            "multiValueHeaders \"test-multi-invalid\" that is a string, not an array"),
        Arguments.of("{\"statusCode\":\"test\"}", "statusCode \"test\", not an integer"),
        Arguments.of("\"justAString\"", "is a string, not an object"),
        // A Lambda error document returned as a success is not a proxy answer either.
        Arguments.of(
            "{\"errorMessage\":\"boom\",\"errorType\":\"RuntimeException\"}",
            "keys API Gateway does not accept: [errorMessage, errorType]"),
        // Documented behaviour beyond AWS's tests.
        Arguments.of("", "is empty"),
        Arguments.of("   ", "is empty"),
        Arguments.of("null", "is null, not an object"),
        Arguments.of("[]", "is an array, not an object"),
        Arguments.of("42", "is a number, not an object"),
        Arguments.of("not json", "is not JSON: \"not json\""),
        Arguments.of("{\"statusCode\":200", "is not JSON"),
        Arguments.of("{\"statusCode\":200} {}", "is not JSON"),
        Arguments.of("{\"statusCode\":200.5}", "statusCode that is a number, not an integer"),
        Arguments.of("{\"statusCode\":true}", "statusCode that is a boolean, not an integer"),
        Arguments.of("{\"statusCode\":\"2e2\"}", "statusCode \"2e2\", not an integer"),
        Arguments.of("{\"statusCode\":\" 200\"}", "statusCode \" 200\", not an integer"),
        Arguments.of("{\"statusCode\":99}", "statusCode 99, not an HTTP status"),
        Arguments.of("{\"statusCode\":600}", "statusCode 600, not an HTTP status"),
        Arguments.of("{\"statusCode\":12345678901}", "statusCode that is a number, not an integer"),
        Arguments.of(
            "{\"statusCode\":200,\"body\":{\"a\":1}}", "body that is an object, not a string"),
        Arguments.of(
            "{\"statusCode\":200,\"body\":[\"a\"]}", "body that is an array, not a string"),
        Arguments.of("{\"statusCode\":200,\"body\":5}", "body that is a number, not a string"),
        Arguments.of("{\"statusCode\":200,\"body\":true}", "body that is a boolean, not a string"),
        Arguments.of("{\"headers\":[]}", "headers that are an array, not an object"),
        Arguments.of("{\"headers\":\"a: b\"}", "headers that are a string, not an object"),
        Arguments.of(
            "{\"headers\":{\"a\":{\"b\":1}}}", "headers \"a\" with a value that is an object"),
        Arguments.of(
            "{\"headers\":{\"a\":[\"x\"]}}", "headers \"a\" with a value that is an array"),
        Arguments.of("{\"multiValueHeaders\":[]}", "multiValueHeaders that are an array"),
        Arguments.of(
            "{\"multiValueHeaders\":{\"a\":[{\"b\":1}]}}",
            "multiValueHeaders \"a\" with a value that is an object"),
        Arguments.of(
            "{\"isBase64Encoded\":\"true\"}", "isBase64Encoded that is a string, not a boolean"),
        Arguments.of("{\"isBase64Encoded\":1}", "isBase64Encoded that is a number, not a boolean"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedAnswerIsApiGateways502WithTheReason(String payload, String reason) {
    ApiAnswer answer = answer(payload);

    assertInternalServerError(answer, 502);
    assertThat(answer.problem().orElseThrow())
        .startsWith("malformed Lambda proxy answer: the function's answer ")
        .contains(reason);
  }

  private static void assertInternalServerError(ApiAnswer answer, int status) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(text(answer)).isEqualTo("{\"message\":\"Internal server error\"}");
    assertThat(answer.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Content-Type", List.of("application/json"),
                "x-amzn-ErrorType", List.of("InternalServerErrorException"),
                "x-amzn-RequestId", List.of(STAMP.requestId()),
                "x-amz-apigw-id", List.of(STAMP.extendedRequestId())));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\","
                + "\"stackTrace\":[]}",
            "the function failed: Unhandled java.lang.IllegalStateException: \"boom\""),
        Arguments.of(
            "{\"errorMessage\":\"2026-11-26T10:00:29Z abc Task timed out after 29.00 seconds\"}",
            "the function failed: Unhandled error: \"2026-11-26T10:00:29Z abc Task timed out"),
        Arguments.of("not json", "the function failed: Unhandled \"not json\""),
        // Even a well-formed proxy answer is a failure when Lambda reports a function error.
        Arguments.of(
            "{\"statusCode\":200}", "the function failed: Unhandled \"{\"statusCode\":200}\""),
        Arguments.of(
            "x".repeat(500), "the function failed: Unhandled \"" + "x".repeat(200) + "...\""));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aFailedFunctionIsApiGateways502WithItsError(String errorDocument, String reason) {
    ApiAnswer answer =
        ProxyAnswer.of(
            InvokeResult.unhandled(errorDocument.getBytes(StandardCharsets.UTF_8)),
            request(),
            api(),
            STAMP);

    assertInternalServerError(answer, 502);
    assertThat(answer.problem().orElseThrow()).startsWith(reason);
  }

  /** binary media types, Accept, isBase64Encoded, body, decoded. */
  static Stream<Arguments> binaryAnswers() {
    return Stream.of(
        // AWS-validated (LocalStack's test_aws_proxy_binary_response).
        Arguments.of(List.of(), "image/png", true, false),
        Arguments.of(List.of("image/png", "*/test"), "image/png", true, true),
        Arguments.of(List.of("image/png", "*/test"), "image/jpg", true, false),
        Arguments.of(List.of("image/png", "*/test"), "image/*", true, false),
        Arguments.of(List.of("image/png", "*/test"), "*/*", true, false),
        Arguments.of(List.of("image/png", "*/test"), "random/test", true, false),
        Arguments.of(List.of("image/png", "*/test"), "image/webp,image/png,*/*;q=0.8", true, false),
        Arguments.of(List.of("image/png", "*/test"), "image/png,image/*,*/*;q=0.8", true, true),
        Arguments.of(List.of("image/png", "*/test"), "image/png", false, false),
        Arguments.of(List.of("application/*", "image/jpg"), "application/whatever", true, true),
        Arguments.of(List.of("application/*", "image/jpg"), "application", true, false),
        Arguments.of(List.of("application/*", "image/jpg"), null, true, false),
        // Brownout's API declares */*: any Accept the client sends gets bytes.
        Arguments.of(List.of("*/*"), "*/*", true, true),
        Arguments.of(List.of("*/*"), "application/pdf", true, true),
        Arguments.of(List.of("*/*"), null, true, false));
  }

  @ParameterizedTest
  @MethodSource("binaryAnswers")
  void aBase64BodyIsDecodedOnlyWhenTheClientAcceptsABinaryMediaType(
      List<String> binaryMediaTypes, String accept, boolean base64, boolean decoded) {
    byte[] png =
        Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=");
    String body = Base64.getEncoder().encodeToString(png);
    String payload =
        "{\"statusCode\":200,\"body\":\""
            + body
            + "\",\"isBase64Encoded\":"
            + base64
            + ",\"headers\":{\"Content-Type\":\"image/png\"}}";
    ProxyRequest request = accept == null ? request() : request("Accept", accept);

    ApiAnswer answer =
        ProxyAnswer.of(
            InvokeResult.success(payload.getBytes(StandardCharsets.UTF_8)),
            request,
            api(binaryMediaTypes.toArray(String[]::new)),
            STAMP);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(decoded ? png : body.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.header("Content-Type")).containsExactly("image/png");
  }

  @Test
  void aBase64BodyThatDoesNotDecodeIsApiGateways500WhenItMustBeDecoded() {
    // AWS-validated: the conversion fails and API Gateway answers 500.
    String payload =
        "{\"statusCode\":200,\"body\":\"\u00e8\u00e9+\u00e0)(\",\"isBase64Encoded\":true}";
    InvokeResult result = InvokeResult.success(payload.getBytes(StandardCharsets.UTF_8));

    ApiAnswer decoded =
        ProxyAnswer.of(result, request("Accept", "image/png"), api("image/png"), STAMP);
    ApiAnswer passedThrough =
        ProxyAnswer.of(result, request("Accept", "text/html"), api("image/png"), STAMP);

    assertInternalServerError(decoded, 500);
    assertThat(decoded.problem().orElseThrow())
        .contains("marked isBase64Encoded but is not base64");
    assertThat(passedThrough.status()).isEqualTo(200);
    assertThat(text(passedThrough)).isEqualTo("\u00e8\u00e9+\u00e0)(");
  }

  @Test
  void theAnswerOfAJavaHandlerAsTheLambdaRuntimeWritesItIsWellFormed() {
    // The API function returns APIGatewayProxyResponseEvent; the runtime serializes it.
    APIGatewayProxyResponseEvent event =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(503)
            .withHeaders(Map.of("Content-Type", "application/octet-stream", "Retry-After", "5"))
            .withIsBase64Encoded(true)
            .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(
            APIGatewayProxyResponseEvent.class, getClass().getClassLoader())
        .toJson(event, payload);

    ApiAnswer answer =
        ProxyAnswer.of(
            InvokeResult.success(payload.toByteArray()),
            request("Accept", "application/octet-stream"),
            api("*/*"),
            STAMP);

    assertThat(answer.problem()).isEmpty();
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body()).containsExactly(1, 2, 3);
    assertThat(answer.header("Retry-After")).containsExactly("5");
    assertThat(answer.header("Content-Type")).containsExactly("application/octet-stream");
  }

  @Test
  void theTimeoutAnswerIsApiGateways504() {
    ApiAnswer answer = ApiAnswer.endpointTimedOut(STAMP, Duration.ofSeconds(29));

    assertThat(answer.status()).isEqualTo(504);
    assertThat(text(answer)).isEqualTo("{\"message\":\"Endpoint request timed out\"}");
    assertThat(answer.header("Content-Type")).containsExactly("application/json");
    assertThat(answer.header("x-amzn-RequestId")).containsExactly(STAMP.requestId());
    assertThat(answer.header("x-amz-apigw-id")).containsExactly(STAMP.extendedRequestId());
    assertThat(answer.problem())
        .contains("the function did not answer within the integration timeout of 29000 ms");
  }
}
