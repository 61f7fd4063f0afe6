package dev.brownout.functions.api;

import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.Upstream;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.ports.UpstreamClient.UpstreamFailure;
import dev.brownout.core.serving.ServedFrom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and makes the calls a request leads to: the catalog's URL with the path parameters, the
 * client's query, the headers that may travel, and a timeout cut to what is left of the budget.
 */
public final class OutboundCalls {
  /** The client's headers that travel upstream; every other one stays here. */
  static final Set<String> FORWARDED =
      Set.of(
          "accept",
          "accept-language",
          "authorization",
          "content-type",
          "idempotency-key",
          "if-none-match",
          "user-agent");

  private final UpstreamClient client;

  public OutboundCalls(UpstreamClient client) {
    this.client = client;
  }

  /**
   * Calls {@code target} for the attempt's request with the target's timeout, or less when less is
   * left of the budget.
   *
   * @throws UpstreamFailure when the upstream gave no usable answer, or no time was left
   */
  public Answer call(Attempt attempt, Upstream target) throws UpstreamFailure {
    if (!attempt.hasTimeForACall()) {
      throw new UpstreamFailure("no time was left in the request's budget");
    }
    UpstreamClient.Call call = of(attempt.request(), target, attempt.match().parameters());
    Duration left = attempt.timeLeft();
    Duration timeout = call.timeout().compareTo(left) < 0 ? call.timeout() : left;
    return client.call(
        new UpstreamClient.Call(call.method(), call.url(), call.headers(), call.body(), timeout));
  }

  /**
   * A fallback upstream's answer below 500, passed on; otherwise empty with the reason in the
   * attempt.
   *
   * @param what how the reasons name this upstream ("alternative", "degraded call")
   */
  public Optional<ApiResponse> passOn(
      Attempt attempt, Upstream target, ServedFrom servedFrom, String what) {
    try {
      Answer answer = call(attempt, target);
      if (answer.status() < 500) {
        return Optional.of(Answers.of(answer, servedFrom));
      }
      attempt.failed("the " + what + " answered " + answer.status());
    } catch (UpstreamFailure e) {
      attempt.failed("the " + what + " failed", "the " + what + " failed: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The call a request makes to {@code target}, with the target's own timeout: the client's query
   * travels after the template's own (which the guard made sure it does not repeat).
   */
  public static UpstreamClient.Call of(
      ApiRequest request, Upstream target, Map<String, String> parameters) {
    Map<String, String> headers = new HashMap<>();
    request
        .headers()
        .forEach(
            (name, value) -> {
              if (FORWARDED.contains(name)) {
                headers.put(name, value);
              }
            });
    headers.put("x-request-id", request.requestId());
    if (Route.WRITE_METHODS.contains(request.method())) {
      // The same key on the primary call and on a queued replay lets the upstream apply a write
      // once even when a timed-out call did reach it.
      headers.putIfAbsent("idempotency-key", request.requestId());
    }
    return new UpstreamClient.Call(
        request.method(),
        target.url().expand(parameters, request.query()),
        headers,
        request.body(),
        target.timeout());
  }
}
