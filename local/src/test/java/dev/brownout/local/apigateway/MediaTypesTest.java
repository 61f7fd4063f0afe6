package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaTypesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // AWS-validated (LocalStack's test_aws_proxy_binary_response, run against AWS).
        Arguments.of("image/png", "image/png,*/test", true),
        Arguments.of("image/jpg", "image/png,*/test", false),
        Arguments.of("image/*", "image/png,*/test", false),
        Arguments.of("*/test", "image/png,*/test", false),
        Arguments.of("random/test", "image/png,*/test", false),
        Arguments.of("*/*", "image/png,*/test", false),
        Arguments.of("image/webp,image/png,*/*;q=0.8", "image/png,*/test", false),
        Arguments.of("image/png,image/*,*/*;q=0.8", "image/png,*/test", true),
        Arguments.of("application/whatever", "image/png,application/*,image/jpg", true),
        Arguments.of("application/test", "image/png,application/*,image/jpg", true),
        Arguments.of("application/*", "image/png,application/*,image/jpg", true),
        Arguments.of("image/jpg", "image/png,application/*,image/jpg", true),
        Arguments.of("application", "image/png,application/*,image/jpg", false),
        Arguments.of(null, "image/png,application/*,image/jpg", false),
        // AWS documents */* as "all content types".
        Arguments.of("application/json", "*/*", true),
        Arguments.of("*/*", "*/*", true),
        Arguments.of("text/html,application/xhtml+xml", "*/*", true),
        Arguments.of(null, "*/*", false),
        Arguments.of("", "*/*", false),
        Arguments.of("json", "*/*", false),
        // Parameters and case do not matter.
        Arguments.of("application/json; charset=utf-8", "application/json", true),
        Arguments.of("application/octet-stream", "application/octet-stream;q=1", true),
        Arguments.of("IMAGE/PNG", "image/png", true),
        Arguments.of("image/png", "Image/PNG", true),
        Arguments.of("image/png", "", false),
        Arguments.of("text/plain", "image/png", false),
        Arguments.of("image/png", "image", false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aHeaderIsBinaryWhenItsFirstMediaTypeIsOneOfTheApis(
      String header, String configured, boolean binary) {
    List<String> types = configured.isEmpty() ? List.of() : Arrays.asList(configured.split(","));

    assertThat(MediaTypes.isBinary(header, types)).isEqualTo(binary);
  }
}
