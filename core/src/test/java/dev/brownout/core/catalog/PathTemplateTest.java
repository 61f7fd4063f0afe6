package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathTemplateTest {
  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of("/", List.of(), List.of(), "/"),
        Arguments.of("/products", List.of("products"), List.of(), "/products"),
        Arguments.of(
            "/products/{id}/reviews/{n}",
            List.of("products", "{id}", "reviews", "{n}"),
            List.of("id", "n"),
            "/products/{}/reviews/{}"),
        Arguments.of("/v1.0/a_b~c-d", List.of("v1.0", "a_b~c-d"), List.of(), "/v1.0/a_b~c-d"),
        Arguments.of("/.well-known/...", List.of(".well-known", "..."), List.of(), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void aTemplateHasLiteralAndWholeParameterSegments(
      String text, List<String> segments, List<String> parameters, String shape) {
    PathTemplate template = PathTemplate.parse(text);

    assertThat(template.segments()).isEqualTo(segments);
    assertThat(template.parameters()).isEqualTo(parameters);
    assertThat(template.shape()).isEqualTo(shape == null ? text : shape);
  }

  static Stream<Arguments> badTemplates() {
    return Stream.of(
        Arguments.of("products", "must start with /"),
        Arguments.of("/a/../b", "segment \"..\" of \"/a/../b\" is a dot segment"),
        Arguments.of("/a/./b", "segment \".\" of \"/a/./b\" is a dot segment"),
        Arguments.of("/..", "is a dot segment"),
        Arguments.of("/products/item-{id}", "neither a literal"),
        Arguments.of("/products/{1d}", "neither a literal"),
        Arguments.of("/products/a%20b", "neither a literal"),
        Arguments.of("/products//x", "segment \"\""),
        Arguments.of("/products/", "segment \"\""),
        Arguments.of("/{id}/{id}", "names the parameter {id} twice"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTemplates")
  void aTemplateThatNoRequestCouldReachOrThatIsMalformedIsRefused(String text, String message) {
    assertThatThrownBy(() -> PathTemplate.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> matches() {
    return Stream.of(
        Arguments.of("/", List.of(), Map.of()),
        Arguments.of("/products/{id}", List.of("products", "42"), Map.of("id", "42")),
        Arguments.of("/products/{id}", List.of("products", "a b+c/d"), Map.of("id", "a b+c/d")),
        Arguments.of(
            "/products/{id}/reviews/{n}",
            List.of("products", "caf\u00e9", "reviews", "2"),
            Map.of("id", "caf\u00e9", "n", "2")),
        Arguments.of("/products/featured", List.of("products", "featured"), Map.of()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("matches")
  void decodedSegmentsMatchWithTheirParameterValues(
      String text, List<String> segments, Map<String, String> values) {
    assertThat(PathTemplate.parse(text).match(segments)).contains(values);
  }

  static Stream<Arguments> misses() {
    return Stream.of(
        Arguments.of("/", List.of("x")),
        Arguments.of("/products/{id}", List.of("products")),
        Arguments.of("/products/{id}", List.of("products", "")),
        Arguments.of("/products/{id}", List.of("products", "1", "2")),
        Arguments.of("/products/{id}", List.of("Products", "1")),
        Arguments.of("/products/featured", List.of("products", "featured/")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("misses")
  void segmentsOfAnotherShapeOrAnEmptyParameterDoNotMatch(String text, List<String> segments) {
    assertThat(PathTemplate.parse(text).match(segments)).isEmpty();
  }
}
