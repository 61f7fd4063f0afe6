package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryStringTest {

  /** raw query, expected parameters as name=v1|v2 pairs joined by a newline. */
  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("a=1", "a=1"),
        Arguments.of("a=1&a=2&b=3&a=4", "a=1|2|4\nb=3"),
        // AWS documents that a semicolon splits the query string.
        Arguments.of("a=1;b=2", "a=1\nb=2"),
        Arguments.of("flag", "flag="),
        Arguments.of("flag=", "flag="),
        Arguments.of("=orphan", ""),
        Arguments.of("&&a=1&", "a=1"),
        Arguments.of("a=b=c", "a=b=c"),
        // AWS-validated decoding (LocalStack's test_lambda_aws_proxy_integration snapshot).
        Arguments.of("plus=test+alias@gmail.com", "plus=test alias@gmail.com"),
        Arguments.of("email=test%2Balias@gmail.com", "email=test+alias@gmail.com"),
        Arguments.of("url=https://www.google.com/", "url=https://www.google.com/"),
        Arguments.of("whitespace=foo%20bar", "whitespace=foo bar"),
        Arguments.of(
            "dateTimeOffset=2023-06-12T18:05:10.123456+00:00",
            "dateTimeOffset=2023-06-12T18:05:10.123456 00:00"),
        Arguments.of("k%20ey=v", "k ey=v"),
        Arguments.of("utf=%C3%A9%E2%82%AC", "utf=é€"),
        Arguments.of("raw=é€😀", "raw=é€😀"),
        Arguments.of("bad=%zz%4", "bad=%zz%4"),
        Arguments.of("end=%", "end=%"),
        Arguments.of("broken=caf%C3", "broken=caf\uFFFD"));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void aQueryStringIsSplitAndDecodedAsApiGatewayDoes(String raw, String expected) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (!expected.isEmpty()) {
      for (String line : expected.split("\n")) {
        String[] nameValues = line.split("=", 2);
        parameters.put(nameValues[0], List.of(nameValues[1].split("\\|", -1)));
      }
    }

    assertThat(QueryString.parse(raw)).containsExactlyEntriesOf(parameters);
  }

  @Test
  void parametersKeepTheOrderOfTheirFirstAppearance() {
    assertThat(QueryString.parse("z=1&a=2&z=3&m=4").keySet()).containsExactly("z", "a", "m");
  }
}
