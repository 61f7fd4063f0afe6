package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UrlTemplateTest {
  private static final UrlTemplate RECOMMENDATIONS =
      UrlTemplate.parse("http://recs.internal/recommendations?user={user}&limit=20");

  static Stream<Arguments> expansions() {
    return Stream.of(
        Arguments.of("https://h/p/{id}", "42", "https://h/p/42"),
        Arguments.of("https://h/p/{id}", "a+b", "https://h/p/a%2Bb"),
        Arguments.of("https://h/p/{id}", "a b", "https://h/p/a%20b"),
        Arguments.of("https://h/p/{id}", "caf\u00e9", "https://h/p/caf%C3%A9"),
        Arguments.of("https://h/p/{id}", "?x=1#f", "https://h/p/%3Fx%3D1%23f"),
        Arguments.of("https://h/p/{id}", "...", "https://h/p/..."),
        Arguments.of("https://h/p/{id}", "%2F", "https://h/p/%252F"),
        Arguments.of("https://h/p?q={id}&r=1", "a&r=2", "https://h/p?q=a%26r%3D2&r=1"),
        Arguments.of("http://h:8081/{id}/{id}.json", "7", "http://h:8081/7/7.json"));
  }

  @ParameterizedTest(name = "{0} with \"{1}\"")
  @MethodSource("expansions")
  void aPlaceholderTakesItsValuePercentEncoded(String template, String value, String url) {
    assertThat(UrlTemplate.parse(template).expand(Map.of("id", value), Map.of())).hasToString(url);
  }

  static Stream<Arguments> unsafeValues() {
    return Stream.of(
        Arguments.of("."), Arguments.of(".."), Arguments.of("a/b"), Arguments.of("..\\admin"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("unsafeValues")
  void aValueThatWouldMoveTheRequestToAnotherPathIsRefused(String value) {
    assertThatThrownBy(
            () -> UrlTemplate.parse("https://h/p/{id}").expand(Map.of("id", value), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the path parameter {id} must not be . or .. or contain / or \\");
  }

  @Test
  void aPlaceholderWithoutAValueIsRefused() {
    assertThatThrownBy(() -> UrlTemplate.parse("https://h/p/{id}").expand(Map.of(), Map.of()))
        .hasMessageContaining("no value for {id}");
  }

  @Test
  void theTemplateNamesTheQueryParametersItSets() {
    assertThat(RECOMMENDATIONS.queryNames()).isEqualTo(Set.of("user", "limit"));
    assertThat(UrlTemplate.parse("https://h/p/{id}").queryNames()).isEmpty();
    assertThat(UrlTemplate.parse("https://h/p?a%20b=1&flag&").queryNames())
        .isEqualTo(Set.of("a b", "flag"));
  }

  @Test
  void theClientsQueryFollowsTheTemplatesEncodedAndInAStableOrder() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("sort", List.of("price desc", "a+b"));
    query.put("caf\u00e9", List.of(""));
    query.put("fields", List.of("id/name"));

    assertThat(RECOMMENDATIONS.expand(Map.of("user", "alice"), query))
        .hasToString(
            "http://recs.internal/recommendations?user=alice&limit=20"
                + "&caf%C3%A9=&fields=id%2Fname&sort=price%20desc&sort=a%2Bb");
    assertThat(UrlTemplate.parse("https://h/p").expand(Map.of(), Map.of("a", List.of("1"))))
        .hasToString("https://h/p?a=1");
  }

  @Test
  void aClientQueryCannotOverrideTheQueryTheTemplateSets() {
    // /recommendations/alice?user=bob&limit=1000000 would have reached the upstream as
    // ?user=alice&limit=20&user=bob&limit=1000000.
    Map<String, List<String>> query = Map.of("user", List.of("bob"), "limit", List.of("1000000"));

    assertThatThrownBy(() -> RECOMMENDATIONS.expand(Map.of("user", "alice"), query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the query parameter \"limit\" is set by the upstream URL");
  }

  static Stream<Arguments> badTemplates() {
    return Stream.of(
        Arguments.of("ftp://h/p", "must be an absolute http:// or https:// URL"),
        Arguments.of("/p/{id}", "must be an absolute http:// or https:// URL"),
        Arguments.of("http://{id}.internal/p", "placeholder in its host or port"),
        Arguments.of("http://h:{port}/p", "placeholder in its host or port"),
        Arguments.of("http://h/p#{id}", "must not have a #fragment"),
        Arguments.of("http://h/p/{1d}", "malformed placeholder"),
        Arguments.of("http://h/p/{id", "malformed placeholder"),
        Arguments.of("http://h/p?{name}=1", "placeholder in the query parameter name"),
        Arguments.of("http://h/p?%FF=1", "malformed query parameter name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTemplates")
  void aTemplateThatWouldLetARequestChooseWhereItGoesIsRefused(String text, String message) {
    assertThatThrownBy(() -> UrlTemplate.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} expands to {1}: {2}")
  @CsvSource({
    "https://h/p/{id}, https://h/p/42, true",
    "https://h/p/{id}, https://H:443/p/a%2Fb?x=1&y=2, true",
    "https://h/p/{id}, https://h/p/42/more, false",
    "https://h/p/{id}, https://h/p/, false",
    "https://h/p/{id}, https://h/q/42, false",
    "https://h/p/{id}, http://h/p/42, false",
    "https://h/p/{id}, https://h:8443/p/42, false",
    "https://h/p/{id}, https://other/p/42, false",
    "https://h/p/{id}, https://u@h/p/42, false",
    "https://h/p?q={id}&r=1, https://h/p?q=a%26r%3D2&r=1&s=3, true",
    "https://h/p?q={id}&r=1, https://h/p?q=a&r=2, false",
    "http://h:8081/{id}.json, http://h:8081/7.json, true",
  })
  void aStoredUrlIsTheTemplatesOnlyWithItsOriginItsTextAndOneSegmentPerPlaceholder(
      String template, String url, boolean expands) {
    assertThat(UrlTemplate.parse(template).expandsTo(URI.create(url))).isEqualTo(expands);
  }

  @Test
  void theOriginWritesTheDefaultPortOut() {
    assertThat(UrlTemplate.parse("https://Orders.internal/o/{id}").origin())
        .isEqualTo("https://orders.internal:443");
    assertThat(UrlTemplate.originOf(URI.create("http://h:8081/x"))).isEqualTo("http://h:8081");
  }
}
