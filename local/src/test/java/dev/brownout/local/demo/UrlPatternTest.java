package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPatternTest {

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8081/products/{id}, localhost, 8081, /products/{id}, true",
    "http://127.0.0.1:9000/a/b, 127.0.0.1, 9000, /a/b, true",
    "http://LOCALHOST/x, LOCALHOST, 80, /x, true",
    "https://localhost/x?y={id}, localhost, 443, /x, true",
    "http://catalog.internal:8081/p/{id}, catalog.internal, 8081, /p/{id}, false",
    "http://localhost:8084?user={u}, localhost, 8084, /, true"
  })
  void theHostPortAndPathComeFromTheTemplate(
      String url, String host, int port, String path, boolean local) {
    UrlPattern p = UrlPattern.parse(url);
    assertThat(p.host()).isEqualTo(host);
    assertThat(p.port()).isEqualTo(port);
    assertThat(p.path()).isEqualTo(path);
    assertThat(p.isLocal()).isEqualTo(local);
  }

  @Test
  void aPathPlaceholderMatchesOneSegmentAndIsDecoded() {
    UrlPattern p = UrlPattern.parse("http://localhost:8081/products/{id}");
    assertThat(p.match("/products/42", Map.of())).contains(Map.of("id", "42"));
    assertThat(p.match("/products/a%2Fb+c", Map.of())).contains(Map.of("id", "a/b+c"));
    assertThat(p.match("/products/42/price", Map.of())).isEmpty();
    assertThat(p.match("/products/", Map.of())).isEmpty();
    assertThat(p.match("/products/%zz", Map.of())).isEmpty();
  }

  @Test
  void aPlaceholderMayBePartOfASegmentAndLiteralsAreNotRegularExpressions() {
    UrlPattern p = UrlPattern.parse("http://localhost:8081/v1.0/item-{sku}.json");
    assertThat(p.match("/v1.0/item-7.json", Map.of())).contains(Map.of("sku", "7"));
    assertThat(p.match("/v1x0/item-7.json", Map.of())).isEmpty();
  }

  @Test
  void aQueryPlaceholderTakesTheRequestsValueAndOtherParametersDoNotMatter() {
    UrlPattern p = UrlPattern.parse("http://localhost:8084/recommendations?user={userId}&limit=20");
    assertThat(
            p.match(
                "/recommendations",
                Map.of("user", List.of("ann"), "limit", List.of("20"), "lang", List.of("de"))))
        .contains(Map.of("userId", "ann"));
    assertThat(p.match("/recommendations", Map.of())).contains(Map.of());
    assertThat(p.match("/recommendations/popular", Map.of())).isEmpty();
  }

  @Test
  void aRawQueryIsDecodedWithPlusAsSpace() {
    assertThat(Call.parseQuery("user=ann+lee&limit=5&limit=6&flag&bad=%zz&=x"))
        .isEqualTo(
            Map.of(
                "user", List.of("ann lee"),
                "limit", List.of("5", "6"),
                "flag", List.of(""),
                "", List.of("x")));
    assertThat(Call.parseQuery(null)).isEmpty();
  }
}
