package dev.brownout.functions.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {
  /** A subscription that counts what the body asked for and whether it gave up. */
  private static final class Upstream implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static HttpResponse.BodySubscriber<LimitedBody.Read> subscriber(
      HttpResponse.BodyHandler<LimitedBody.Read> handler, Map<String, List<String>> headers) {
    return subscriber(handler, 200, headers);
  }

  private static HttpResponse.BodySubscriber<LimitedBody.Read> subscriber(
      HttpResponse.BodyHandler<LimitedBody.Read> handler,
      int status,
      Map<String, List<String>> headers) {
    HttpHeaders httpHeaders = HttpHeaders.of(headers, (name, value) -> true);
    return handler.apply(
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return status;
          }

          @Override
          public HttpHeaders headers() {
            return httpHeaders;
          }

          @Override
          public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
          }
        });
  }

  private static LimitedBody.Read read(HttpResponse.BodySubscriber<LimitedBody.Read> body) {
    return body.getBody().toCompletableFuture().join();
  }

  @Test
  void aBodyOverTheLimitIsCutAndTheSubscriptionCancelled() {
    var body = subscriber(LimitedBody.upTo(10), Map.of());
    var upstream = new Upstream();
    body.onSubscribe(upstream);

    body.onNext(List.of(ByteBuffer.wrap("0123456".getBytes())));
    body.onNext(List.of(ByteBuffer.wrap("789ab".getBytes()), ByteBuffer.wrap("cdef".getBytes())));

    assertThat(upstream.cancelled).isTrue();
    assertThat(upstream.requested).isEqualTo(2);
    assertThat(read(body).cut()).isTrue();
    assertThat(new String(read(body).bytes())).isEqualTo("0123456789");
  }

  @Test
  void aBodyExactlyAtTheLimitIsWhole() {
    var body = subscriber(LimitedBody.upTo(4), Map.of());
    var upstream = new Upstream();
    body.onSubscribe(upstream);

    body.onNext(List.of(ByteBuffer.wrap("abcd".getBytes())));
    body.onComplete();

    assertThat(upstream.cancelled).isFalse();
    assertThat(read(body).cut()).isFalse();
    assertThat(new String(read(body).bytes())).isEqualTo("abcd");
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutAskingForAByte() {
    var body =
        subscriber(LimitedBody.refusingOver(10), Map.of("content-length", List.of("1073741824")));
    var upstream = new Upstream();
    body.onSubscribe(upstream);

    assertThat(upstream.cancelled).isTrue();
    assertThat(upstream.requested).isZero();
    assertThat(read(body).cut()).isTrue();
    assertThat(read(body).bytes()).isEmpty();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsReadUpToTheLimitWhenCuttingIsEnough() {
    var body = subscriber(LimitedBody.upTo(10), Map.of("content-length", List.of("1073741824")));
    var upstream = new Upstream();
    body.onSubscribe(upstream);

    assertThat(upstream.cancelled).isFalse();
    assertThat(upstream.requested).isEqualTo(1);
  }

  @Test
  void aNotModifiedAnswerIsNotRefusedForTheLengthOfTheBodyItDoesNotSend() {
    var body =
        subscriber(
            LimitedBody.refusingOver(10), 304, Map.of("content-length", List.of("1073741824")));
    var upstream = new Upstream();
    body.onSubscribe(upstream);
    body.onComplete();

    assertThat(upstream.cancelled).isFalse();
    assertThat(read(body).cut()).isFalse();
  }
}
