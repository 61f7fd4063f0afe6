package dev.brownout.core.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every catalog template shares (route paths, upstream URLs, canned bodies): one
 * placeholder grammar, one percent-encoder, one strict percent-decoder and one rule for parameter
 * values that would move a request to another path.
 */
public final class TemplateRules {
  /** {@code {name}}: a letter, then letters, digits or {@code _}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TemplateRules() {}

  /**
   * A placeholder in a text.
   *
   * @param start the index of its {@code {}
   * @param end the index just after its {@code }}
   */
  public record Placeholder(String name, int start, int end) {
    /** As written, such as {@code {id}}. */
    public String text() {
      return "{" + name + "}";
    }
  }

  /** Every placeholder in {@code text}, in order. */
  public static List<Placeholder> placeholders(String text) {
    List<Placeholder> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(new Placeholder(m.group(1), m.start(), m.end()));
    }
    return found;
  }

  /**
   * {@code text} with each placeholder replaced by what {@code value} gives for its name; a
   * placeholder for which it gives nothing stays as written.
   */
  public static String fill(String text, Function<String, Optional<String>> value) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1)).orElse(m.group())));
    }
    return m.appendTail(out).toString();
  }

  /** The name if {@code segment} is one whole placeholder, such as {@code {id}}. */
  public static Optional<String> wholePlaceholder(String segment) {
    Matcher m = PLACEHOLDER.matcher(segment);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether {@code text} has a brace that is not part of a placeholder, such as {@code {1id}}. */
  public static boolean hasStrayBrace(String text) {
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    return rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0;
  }

  /**
   * Percent-encodes the UTF-8 bytes of all but RFC 3986's unreserved characters ({@code A-Z a-z 0-9
   * - . _ ~}), so a value stays one path segment or one query value: a space is {@code %20}, a plus
   * {@code %2B}, a slash {@code %2F}.
   */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * Decodes the percent escapes of one path segment. Strict: a {@code +} stays a plus (it means a
   * space only in form-encoded queries), and an escape that is not {@code %} and two hex digits, or
   * bytes that are not UTF-8, are refused rather than guessed at.
   *
   * @param offset where the segment starts in the whole path, to say where a bad escape is
   * @throws IllegalArgumentException saying which escape is malformed, and where
   */
  public static String decodeSegment(String segment, int offset) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); ) {
      char c = segment.charAt(i);
      if (c != '%') {
        int end = i + Character.charCount(segment.codePointAt(i));
        bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
        continue;
      }
      int high = i + 1 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException(
            "the percent escape \""
                + segment.substring(i, Math.min(i + 3, segment.length()))
                + "\" at character "
                + (offset + i)
                + " is not % and two hex digits");
      }
      bytes.write(high * 16 + low);
      i += 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the segment \"" + segment + "\" at character " + offset + " does not decode to UTF-8");
    }
  }

  /**
   * Why a decoded parameter value may not stand in an upstream path, or empty if it may: {@code .}
   * and {@code ..} are resolved away, and {@code /} or {@code \} (which some servers read as a
   * slash) split it into segments; each would send the request to another upstream path.
   */
  public static Optional<String> whyUnsafe(String name, String value) {
    // Compatibility forms too: a server that folds Unicode (NFKC) reads a full-width dot or
    // solidus as the ASCII one.
    boolean ascii = true;
    boolean control = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      ascii &= c < 0x80;
      control |= c < 0x20 || c == 0x7f;
    }
    // ASCII folds to itself (most values are, and normalizing allocates).
    String folded = ascii ? value : Normalizer.normalize(value, Normalizer.Form.NFKC);
    if (isDotSegmentOrSplits(value) || isDotSegmentOrSplits(folded)) {
      return Optional.of(
          "the path parameter {"
              + name
              + "} must not be . or .. or contain / or \\, got \""
              + value
              + "\"");
    }
    if (control) {
      // A NUL or line break ends the path early on some servers, and never belongs in one.
      return Optional.of("the path parameter {" + name + "} must not contain control characters");
    }
    return Optional.empty();
  }

  private static boolean isDotSegmentOrSplits(String value) {
    return value.equals(".")
        || value.equals("..")
        || value.indexOf('/') >= 0
        || value.indexOf('\\') >= 0;
  }
}
