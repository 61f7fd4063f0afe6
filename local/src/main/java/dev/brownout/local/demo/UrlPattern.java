package dev.brownout.local.demo;

import dev.brownout.core.catalog.TemplateRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog URL (a check's or a route's template, such as {@code
 * http://localhost:8084/recommendations?user={userId}&limit=20}) as a demo service sees it: where
 * it listens and which requests it answers. A placeholder in the path matches one segment or part
 * of one; a query parameter whose whole value is a placeholder gives that placeholder its value.
 * Other query parameters, and any the caller adds, do not take part in matching.
 */
final class UrlPattern {

  private final String url;
  private final String scheme;
  private final String host;
  private final int port;
  private final String path;
  private final Pattern pathRegex;
  private final List<String> pathNames;
  private final Map<String, String> queryNames;

  private UrlPattern(
      String url,
      String scheme,
      String host,
      int port,
      String path,
      Pattern pathRegex,
      List<String> pathNames,
      Map<String, String> queryNames) {
    this.url = url;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.path = path;
    this.pathRegex = pathRegex;
    this.pathNames = pathNames;
    this.queryNames = queryNames;
  }

  /**
   * @throws IllegalArgumentException if {@code url} is not an absolute URL with a host (the
   *     catalog's validator lets none through)
   */
  static UrlPattern parse(String url) {
    URI probe;
    try {
      probe = new URI(TemplateRules.fill(url, name -> Optional.of("x")));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: \"" + url + "\"", e);
    }
    if (probe.getScheme() == null || probe.getHost() == null) {
      throw new IllegalArgumentException("not an absolute URL with a host: \"" + url + "\"");
    }
    String scheme = probe.getScheme().toLowerCase(Locale.ROOT);
    int port = probe.getPort() != -1 ? probe.getPort() : scheme.equals("https") ? 443 : 80;
    int afterAuthority = indexOfAny(url, url.indexOf("://") + 3, "/?#");
    int queryStart = indexOfAny(url, afterAuthority, "?#");
    String path = url.substring(afterAuthority, queryStart);
    if (path.isEmpty()) {
      path = "/";
    }
    String query =
        queryStart < url.length() && url.charAt(queryStart) == '?'
            ? url.substring(queryStart + 1, indexOfAny(url, queryStart, "#"))
            : "";

    StringBuilder regex = new StringBuilder();
    List<String> pathNames = new ArrayList<>();
    int last = 0;
    for (TemplateRules.Placeholder p : TemplateRules.placeholders(path)) {
      regex.append(Pattern.quote(path.substring(last, p.start()))).append("([^/]+)");
      pathNames.add(p.name());
      last = p.end();
    }
    regex.append(Pattern.quote(path.substring(last)));

    Map<String, String> queryNames = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        TemplateRules.wholePlaceholder(pair.substring(eq + 1))
            .ifPresent(name -> queryNames.put(decode(pair.substring(0, eq), true), name));
      }
    }
    return new UrlPattern(
        url,
        scheme,
        probe.getHost(),
        port,
        path,
        Pattern.compile(regex.toString()),
        List.copyOf(pathNames),
        Map.copyOf(queryNames));
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** The URL as the catalog writes it. */
  String url() {
    return url;
  }

  String scheme() {
    return scheme;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  /** The path template, such as {@code /products/{id}}. */
  String path() {
    return path;
  }

  /** Whether the demo, listening on 127.0.0.1, can be reached at this URL's host. */
  boolean isLocal() {
    return host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1");
  }

  /**
   * The placeholders' values if a request with this raw (still percent-encoded) path and these
   * decoded query parameters is one for this URL. A query placeholder the request leaves out has no
   * value; a path with a malformed percent-escape matches nothing.
   */
  Optional<Map<String, String>> match(String rawPath, Map<String, List<String>> query) {
    Matcher m = pathRegex.matcher(rawPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pathNames.size(); i++) {
      try {
        values.putIfAbsent(pathNames.get(i), decode(m.group(i + 1), false));
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // a malformed %-escape names nothing
      }
    }
    queryNames.forEach(
        (key, name) -> {
          List<String> given = query.getOrDefault(key, List.of());
          if (!given.isEmpty()) {
            values.putIfAbsent(name, given.get(0));
          }
        });
    return Optional.of(values);
  }

  /** Percent-decodes; a {@code +} is a space only in a query. */
  static String decode(String raw, boolean inQuery) {
    return URLDecoder.decode(inQuery ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UrlPattern p && p.url.equals(url);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  @Override
  public String toString() {
    return url;
  }
}
