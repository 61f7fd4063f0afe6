package dev.brownout.functions.adapters.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body up to a limit and no further: once more than the limit has come, the
 * subscription is cancelled (java.net.http then closes the connection), so a huge or endless body
 * costs at most the limit in memory.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Read> {

  /**
   * What was read.
   *
   * @param bytes the body, or its first {@code limit} bytes when {@code cut}
   * @param cut the body was longer than the limit (or declared so, when refused unread)
   */
  record Read(byte[] bytes, boolean cut) {}

  private final int limit;
  private final boolean refuseUnread;
  private final CompletableFuture<Read> result = new CompletableFuture<>();
  private byte[] bytes = new byte[0];
  private int length;
  private Flow.Subscription subscription;

  private LimitedBody(int limit, boolean refuseUnread) {
    this.limit = limit;
    this.refuseUnread = refuseUnread;
  }

  /** Reads at most {@code limit} bytes; a longer body comes back cut at the limit. */
  static HttpResponse.BodyHandler<Read> upTo(int limit) {
    return info -> new LimitedBody(limit, false);
  }

  /**
   * Like {@link #upTo}, but a body whose {@code Content-Length} is over the limit is not read at
   * all: it comes back empty and cut. Not for HEAD, whose Content-Length describes a body that is
   * not sent; a 204 or 304 has no body whatever its Content-Length says.
   */
  static HttpResponse.BodyHandler<Read> refusingOver(int limit) {
    return info ->
        new LimitedBody(
            limit,
            info.statusCode() != 204
                && info.statusCode() != 304
                && declaredLength(info.headers()) > limit);
  }

  /** The {@code Content-Length} of an answer, or -1 when it declares none (or nonsense). */
  static long declaredLength(HttpHeaders headers) {
    try {
      return headers.firstValueAsLong("content-length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public CompletionStage<Read> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (refuseUnread) {
      subscription.cancel();
      result.complete(new Read(new byte[0], true));
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), limit - length);
      ensureRoom(take);
      buffer.get(bytes, length, take);
      length += take;
      if (buffer.hasRemaining()) {
        subscription.cancel();
        result.complete(new Read(Arrays.copyOf(bytes, length), true));
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(new Read(Arrays.copyOf(bytes, length), false));
  }

  private void ensureRoom(int more) {
    if (length + more > bytes.length) {
      int grown = (int) Math.min(limit, Math.max(length + more, 2L * bytes.length));
      bytes = Arrays.copyOf(bytes, grown);
    }
  }
}
