package dev.brownout.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateRulesTest {
  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of("abc-XYZ_0.9~", "abc-XYZ_0.9~"),
        Arguments.of("a+b", "a%2Bb"),
        Arguments.of("a b", "a%20b"),
        Arguments.of("a/b", "a%2Fb"),
        Arguments.of("a\\b", "a%5Cb"),
        Arguments.of("caf\u00e9", "caf%C3%A9"),
        Arguments.of("\ud83d\ude00", "%F0%9F%98%80"),
        Arguments.of("%41", "%2541"),
        Arguments.of("?&=#{}\"'", "%3F%26%3D%23%7B%7D%22%27"),
        Arguments.of("", ""));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @MethodSource("encodings")
  void everythingButUnreservedCharactersIsPercentEncoded(String value, String encoded) {
    assertThat(TemplateRules.encode(value)).isEqualTo(encoded);
    assertThat(TemplateRules.decodeSegment(encoded, 0)).isEqualTo(value);
  }

  static Stream<Arguments> decodings() {
    return Stream.of(
        Arguments.of("a+b", "a+b"),
        Arguments.of("a%2bb", "a+b"),
        Arguments.of("a%20b", "a b"),
        Arguments.of("%2F", "/"),
        Arguments.of("%5c", "\\"),
        Arguments.of("caf\u00e9", "caf\u00e9"),
        Arguments.of("%E2%82%AC", "\u20ac"));
  }

  @ParameterizedTest(name = "{0} -> \"{1}\"")
  @MethodSource("decodings")
  void aPathSegmentDecodesStrictlyAndAPlusStaysAPlus(String segment, String decoded) {
    assertThat(TemplateRules.decodeSegment(segment, 0)).isEqualTo(decoded);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("%", "the percent escape \"%\" at character 5"),
        Arguments.of("a%z", "the percent escape \"%z\" at character 6"),
        Arguments.of("%zz", "the percent escape \"%zz\" at character 5"),
        Arguments.of("%g0", "the percent escape \"%g0\" at character 5"),
        Arguments.of("%C3%28", "the segment \"%C3%28\" at character 5 does not decode to UTF-8"),
        Arguments.of("%C3", "does not decode to UTF-8"),
        Arguments.of("%ED%A0%80", "does not decode to UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedEscapeIsRefusedSayingWhere(String segment, String message) {
    assertThatThrownBy(() -> TemplateRules.decodeSegment(segment, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anyTextEncodesToUnreservedCharactersAndEscapesAndDecodesBack() {
    Random random = new Random(10);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        int codePoint = random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x2_0000);
        if (!Character.isSurrogate((char) codePoint)) {
          text.appendCodePoint(codePoint);
        }
      }
      String encoded = TemplateRules.encode(text.toString());
      assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
      assertThat(TemplateRules.decodeSegment(encoded, 0)).isEqualTo(text.toString());
    }
  }

  static Stream<Arguments> parameterValues() {
    return Stream.of(
        Arguments.of(".", false),
        Arguments.of("..", false),
        Arguments.of("a/b", false),
        Arguments.of("/", false),
        Arguments.of("a\\b", false),
        Arguments.of("...", true),
        Arguments.of(".hidden", true),
        Arguments.of("a..b", true),
        Arguments.of("a b+c", true),
        Arguments.of("\uFF0E\uFF0E", false), // full-width dots: ".." once folded
        Arguments.of("a\uFF0Fb", false), // full-width solidus
        Arguments.of("a\uFE68b", false), // small reverse solidus
        Arguments.of("..\u0000", false),
        Arguments.of("a\nb", false),
        Arguments.of("caf\u00E9", true));
  }

  @ParameterizedTest(name = "\"{0}\" safe: {1}")
  @MethodSource("parameterValues")
  void aParameterValueThatWouldMoveTheUpstreamPathIsUnsafe(String value, boolean safe) {
    assertThat(TemplateRules.whyUnsafe("id", value).isEmpty()).isEqualTo(safe);
  }

  static Stream<Arguments> placeholderTexts() {
    return Stream.of(
        Arguments.of("/p/{id}", "/p/<id>"),
        Arguments.of("{a}{b_2}", "<a><b_2>"),
        Arguments.of("{1a} {_a} {a-b} {} { a}", "{1a} {_a} {a-b} {} { a}"),
        Arguments.of("{\"x\":\"{id}\"}", "{\"x\":\"<id>\"}"),
        Arguments.of("{{id}}", "{<id>}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placeholderTexts")
  void aPlaceholderIsALetterThenLettersDigitsOrUnderscoreInBraces(String text, String filled) {
    assertThat(TemplateRules.fill(text, name -> Optional.of("<" + name + ">"))).isEqualTo(filled);
  }

  @Test
  void aPlaceholderWithoutAValueStaysAsWritten() {
    Map<String, String> values = Map.of("id", "$1\\");

    assertThat(TemplateRules.fill("{id}/{other}", n -> Optional.ofNullable(values.get(n))))
        .isEqualTo("$1\\/{other}");
  }
}
