package dev.brownout.core.api;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Keeps write requests durably while their dependency is down, for replay when it is back. */
public interface RequestQueue {

  /**
   * A write accepted for later.
   *
   * @param route the route's id, to find its catalog entry at replay
   * @param url the primary URL, already expanded
   * @param headers the headers that travel upstream, lower-case names
   * @param idempotencyKey sent upstream as {@code Idempotency-Key}; replay delivers each key once
   */
  record QueuedRequest(
      String route,
      String method,
      URI url,
      Map<String, String> headers,
      byte[] body,
      String idempotencyKey,
      Instant acceptedAt) {
    public QueuedRequest {
      headers = Map.copyOf(headers);
    }
  }

  /** The queue did not take the request: the client must not be told it was accepted. */
  final class QueueFailure extends Exception {
    public QueueFailure(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  void enqueue(QueuedRequest request) throws QueueFailure;
}
