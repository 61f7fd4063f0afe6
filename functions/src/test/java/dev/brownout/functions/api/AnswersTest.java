package dev.brownout.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswersTest {

  @ParameterizedTest(name = "{0}: {1} -> returned {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "content-type     | application/json                  | true",
        "etag             | \"v1\"                            | true",
        "cache-control    | max-age=60                        | true",
        "location         | /orders/7                         | true",
        "location         | orders/7                          | true",
        "location         | http://catalog.internal/orders/7  | false",
        "location         | HTTPS://catalog.internal/orders/7 | false",
        "location         | //catalog.internal/orders/7       | false",
        "content-location | http://10.0.0.7:8080/x            | false",
        "location         | /\\catalog.internal/x              | false",
        "location         | \\\\catalog.internal/x             | false",
        "location         | '/ /catalog.internal/x'           | false",
        "via              | 1.1 squid                         | false",
        "x-powered-by     | Express                           | false",
        "server           | nginx/1.25                        | false",
        "connection       | close                             | false",
        "transfer-encoding| chunked                           | false",
        "age              | 12                                | false",
        "x-served-from    | primary                           | false",
      })
  void anUpstreamHeaderReachesTheClientOnlyWhenItDescribesNothingInside(
      String name, String value, boolean returned) {
    assertThat(Answers.returned(java.util.Map.of(name, value)).containsKey(name))
        .isEqualTo(returned);
  }
}
