package dev.brownout.functions.adapters.http;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.health.HttpCheckJudge;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.Probe;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks an {@code http} dependency with java.net.http; every failure becomes words. The whole
 * exchange, headers and body, has the check's timeout; the body is read no further than the {@code
 * bodyMatch} looks ({@link HttpCheckJudge#MAX_BODY_BYTES}), and the match gets what is left of the
 * timeout.
 */
public final class HttpProbe implements Probe {
  private final HttpClient client;
  private final Clock clock;
  private final HttpCheckJudge judge;

  public HttpProbe(HttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.judge = new HttpCheckJudge(System::nanoTime);
  }

  /** The client a health check uses: HTTP/1.1, no redirects (a 3xx is an answer to judge). */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public CheckResult check(Dependency dependency) {
    var check = (HealthCheck.Http) dependency.check();
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    CompletableFuture<HttpResponse<LimitedBody.Read>> exchange;
    AtomicBoolean answered = new AtomicBoolean(); // the answer's head came: a failure is the body's
    try {
      HttpRequest request =
          HttpRequest.newBuilder(check.url())
              .timeout(check.timeout())
              .method(check.method(), HttpRequest.BodyPublishers.noBody())
              .header("User-Agent", "brownout-health-check")
              .build();
      // Always read the answer (up to the limit): a body that breaks off is a failed check even
      // when nothing in it is matched.
      HttpResponse.BodyHandler<LimitedBody.Read> body =
          LimitedBody.upTo(HttpCheckJudge.MAX_BODY_BYTES);
      exchange =
          client.sendAsync(
              request,
              info -> {
                answered.set(true);
                return body.apply(info);
              });
    } catch (RuntimeException e) {
      return CheckResult.failure(
          HttpErrors.describe(check.url(), check.timeout(), e), elapsed(startNanos), start);
    }
    try {
      HttpResponse<LimitedBody.Read> response =
          exchange.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return judge.judge(
          check,
          response.statusCode(),
          elapsed(startNanos),
          response.body().bytes(),
          response.body().cut(),
          start);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return timedOut(check, startNanos, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.cancel(true);
      return timedOut(check, startNanos, start);
    } catch (ExecutionException e) {
      String failure =
          answered.get()
              ? "the connection broke while reading the answer: "
                  + HttpErrors.message(unwrapped(e.getCause()))
              : HttpErrors.describe(check.url(), check.timeout(), e.getCause());
      return CheckResult.failure(failure, elapsed(startNanos), start);
    }
  }

  private static Throwable unwrapped(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static CheckResult timedOut(HealthCheck.Http check, long startNanos, Instant start) {
    return CheckResult.failure(
        "timed out after " + Durations.format(check.timeout()), elapsed(startNanos), start);
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
