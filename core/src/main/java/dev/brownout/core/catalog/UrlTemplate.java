package dev.brownout.core.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream URL with {@code {name}} placeholders filled from a route's path parameters, such as
 * {@code https://catalog.internal/products/{id}}. The scheme, host and port are fixed by the
 * catalog: placeholders may stand only in the path and query, and their values are percent-encoded,
 * so a request can never choose where it is sent.
 */
public final class UrlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private final String template;
  private final Set<String> placeholders;

  private UrlTemplate(String template, Set<String> placeholders) {
    this.template = template;
    this.placeholders = placeholders;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the template
   */
  public static UrlTemplate parse(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    URI probe;
    try {
      probe = new URI(PLACEHOLDER.matcher(template).replaceAll("x"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "is not a valid URL (" + e.getReason() + "): \"" + template + "\"");
    }
    String scheme = probe.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "must be an absolute http:// or https:// URL, got \"" + template + "\"");
    }
    if (probe.getHost() == null) {
      throw new IllegalArgumentException("has no host: \"" + template + "\"");
    }
    if (probe.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a #fragment: \"" + template + "\"");
    }
    int authorityStart = template.indexOf("://") + 3;
    int authorityEnd = indexOfAny(template, authorityStart, "/?#");
    if (template.substring(authorityStart, authorityEnd).contains("{")) {
      throw new IllegalArgumentException(
          "has a placeholder in its host or port; only the path and query may vary: \""
              + template
              + "\"");
    }
    if (template.replaceAll(PLACEHOLDER.pattern(), "").matches(".*[{}].*")) {
      throw new IllegalArgumentException(
          "has a malformed placeholder (expected {name}): \"" + template + "\"");
    }
    return new UrlTemplate(template, Set.copyOf(names));
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  public Set<String> placeholders() {
    return placeholders;
  }

  /**
   * The URL with every placeholder replaced by its percent-encoded value.
   *
   * @throws IllegalArgumentException if a placeholder has no value, or a value is a dot segment
   */
  public URI expand(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + template);
      }
      if (value.equals(".") || value.equals("..")) {
        // Dot segments would be resolved away and move the request to another path.
        throw new IllegalArgumentException(
            "the value of {" + m.group(1) + "} must not be \"" + value + "\"");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    m.appendTail(out);
    return URI.create(out.toString());
  }

  /** Percent-encodes all but RFC 3986's unreserved characters, so a value stays one segment. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UrlTemplate u && u.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
