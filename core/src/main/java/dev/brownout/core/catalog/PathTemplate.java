package dev.brownout.core.catalog;

import java.util.ArrayList;
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
        Optional<String> parameter = TemplateRules.wholePlaceholder(segment);
        if (parameter.isPresent()) {
          if (parameters.contains(parameter.get())) {
            throw new IllegalArgumentException(
                "names the parameter {" + parameter.get() + "} twice in \"" + template + "\"");
          }
          parameters.add(parameter.get());
        } else if (segment.equals(".") || segment.equals("..")) {
          // Clients and API Gateway resolve dot segments away: no request could reach the route.
          throw new IllegalArgumentException(
              "segment \""
                  + segment
                  + "\" of \""
                  + template
                  + "\" is a dot segment, which clients resolve away; no request could reach it");
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
    return TemplateRules.fill(template, name -> Optional.of("{}"));
  }

  public boolean startsWith(String literalPrefix) {
    return template.equals(literalPrefix) || template.startsWith(literalPrefix + "/");
  }

  /** The segments as written, such as {@code products} and {@code {id}}; none for {@code /}. */
  public List<String> segments() {
    return segments;
  }

  /**
   * The parameter values if the decoded segments of a request path match this template: each
   * literal equals its segment, and each parameter takes a non-empty one.
   */
  public Optional<Map<String, String>> match(List<String> decodedSegments) {
    if (decodedSegments.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String part = decodedSegments.get(i);
      Optional<String> parameter = TemplateRules.wholePlaceholder(segments.get(i));
      if (parameter.isPresent() ? part.isEmpty() : !segments.get(i).equals(part)) {
        return Optional.empty();
      }
      parameter.ifPresent(name -> values.put(name, part));
    }
    return Optional.of(values);
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
