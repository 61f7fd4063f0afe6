package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CannedResponseTest {
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("42", "{\"productId\":\"42\"}"),
        Arguments.of("a\"b", "{\"productId\":\"a\\\"b\"}"),
        Arguments.of(
            "\",\"admin\":true,\"x\":\"",
            "{\"productId\":\"\\\",\\\"admin\\\":true,\\\"x\\\":\\\"\"}"),
        Arguments.of("back\\slash", "{\"productId\":\"back\\\\slash\"}"),
        Arguments.of("line\nbreak\u0001", "{\"productId\":\"line\\nbreak\\u0001\"}"),
        Arguments.of("caf\u00e9 $1", "{\"productId\":\"caf\u00e9 $1\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void aPathParameterFillsItsPlaceholderJsonEscapedSoItStaysOneString(
      String value, String rendered) {
    CannedResponse response = new CannedResponse(200, Map.of(), "{\"productId\":\"{id}\"}");

    assertThat(response.render(Map.of("id", value))).isEqualTo(rendered);
  }

  @Test
  void aPlaceholderThatNamesNoPathParameterStaysAsWritten() {
    CannedResponse response =
        new CannedResponse(200, Map.of(), "{\"id\":\"{id}\",\"note\":\"{later}\",\"x\":{}}");

    assertThat(response.render(Map.of("id", "7")))
        .isEqualTo("{\"id\":\"7\",\"note\":\"{later}\",\"x\":{}}");
    assertThat(response.render(Map.of())).isEqualTo(response.body());
  }

  static Stream<Arguments> contentTypes() {
    return Stream.of(
        Arguments.of(Map.of(), true),
        Arguments.of(Map.of("Content-Type", "application/json; charset=utf-8"), true),
        Arguments.of(Map.of("content-type", "application/problem+json"), true),
        Arguments.of(Map.of("CONTENT-TYPE", "Application/JSON"), true),
        Arguments.of(Map.of("Content-Type", "text/html"), false),
        Arguments.of(Map.of("Content-Type", "text/plain"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contentTypes")
  void aBodyIsJsonByDefaultOrWhenItsContentTypeSaysSo(Map<String, String> headers, boolean json) {
    assertThat(new CannedResponse(200, headers, "{}").isJson()).isEqualTo(json);
  }
}
