package dev.brownout.functions.api.fallback;

import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.core.text.Json;
import dev.brownout.functions.api.Answers;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiService;
import dev.brownout.functions.api.Attempt;
import dev.brownout.functions.api.OutboundCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code queue}: the write is kept for replay to the primary and answered 202 with the idempotency
 * key it will be delivered under (the client's, else the request id). A write too large for the
 * queue is refused with 413 at once, one with a credential in its query with 400; a queue that
 * cannot be reached leaves the write to the next step.
 */
public final class QueueStep implements FallbackStep {
  private final RequestQueue queue;
  private final Clock clock;

  QueueStep(RequestQueue queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public Optional<ApiResponse> answer(Attempt attempt) {
    var request = attempt.request();
    String route = attempt.route().id();
    Optional<String> credential =
        request.query().keySet().stream()
            .filter(name -> CredentialSeal.QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)))
            .sorted()
            .findFirst();
    if (credential.isPresent()) {
      // It would wait in the queue, the dead-letter queue and the logs in clear.
      return Optional.of(
          Answers.problem(
              "credential-in-query",
              "Credential in the query",
              400,
              "the primary cannot take the write now, and a write with a credential in its query"
                  + " (\""
                  + credential.get()
                  + "\") is not kept for later: send the credential in Authorization",
              route,
              ServedFrom.QUEUE,
              Map.of()));
    }
    if (!attempt.hasTimeFor(ApiService.STORE_CALL_TIMEOUT)) {
      attempt.failed("no time was left for the queue");
      return Optional.empty();
    }
    UpstreamClient.Call call =
        OutboundCalls.of(request, attempt.route().primary(), attempt.match().parameters());
    String key = call.headers().get("idempotency-key");
    try {
      queue.enqueue(
          new RequestQueue.QueuedRequest(
              route,
              call.method(),
              call.url(),
              call.headers(),
              call.body(),
              key,
              clock.instant(),
              request.client()));
    } catch (RequestQueue.QueueFailure e) {
      if (e.kind() == RequestQueue.QueueFailure.Kind.TOO_LARGE) {
        // No later try can take it: the client must hear so, not be told to come back.
        return Optional.of(
            Answers.problem(
                "write-too-large",
                "Too large to keep for later",
                413,
                "the primary cannot take the write now, and " + e.getMessage(),
                route,
                ServedFrom.QUEUE,
                Map.of()));
      }
      attempt.failed("the queue did not take the write", "the queue failed: " + e.getMessage());
      return Optional.empty();
    }
    String body =
        "{\"status\":\"queued\",\"idempotencyKey\":"
            + Json.quote(key)
            + ",\"route\":"
            + Json.quote(route)
            + "}";
    return Optional.of(
        new ApiResponse(
            202,
            Map.of("Content-Type", "application/json", "Idempotency-Key", key),
            body.getBytes(StandardCharsets.UTF_8),
            ServedFrom.QUEUE));
  }
}
