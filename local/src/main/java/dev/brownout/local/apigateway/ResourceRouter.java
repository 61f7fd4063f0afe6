package dev.brownout.local.apigateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes a request to a deployed resource and method as API Gateway routes REST APIs.
 *
 * <ul>
 *   <li>Segment by segment, a literal segment wins over the resource's one {@code {parameter}}
 *       child, which is tried next; a greedy {@code {name+}} takes all the remaining segments (at
 *       least one). When a branch leads to a resource without the method, routing backs up and
 *       tries the next branch: with {@code /test} (POST) and {@code /{proxy+}} (OPTIONS), {@code
 *       OPTIONS /test} reaches {@code /{proxy+}}.
 *   <li>A resource serves the method of that name, else its {@code ANY} method; {@code HEAD} is not
 *       served by {@code GET}. Methods are case-sensitive, as are path segments.
 *   <li>Leading and trailing slashes are ignored ({@code //a/} is {@code /a}); an empty segment
 *       inside the path matches no literal and no {@code {parameter}}, but is kept inside a greedy
 *       value ({@code a//b}). The root {@code /} is served only by the root resource: a greedy
 *       parameter never matches nothing.
 *   <li>Nothing is percent-decoded: segments are compared and parameters are passed as the client
 *       sent them ({@code test%2Balias@x} stays so), as API Gateway does for REST APIs.
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ResourceRouter {
  private final Node root = new Node();

  /**
   * @throws IllegalArgumentException quoting the paths when two resources have the same path or a
   *     resource has two variable children ({@code /a/{x}} and {@code /a/{y+}}, which API Gateway
   *     refuses); {@link ApiResource} already refuses a greedy segment that is not the last
   */
  public ResourceRouter(List<ApiResource> resources) {
    for (ApiResource resource : resources) {
      Node node = root;
      String at = "";
      for (String segment : resource.segments()) {
        at = at + "/" + segment;
        node = node.child(segment, at);
      }
      if (node.resource != null) {
        throw new IllegalArgumentException(
            "resources "
                + node.resource.id()
                + " and "
                + resource.id()
                + " both have the path "
                + resource.path());
      }
      node.resource = resource;
    }
  }

  /**
   * Finds the resource and method that serve {@code httpMethod} on {@code rawPath}.
   *
   * @param rawPath the request path after the stage, as sent (percent-encoded, no query string)
   */
  public Routing route(String httpMethod, String rawPath) {
    if (!ApiMethod.HTTP_METHODS.contains(httpMethod)) {
      return new Routing.NotFound(
          "API Gateway serves no method \""
              + httpMethod
              + "\" (only DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT)");
    }
    List<String> segments = segments(rawPath);
    Optional<Routing.Matched> match =
        match(root, segments, 0, new LinkedHashMap<>(), r -> r.methodFor(httpMethod));
    if (match.isPresent()) {
      return match.get();
    }
    // Explain the refusal: is there a resource for the path at all?
    List<ApiResource> candidates = new ArrayList<>();
    match(
        root,
        segments,
        0,
        new LinkedHashMap<>(),
        r -> {
          candidates.add(r);
          return Optional.empty();
        });
    if (candidates.isEmpty()) {
      return new Routing.NotFound("no resource matches the path " + rawPath);
    }
    return new Routing.NotFound(
        "no "
            + httpMethod
            + " method on "
            + candidates.stream()
                .map(
                    r ->
                        r.path()
                            + (r.methods().isEmpty()
                                ? " (which has no methods)"
                                : " (which has " + String.join(", ", r.methods().keySet()) + ")"))
                .toList()
            + " for the path "
            + rawPath);
  }

  /** The path's segments, leading and trailing slashes dropped; empty for the root. */
  static List<String> segments(String rawPath) {
    int start = 0;
    int end = rawPath.length();
    while (start < end && rawPath.charAt(start) == '/') {
      start++;
    }
    while (end > start && rawPath.charAt(end - 1) == '/') {
      end--;
    }
    return start == end ? List.of() : Arrays.asList(rawPath.substring(start, end).split("/", -1));
  }

  private static Optional<Routing.Matched> match(
      Node node,
      List<String> segments,
      int at,
      Map<String, String> parameters,
      Function<ApiResource, Optional<ApiMethod>> serves) {
    if (at == segments.size()) {
      return serve(node, parameters, serves);
    }
    String segment = segments.get(at);
    if (!segment.isEmpty()) {
      Node literal = node.literals.get(segment);
      if (literal != null) {
        Optional<Routing.Matched> found = match(literal, segments, at + 1, parameters, serves);
        if (found.isPresent()) {
          return found;
        }
      }
      if (node.variable != null) {
        Map<String, String> withValue = new LinkedHashMap<>(parameters);
        withValue.put(node.variableName, segment);
        Optional<Routing.Matched> found = match(node.variable, segments, at + 1, withValue, serves);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (node.greedy != null) {
      Map<String, String> withValue = new LinkedHashMap<>(parameters);
      withValue.put(node.greedyName, String.join("/", segments.subList(at, segments.size())));
      return serve(node.greedy, withValue, serves);
    }
    return Optional.empty();
  }

  private static Optional<Routing.Matched> serve(
      Node node,
      Map<String, String> parameters,
      Function<ApiResource, Optional<ApiMethod>> serves) {
    if (node.resource == null) {
      return Optional.empty();
    }
    return serves
        .apply(node.resource)
        .map(method -> new Routing.Matched(node.resource, method, parameters));
  }

  /** A path prefix; its resource is null where no resource has exactly that path. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    ApiResource resource;
    Node variable;
    String variableName;
    String variablePath;
    Node greedy;
    String greedyName;

    Node child(String segment, String path) {
      if (!ApiResource.isVariable(segment)) {
        return literals.computeIfAbsent(segment, s -> new Node());
      }
      String name = ApiResource.parameterName(segment);
      boolean isGreedy = ApiResource.isGreedy(segment);
      if (variable != null || greedy != null) {
        String existing = variablePath;
        if (existing.equals(path)) {
          return isGreedy ? greedy : variable;
        }
        throw new IllegalArgumentException(
            "resources "
                + existing
                + " and "
                + path
                + " are both variable children of one resource; API Gateway allows only one");
      }
      variablePath = path;
      if (isGreedy) {
        greedy = new Node();
        greedyName = name;
        return greedy;
      }
      variable = new Node();
      variableName = name;
      return variable;
    }
  }
}
