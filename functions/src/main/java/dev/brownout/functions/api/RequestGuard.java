package dev.brownout.functions.api;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.serving.Negotiation;
import dev.brownout.core.serving.RouteTable;
import dev.brownout.core.serving.ServedFrom;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Admits a request to its route, or refuses it before any source is asked: too large, no such route
 * or method, a malformed path, a malformed JSON body, an unusable idempotency key. A refusal is the
 * client's doing and costs no upstream anything.
 */
public final class RequestGuard {
  /** Larger bodies are refused with 413 before anything is called. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** One header longer than this, or all of them together longer than four times it: 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /** What a queued write is delivered under later; it must survive being a message attribute. */
  static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  /** What the guard made of a request. */
  public sealed interface Verdict {}

  public record Admitted(RouteTable.Match match) implements Verdict {}

  /**
   * @param route the route, when the request got as far as matching one
   */
  public record Refused(ApiResponse response, Optional<Route> route) implements Verdict {}

  private final RouteTable routes;
  private final Map<String, SortedSet<String>> fixedQuery;

  public RequestGuard(Catalog catalog) {
    this.routes = new RouteTable(catalog);
    this.fixedQuery =
        catalog.routes().stream()
            .collect(Collectors.toUnmodifiableMap(Route::id, RequestGuard::fixedQueryOf));
  }

  public Verdict check(ApiRequest request) {
    Optional<ApiResponse> oversized = oversized(request);
    if (oversized.isPresent()) {
      return new Refused(oversized.get(), Optional.empty());
    }
    RouteTable.Lookup lookup = routes.find(request.method(), request.path());
    if (lookup.badPath().isPresent()) {
      return new Refused(
          Answers.refused("bad-path", "Bad path", 400, lookup.badPath().get()), Optional.empty());
    }
    if (lookup.match().isEmpty()) {
      return new Refused(unmatched(request, lookup), Optional.empty());
    }
    RouteTable.Match match = lookup.match().get();
    Route route = match.route();
    Optional<String> problem = fixedQuery(request, route).or(() -> badBody(request, route));
    if (problem.isPresent()) {
      return new Refused(
          Answers.problem(
              "bad-request",
              "Bad request",
              400,
              problem.get(),
              route.id(),
              ServedFrom.STATIC,
              Map.of()),
          Optional.of(route));
    }
    return new Admitted(match);
  }

  private static ApiResponse unmatched(ApiRequest request, RouteTable.Lookup lookup) {
    if (lookup.allowed().isEmpty()) {
      return Answers.refused(
          "not-found",
          "No such route",
          404,
          "no route matches " + request.method() + " " + request.path());
    }
    String allowed = String.join(", ", lookup.allowed());
    return Answers.problem(
        "method-not-allowed",
        "Method not allowed",
        405,
        request.path() + " answers " + allowed,
        null,
        ServedFrom.STATIC,
        Map.of("Allow", allowed));
  }

  /** A query parameter the catalog's URL sets is the catalog's: a client may not add it again. */
  private Optional<String> fixedQuery(ApiRequest request, Route route) {
    return fixedQuery.get(route.id()).stream()
        .filter(request.query()::containsKey)
        .findFirst()
        .map(name -> "the query parameter " + name + " is set by the route and cannot be sent");
  }

  private static SortedSet<String> fixedQueryOf(Route route) {
    SortedSet<String> names = new TreeSet<>(route.primary().url().queryNames());
    for (Fallback f : route.fallback()) {
      switch (f) {
        case Fallback.Alternative a -> names.addAll(a.upstream().url().queryNames());
        case Fallback.Degraded d -> d.upstream().ifPresent(u -> names.addAll(u.url().queryNames()));
        default -> {}
      }
    }
    return Collections.unmodifiableSortedSet(names); // in order: the first named is stable
  }

  private static Optional<String> badBody(ApiRequest request, Route route) {
    if (!route.isWrite()) {
      return Optional.empty();
    }
    String contentType = request.headers().getOrDefault("content-type", "application/json");
    if (Negotiation.isJson(contentType)
        && request.body().length > 0
        && !JsonBodies.wellFormed(request.body())) {
      return Optional.of("the request body is not well-formed JSON");
    }
    String key = request.headers().get("idempotency-key");
    boolean queued = route.fallback().stream().anyMatch(f -> f instanceof Fallback.Queue);
    if (queued && key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
      return Optional.of("the Idempotency-Key must be 1-128 of letters, digits, - _ . :");
    }
    return Optional.empty();
  }

  private static Optional<ApiResponse> oversized(ApiRequest request) {
    if (request.body().length > MAX_BODY_BYTES) {
      return Optional.of(
          Answers.refused(
              "body-too-large",
              "Request body too large",
              413,
              "the body has "
                  + request.body().length
                  + " bytes; at most "
                  + MAX_BODY_BYTES
                  + " are accepted"));
    }
    int total = 0;
    for (var header : request.headers().entrySet()) {
      int size = header.getKey().length() + header.getValue().length();
      total += size;
      if (size > MAX_HEADER_BYTES || total > 4 * MAX_HEADER_BYTES) {
        return Optional.of(
            Answers.refused(
                "headers-too-large",
                "Request headers too large",
                431,
                size > MAX_HEADER_BYTES
                    ? "the header "
                        + header.getKey()
                        + " is longer than "
                        + MAX_HEADER_BYTES
                        + " bytes"
                    : "the headers together are longer than " + 4 * MAX_HEADER_BYTES + " bytes"));
      }
    }
    return Optional.empty();
  }
}
