package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiModelTest {
  private static final String PREFIX =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

  static Stream<Arguments> invocationUris() {
    return Stream.of(
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:NAME/invocations",
            "arn:aws:lambda:us-east-1:123456789012:function:NAME"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:shop-Api_1:live/invocations",
            "arn:aws:lambda:us-east-1:123456789012:function:shop-Api_1:live"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:NAME:7/invocations",
            "arn:aws:lambda:us-east-1:123456789012:function:NAME:7"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:NAME:$LATEST/invocations",
            "arn:aws:lambda:us-east-1:123456789012:function:NAME:$LATEST"),
        Arguments.of(
            "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-2:123456789012:function:elsewhere/invocations",
            "arn:aws:lambda:us-east-2:123456789012:function:elsewhere"),
        Arguments.of(
            "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/"
                + "arn:aws-cn:lambda:cn-north-1:123456789012:function:NAME/invocations",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:NAME"));
  }

  @ParameterizedTest
  @MethodSource("invocationUris")
  void aLambdaInvocationUriYieldsItsFunctionArnWithAnyQualifier(String uri, String function) {
    assertThat(ApiMethod.lambdaFunctionArn(uri)).isEqualTo(function);
    assertThat(ApiMethod.lambdaProxy("GET", uri).lambdaFunctionArn()).isEqualTo(function);
  }

  static Stream<Arguments> refusedUris() {
    return Stream.of(
        Arguments.of(null, "has no URI"),
        Arguments.of(" ", "has no URI"),
        Arguments.of(
            PREFIX
                + "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations",
            "stage variable"),
        Arguments.of("https://example.com/orders", "is not a Lambda invocation URI"),
        Arguments.of(
            "arn:aws:apigateway:us-east-1:s3:path/bucket/key", "is not a Lambda invocation URI"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:NAME",
            "is not a Lambda invocation URI"),
        Arguments.of(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations",
            "is not a Lambda invocation URI"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:layer:NAME:1/invocations",
            "is not a Lambda function ARN"),
        Arguments.of(
            PREFIX + "arn:aws:lambda:us-east-1:1234:function:NAME/invocations",
            "is not a Lambda function ARN"),
        Arguments.of(
            PREFIX
                + "arn:aws:lambda:us-east-1:123456789012:function:"
                + "n".repeat(65)
                + "/invocations",
            "is not a Lambda function ARN"),
        Arguments.of(PREFIX + "NAME/invocations", "is not a Lambda function ARN"));
  }

  @ParameterizedTest
  @MethodSource("refusedUris")
  void anythingButALambdaInvocationUriIsRefusedQuotingTheUri(String uri, String why) {
    assertThatThrownBy(() -> ApiMethod.lambdaFunctionArn(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why)
        .satisfies(
            e -> {
              if (uri != null && !uri.isBlank()) {
                assertThat(e.getMessage()).contains("\"" + uri + "\"");
              }
            });
  }

  @Test
  void aMethodThatIsNotALambdaProxyHasNoFunctionToInvoke() {
    ApiMethod mock = new ApiMethod("OPTIONS", "MOCK", null, null, null);

    assertThat(mock.isLambdaProxy()).isFalse();
    assertThatThrownBy(mock::lambdaFunctionArn)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MOCK integration");
  }

  @Test
  void aMethodWithoutATimeoutHasApiGateways29Seconds() {
    assertThat(new ApiMethod("GET", "AWS_PROXY", "POST", "uri", null).integrationTimeout())
        .isEqualTo(Duration.ofSeconds(29));
    assertThat(
            new ApiMethod("GET", "AWS_PROXY", "POST", "uri", Duration.ofMillis(5000))
                .integrationTimeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "TRACE", "CONNECT", "any", ""})
  void aMethodApiGatewayDoesNotServeIsRefused(String method) {
    assertThatThrownBy(() -> ApiMethod.lambdaProxy(method, "uri"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + method + "\"");
  }

  @Test
  void aMethodWithoutAnIntegrationTypeIsRefused() {
    assertThatThrownBy(() -> new ApiMethod("GET", null, null, null, null))
        .hasMessageContaining("no integration type");
  }

  static Stream<Arguments> badPaths() {
    return Stream.of(
        Arguments.of("products", "must start with /"),
        Arguments.of(null, "must start with /"),
        Arguments.of("/a//b", "empty segment"),
        Arguments.of("/a/", "empty segment"),
        Arguments.of("/{}", "malformed parameter"),
        Arguments.of("/{+}", "malformed parameter"),
        Arguments.of("/{a", "malformed parameter"),
        Arguments.of("/a}", "malformed parameter"),
        Arguments.of("/{a+b}", "malformed parameter"),
        Arguments.of("/a{b}", "malformed parameter"),
        Arguments.of("/{a}b", "malformed parameter"),
        Arguments.of("/{p+}/x", "before its last segment"),
        Arguments.of("/{a}/{a}", "twice"));
  }

  @ParameterizedTest
  @MethodSource("badPaths")
  void aResourcePathApiGatewayWouldRefuseIsRefused(String path, String why) {
    assertThatThrownBy(() -> new ApiResource("r1", path, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void aResourceServesItsOwnMethodBeforeAny() {
    ApiMethod get = ApiMethod.lambdaProxy("GET", "get");
    ApiMethod any = ApiMethod.lambdaProxy("ANY", "any");
    ApiResource resource = new ApiResource("r1", "/a/{b}/{c+}", Map.of("GET", get, "ANY", any));

    assertThat(resource.methodFor("GET")).contains(get);
    assertThat(resource.methodFor("DELETE")).contains(any);
    assertThat(resource.segments()).containsExactly("a", "{b}", "{c+}");
    assertThat(new ApiResource("root", "/", Map.of()).methodFor("GET")).isEmpty();
  }

  @Test
  void aMethodFiledUnderAnotherNameIsRefused() {
    assertThatThrownBy(
            () -> new ApiResource("r1", "/a", Map.of("POST", ApiMethod.lambdaProxy("GET", "u"))))
        .hasMessageContaining("files method GET under \"POST\"");
  }

  @Test
  void binaryMediaTypesLoseCloudFormationsEscapedSlash() {
    RestApiModel api =
        new RestApiModel(
            "a1", "shop", "123456789012", "prod", "d1", List.of("*~1*", "image/png"), List.of());

    assertThat(api.binaryMediaTypes()).containsExactly("*/*", "image/png");
  }

  @Test
  void anApiWithoutStageAccountOrDeploymentIsRefused() {
    assertThatThrownBy(() -> new RestApiModel("a1", "n", "123456789012", "", "d1", null, null))
        .hasMessageContaining("no stage");
    assertThatThrownBy(() -> new RestApiModel("a1", "n", null, "prod", "d1", null, null))
        .hasMessageContaining("no accountId");
    assertThatThrownBy(() -> new RestApiModel("a1", "n", "123456789012", "prod", null, null, null))
        .hasMessageContaining("no deploymentId");
  }

  private static ProxyRequest request(
      String method, String path, SequencedMap<String, List<String>> headers, String ip, int port) {
    return new ProxyRequest(method, path, null, headers, null, ip, "HTTP/1.1", "http", port);
  }

  @Test
  void aRequestKeepsItsHeadersInOrderAndFindsThemInAnyCase() {
    SequencedMap<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Tag", new ArrayList<>(List.of("one", "two")));
    headers.put("Empty", List.of());
    headers.put("x-tag", List.of("three"));
    headers.put("Accept", List.of("image/png", "text/html"));

    ProxyRequest request = request("GET", "/", headers, "127.0.0.1", 3000);
    headers.get("X-Tag").add("later");

    assertThat(request.headers().keySet()).containsExactly("X-Tag", "x-tag", "Accept");
    assertThat(request.headers().get("X-Tag")).containsExactly("one", "two");
    assertThat(request.lastHeader("X-TAG")).contains("three");
    assertThat(request.firstHeader("x-TAG")).contains("one");
    assertThat(request.firstHeader("accept")).contains("image/png");
    assertThat(request.lastHeader("Host")).isEmpty();
    assertThat(request.rawQuery()).isEmpty();
    assertThat(request.body()).isEmpty();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(" ", "/", "127.0.0.1", 80, "no method"),
        Arguments.of("GET", "products", "127.0.0.1", 80, "must start with /, got \"products\""),
        Arguments.of("GET", null, "127.0.0.1", 80, "must start with /"),
        Arguments.of("GET", "/", "", 80, "no source IP"),
        Arguments.of("GET", "/", "127.0.0.1", 0, "port 0"),
        Arguments.of("GET", "/", "127.0.0.1", 65536, "port 65536"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void aRequestMissingWhatTheEventNeedsIsRefused(
      String method, String path, String ip, int port, String why) {
    assertThatThrownBy(() -> request(method, path, new LinkedHashMap<>(), ip, port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }
}
