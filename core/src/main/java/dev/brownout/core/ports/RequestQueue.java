package dev.brownout.core.ports;

import dev.brownout.core.text.Hashes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Keeps write requests durably while their dependency is down, for replay when it is back. */
public interface RequestQueue {

  /**
   * A write accepted for later.
   *
   * @param route the route's id, to find its catalog entry at replay
   * @param url the primary URL, already expanded
   * @param headers the headers that travel upstream, lower-case names
   * @param idempotencyKey sent upstream as {@code Idempotency-Key}; replay delivers each key once
   *     per client
   * @param client who sent it, when API Gateway's authorizer says (a hash, see {@code
   *     ApiRequest#client}): keys are the client's own; empty when the route has no authorizer, and
   *     then a key is shared by everyone who calls the route
   */
  record QueuedRequest(
      String route,
      String method,
      URI url,
      Map<String, String> headers,
      byte[] body,
      String idempotencyKey,
      Instant acceptedAt,
      Optional<String> client) {
    public QueuedRequest {
      headers = Map.copyOf(headers);
    }

    /** A write from a client nobody vouched for (a route without an authorizer). */
    public QueuedRequest(
        String route,
        String method,
        URI url,
        Map<String, String> headers,
        byte[] body,
        String idempotencyKey,
        Instant acceptedAt) {
      this(route, method, url, headers, body, idempotencyKey, acceptedAt, Optional.empty());
    }

    /**
     * What makes two writes under one idempotency key the same write: SHA-256 of the client (when
     * known), the method, the URL and the body. Headers are left out: a client that retries after
     * refreshing its token sends the same write with another credential.
     */
    public String fingerprint() {
      return Hashes.sha256(
          client.map(c -> "client " + c + "\n").orElse("").getBytes(StandardCharsets.UTF_8),
          (method + " " + url + "\n").getBytes(StandardCharsets.UTF_8),
          Hashes.sha256(body).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The queue did not take the request: the client must not be told it was accepted. */
  final class QueueFailure extends Exception {
    /** What the API can do about it. */
    public enum Kind {
      /** The queue (or what seals the request) is unreachable or failing: another step may do. */
      UNAVAILABLE,
      /** The request is larger than a queued message may be: no retry will take it. */
      TOO_LARGE
    }

    private final Kind kind;

    public QueueFailure(Kind kind, String reason, Throwable cause) {
      super(reason, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  void enqueue(QueuedRequest request) throws QueueFailure;
}
