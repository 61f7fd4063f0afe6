package dev.brownout.local.apigateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource of a deployed REST API, as moto's {@code GetResources} reports it: its id, its full
 * path template ({@code /products/{id}}, {@code /files/{proxy+}}, {@code /} for the root) and its
 * methods by HTTP method.
 *
 * @throws IllegalArgumentException quoting the path when it does not start with {@code /}, has an
 *     empty segment, a malformed or repeated {@code {parameter}} (a parameter must be a whole
 *     segment), or a greedy {@code {name+}} that is not its last segment; or when a method is filed
 *     under another method's name
 */
public record ApiResource(String id, String path, Map<String, ApiMethod> methods) {

  public ApiResource {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("resource " + path + " has no id");
    }
    segments(path);
    Map<String, ApiMethod> copy = new LinkedHashMap<>();
    (methods == null ? Map.<String, ApiMethod>of() : methods)
        .forEach(
            (name, method) -> {
              if (method == null || !name.equals(method.httpMethod())) {
                throw new IllegalArgumentException(
                    "resource "
                        + path
                        + " files method "
                        + (method == null ? "null" : method.httpMethod())
                        + " under \""
                        + name
                        + "\"");
              }
              copy.put(name, method);
            });
    methods = Collections.unmodifiableMap(copy);
  }

  /** The method that serves {@code httpMethod} here: the method of that name, else {@code ANY}. */
  public Optional<ApiMethod> methodFor(String httpMethod) {
    ApiMethod exact = methods.get(httpMethod);
    return Optional.ofNullable(exact != null ? exact : methods.get(ApiMethod.ANY));
  }

  /** The path's segments, empty for the root. */
  List<String> segments() {
    return segments(path);
  }

  static List<String> segments(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("resource path must start with /, got \"" + path + "\"");
    }
    List<String> segments = new ArrayList<>();
    if (path.length() == 1) {
      return segments;
    }
    List<String> names = new ArrayList<>();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw new IllegalArgumentException("resource path \"" + path + "\" has an empty segment");
      }
      if (part.contains("{") || part.contains("}")) {
        String name = parameterName(part);
        if (name == null) {
          throw new IllegalArgumentException(
              "resource path \"" + path + "\" has a malformed parameter \"" + part + "\"");
        }
        if (names.contains(name)) {
          throw new IllegalArgumentException(
              "resource path \"" + path + "\" names the parameter {" + name + "} twice");
        }
        names.add(name);
        if (isGreedy(part) && i != parts.length - 1) {
          throw new IllegalArgumentException(
              "resource path \""
                  + path
                  + "\" has the greedy parameter "
                  + part
                  + " before its last segment");
        }
      }
      segments.add(part);
    }
    return segments;
  }

  static boolean isVariable(String segment) {
    return segment.startsWith("{");
  }

  static boolean isGreedy(String segment) {
    return segment.endsWith("+}");
  }

  /** {@code id} for {@code {id}}, {@code proxy} for {@code {proxy+}}; null when malformed. */
  static String parameterName(String segment) {
    if (!segment.startsWith("{") || !segment.endsWith("}")) {
      return null;
    }
    String name = segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
    return name.isEmpty() || name.contains("{") || name.contains("}") || name.contains("+")
        ? null
        : name;
  }
}
