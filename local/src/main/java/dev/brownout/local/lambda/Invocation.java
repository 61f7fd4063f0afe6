package dev.brownout.local.lambda;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One invocation on its way through a runtime: handed out by the Runtime API's {@code next}, and
 * completed by the runtime's {@code response} or {@code error}, by its death, or by the timeout.
 */
final class Invocation {
  final String requestId;
  final byte[] payload;
  final String traceId;
  final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
  final CompletableFuture<Instant> started = new CompletableFuture<>();

  Invocation(String requestId, byte[] payload, String traceId) {
    this.requestId = requestId;
    this.payload = payload;
    this.traceId = traceId;
  }
}
