package dev.brownout.core.catalog.internal;

import static dev.brownout.core.catalog.internal.Paths.index;
import static dev.brownout.core.catalog.internal.Paths.key;

import dev.brownout.core.catalog.CannedResponse;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.TemplateRules;
import dev.brownout.core.text.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One route's fallback chain: each kind once, nothing after a step that always answers, reads and
 * writes each with their kinds, and each step's settings.
 */
final class FallbackChecks {
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern QUERY_KEY = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  private static final int MAX_QUEUE_ATTEMPTS = 100;

  private final Findings findings;

  FallbackChecks(Findings findings) {
    this.findings = findings;
  }

  /**
   * @param routePath the route's path in the catalog, such as {@code routes[2]}
   * @param parameters the route path's parameters; null if the path is missing
   */
  void check(String routePath, Route r, Set<String> parameters) {
    Map<String, Integer> seen = new HashMap<>();
    Integer terminal = null;
    boolean write = r.method() != null && r.isWrite();
    for (int i = 0; i < r.fallback().size(); i++) {
      Fallback f = r.fallback().get(i);
      String path = key(index(key(routePath, "fallback"), i), f.kind());
      Integer earlier = seen.putIfAbsent(f.kind(), i);
      if (earlier != null) {
        findings.add(
            path,
            "fallback["
                + earlier
                + "] is already a "
                + f.kind()
                + " step; each kind may appear once");
      }
      if (terminal != null) {
        findings.add(
            path,
            "can never be reached: fallback["
                + terminal
                + "] ("
                + r.fallback().get(terminal).kind()
                + ") always answers");
      }
      if (f.alwaysAnswers() && terminal == null) {
        terminal = i;
      }
      step(path, f, r, write, parameters);
    }
  }

  private void step(String path, Fallback f, Route r, boolean write, Set<String> parameters) {
    switch (f) {
      case Fallback.Cache cache -> {
        if (r.method() != null && write) {
          findings.add(
              path, "a cache answers reads; " + r.method() + " is a write (use queue or readOnly)");
        }
        findings.positive(key(path, "maxStaleness"), cache.maxStaleness());
        for (int q = 0; q < cache.queryKeys().size(); q++) {
          String name = cache.queryKeys().get(q);
          if (name == null || !QUERY_KEY.matcher(name).matches()) {
            findings.add(
                index(key(path, "queryKeys"), q),
                "expected a query parameter name, got \"" + name + "\"");
          }
        }
      }
      case Fallback.Alternative alternative ->
          UpstreamChecks.check(findings, path, alternative.upstream(), parameters);
      case Fallback.Static fixed -> canned(path, fixed.response(), null);
      case Fallback.Degraded degraded -> {
        if (degraded.upstream().isPresent() == degraded.response().isPresent()) {
          findings.add(
              path,
              "give either url (a cheaper call) or body (a reduced answer), not "
                  + (degraded.upstream().isPresent() ? "both" : "neither"));
        }
        degraded.upstream().ifPresent(u -> UpstreamChecks.check(findings, path, u, parameters));
        degraded.response().ifPresent(c -> canned(path, c, parameters));
      }
      case Fallback.Queue queue -> {
        writeOnly(path, r, write, "queue");
        findings.between(key(path, "maxAttempts"), queue.maxAttempts(), 1, MAX_QUEUE_ATTEMPTS);
      }
      case Fallback.ReadOnly readOnly -> {
        writeOnly(path, r, write, "readOnly");
        findings.required(key(path, "message"), readOnly.message());
      }
    }
  }

  private void writeOnly(String path, Route r, boolean write, String kind) {
    if (r.method() != null && !write) {
      findings.add(
          path, kind + " is for writes (POST, PUT, PATCH, DELETE); " + r.method() + " is a read");
    }
  }

  /**
   * A canned answer; {@code parameters} are the placeholders its body may use (null: a body that is
   * not filled, or a route without a path).
   */
  private void canned(String path, CannedResponse response, Set<String> parameters) {
    findings.between(key(path, "status"), response.status(), 200, 599);
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!HEADER_NAME.matcher(name).matches()) {
                findings.add(key(key(path, "headers"), name), "not a valid header name");
              } else if (value.contains("\r") || value.contains("\n")) {
                findings.add(key(key(path, "headers"), name), "a header value must be one line");
              }
            });
    if (findings.required(key(path, "body"), response.body()) && parameters != null) {
      filledBody(key(path, "body"), response, parameters);
    }
  }

  /**
   * A body whose placeholders take the path parameters: each must name one, and stand inside a JSON
   * string, where its escaped value stays text; outside one the path would decide the JSON's shape.
   * Only JSON bodies are filled (with JSON escaping), so another type may not have them.
   */
  private void filledBody(String path, CannedResponse response, Set<String> parameters) {
    String body = response.body();
    boolean[] inString = Json.insideStrings(body);
    for (TemplateRules.Placeholder p : TemplateRules.placeholders(body)) {
      if (!parameters.contains(p.name())) {
        findings.add(
            path,
            "the placeholder "
                + p.text()
                + " is not a parameter of the route's path ("
                + UpstreamChecks.describe(parameters)
                + ")");
      } else if (!response.isJson()) {
        findings.add(
            path,
            "the placeholder \""
                + p.text()
                + "\" is filled only in a JSON body, and the content type is \""
                + response.contentType()
                + "\"");
      } else if (!inString[p.start()]) {
        findings.add(
            path,
            "the placeholder \""
                + p.text()
                + "\" at character "
                + p.start()
                + " stands outside a JSON string, so the request's path would decide the"
                + " JSON's shape; put it between a JSON string's quotes");
      }
    }
  }
}
