package dev.brownout.core.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route's path, such as {@code /products/{id}}: literal segments and whole-segment parameters, as
 * API Gateway understands them.
 */
public final class PathTemplate {
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private final String template;
  private final List<String> segments;
  private final List<String> parameters;

  private PathTemplate(String template, List<String> segments, List<String> parameters) {
    this.template = template;
    this.segments = segments;
    this.parameters = parameters;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the template
   */
  public static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("must start with /, got \"" + template + "\"");
    }
    List<String> segments = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    String body = template.substring(1);
    if (!body.isEmpty()) {
      for (String segment : body.split("/", -1)) {
        var parameter = PARAMETER.matcher(segment);
        if (parameter.matches()) {
          if (parameters.contains(parameter.group(1))) {
            throw new IllegalArgumentException(
                "names the parameter {" + parameter.group(1) + "} twice in \"" + template + "\"");
          }
          parameters.add(parameter.group(1));
        } else if (!LITERAL.matcher(segment).matches()) {
          throw new IllegalArgumentException(
              "segment \""
                  + segment
                  + "\" of \""
                  + template
                  + "\" is neither a literal (letters, digits, . _ ~ -) nor a whole {parameter}");
        }
        segments.add(segment);
      }
    }
    return new PathTemplate(template, List.copyOf(segments), List.copyOf(parameters));
  }

  public List<String> parameters() {
    return parameters;
  }

  /** The template with parameter names blanked: two routes with the same shape are ambiguous. */
  public String shape() {
    return PARAMETER.matcher(template).replaceAll("{}");
  }

  public boolean startsWith(String literalPrefix) {
    return template.equals(literalPrefix) || template.startsWith(literalPrefix + "/");
  }

  /** The decoded parameter values if {@code path} matches this template. */
  public Optional<Map<String, String>> match(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String body = path.substring(1);
    String[] parts = body.isEmpty() ? new String[0] : body.split("/", -1);
    if (parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    var seen = new HashSet<String>();
    for (int i = 0; i < parts.length; i++) {
      var parameter = PARAMETER.matcher(segments.get(i));
      if (parameter.matches()) {
        if (parts[i].isEmpty() || !seen.add(parameter.group(1))) {
          return Optional.empty();
        }
        values.put(parameter.group(1), decode(parts[i]));
      } else if (!segments.get(i).equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  private static String decode(String part) {
    // A literal '+' in a path segment is a plus, not a space.
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathTemplate p && p.template.equals(template);
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
