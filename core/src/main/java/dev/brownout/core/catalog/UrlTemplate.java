package dev.brownout.core.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An upstream URL with {@code {name}} placeholders filled from a route's path parameters, such as
 * {@code https://catalog.internal/products/{id}}. The scheme, host and port are fixed by the
 * catalog: placeholders may stand only in the path and in query values, and their values are
 * percent-encoded, so a request can never choose where it is sent. The query parameters the
 * template sets are fixed too: a client's query may add others, never set these again.
 */
public final class UrlTemplate {
  /** What {@link TemplateRules#encode} makes of a value: unreserved characters and escapes. */
  private static final String ENCODED = "[A-Za-z0-9._~%-]";

  private final String template;
  private final Set<String> placeholders;
  private final Set<String> queryNames;
  private final String origin;
  private final Pattern expansions;

  private UrlTemplate(
      String template, Set<String> placeholders, Set<String> queryNames, URI probe) {
    this.template = template;
    this.placeholders = placeholders;
    this.queryNames = queryNames;
    this.origin = origin(probe);
    this.expansions = expansions(template);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the template
   */
  public static UrlTemplate parse(String template) {
    Set<String> names = new LinkedHashSet<>();
    TemplateRules.placeholders(template).forEach(p -> names.add(p.name()));
    if (TemplateRules.hasStrayBrace(template)) {
      throw new IllegalArgumentException(
          "has a malformed placeholder (expected {name}): \"" + template + "\"");
    }
    int authorityStart = template.indexOf("://") + 3;
    if (authorityStart > 2
        && template
            .substring(authorityStart, indexOfAny(template, authorityStart, "/?#"))
            .contains("{")) {
      throw new IllegalArgumentException(
          "has a placeholder in its host or port; only the path and query may vary: \""
              + template
              + "\"");
    }
    URI probe;
    try {
      probe = new URI(TemplateRules.fill(template, name -> Optional.of("x")));
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
    return new UrlTemplate(template, Set.copyOf(names), queryNames(template), probe);
  }

  /**
   * Every path and query this template expands to, after its scheme, host and port: its own text,
   * each placeholder one encoded path segment or query value, then perhaps a client's encoded
   * query.
   */
  private static Pattern expansions(String template) {
    int authorityStart = template.indexOf("://") + 3;
    String rest = template.substring(indexOfAny(template, authorityStart, "/?#"));
    StringBuilder regex = new StringBuilder();
    int at = 0;
    for (TemplateRules.Placeholder p : TemplateRules.placeholders(rest)) {
      regex.append(Pattern.quote(rest.substring(at, p.start()))).append(ENCODED).append('+');
      at = p.end();
    }
    regex.append(Pattern.quote(rest.substring(at)));
    regex.append("(?:").append(rest.contains("?") ? "&" : "\\?").append("[A-Za-z0-9._~%=&-]*)?");
    return Pattern.compile(regex.toString());
  }

  /** Scheme, host and port, lower-case and with the scheme's default port written out. */
  private static String origin(URI url) {
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** Where every expansion goes, such as {@code https://orders.internal:443}. */
  public String origin() {
    return origin;
  }

  /** Where {@code url} goes, written as {@link #origin()} is. */
  public static String originOf(URI url) {
    return origin(url);
  }

  /**
   * Whether {@link #expand} could have made {@code url}: the same scheme, host and port, and the
   * template's path and query with each placeholder one segment or value (a URL made from an
   * earlier template, or altered, is not).
   */
  public boolean expandsTo(URI url) {
    String rest = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return origin(url).equals(origin)
        && url.getRawFragment() == null
        && url.getRawUserInfo() == null
        && expansions.matcher(rest).matches();
  }

  /** The names the template's own query sets; a placeholder may give a value, never a name. */
  private static Set<String> queryNames(String template) {
    int question = template.indexOf('?');
    if (question < 0) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    int at = question + 1;
    for (String pair : template.substring(question + 1).split("&", -1)) {
      int start = at;
      at += pair.length() + 1;
      if (pair.isEmpty()) {
        continue;
      }
      String name = pair.substring(0, pair.indexOf('=') < 0 ? pair.length() : pair.indexOf('='));
      if (!TemplateRules.placeholders(name).isEmpty()) {
        throw new IllegalArgumentException(
            "has a placeholder in the query parameter name \""
                + name
                + "\"; only values may vary: \""
                + template
                + "\"");
      }
      try {
        names.add(TemplateRules.decodeSegment(name, start));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "has a malformed query parameter name (" + e.getMessage() + "): \"" + template + "\"");
      }
    }
    return Set.copyOf(names);
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

  /** The names of the query parameters the template itself sets, such as {@code user, limit}. */
  public Set<String> queryNames() {
    return queryNames;
  }

  /**
   * The URL with every placeholder replaced by its percent-encoded value, then the client's query
   * parameters, percent-encoded, by name in alphabetical order and each name's values in the order
   * given.
   *
   * @param pathParameters the decoded values of the route's path parameters
   * @param clientQuery the client's decoded query parameters; none may be one of {@link
   *     #queryNames()}
   * @throws IllegalArgumentException if a placeholder has no value, a value would move the request
   *     to another path (see {@link TemplateRules#whyUnsafe}), or the client sets a query parameter
   *     the template sets
   */
  public URI expand(Map<String, String> pathParameters, Map<String, List<String>> clientQuery) {
    for (String name : placeholders) {
      String value = pathParameters.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + name + "} in " + template);
      }
      Optional<String> unsafe = TemplateRules.whyUnsafe(name, value);
      if (unsafe.isPresent()) {
        throw new IllegalArgumentException(unsafe.get());
      }
    }
    StringBuilder url =
        new StringBuilder(
            TemplateRules.fill(
                template, name -> Optional.of(TemplateRules.encode(pathParameters.get(name)))));
    boolean hasQuery = url.indexOf("?") >= 0;
    for (var parameter : new TreeMap<>(clientQuery).entrySet()) {
      String name = parameter.getKey();
      if (queryNames.contains(name)) {
        throw new IllegalArgumentException(
            "the query parameter \"" + name + "\" is set by the upstream URL " + template);
      }
      for (String value : parameter.getValue()) {
        url.append(hasQuery ? '&' : '?')
            .append(TemplateRules.encode(name))
            .append('=')
            .append(TemplateRules.encode(value));
        hasQuery = true;
      }
    }
    return URI.create(url.toString());
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
