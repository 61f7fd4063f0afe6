package dev.brownout.functions.adapters.http;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.catalog.internal.Durations;
import dev.brownout.core.health.HttpCheckJudge;
import dev.brownout.core.health.Probe;
import dev.brownout.core.policy.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Checks an {@code http} dependency with java.net.http; every failure becomes words. */
public final class HttpProbe implements Probe {
  /** Enough for any health answer; a body match only looks this far. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpClient client;
  private final Clock clock;

  public HttpProbe(HttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
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
    try {
      HttpRequest request =
          HttpRequest.newBuilder(check.url())
              .timeout(check.timeout())
              .method(check.method(), HttpRequest.BodyPublishers.noBody())
              .header("User-Agent", "brownout-health-check")
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        // Always read the answer (up to the limit): a body that breaks off is a failed check
        // even when nothing in it is matched.
        body = in.readNBytes(MAX_BODY_BYTES);
      } catch (IOException e) {
        return CheckResult.failure(
            "the connection broke while reading the answer: " + HttpErrors.message(e),
            elapsed(startNanos),
            start);
      }
      return HttpCheckJudge.judge(
          check,
          response.statusCode(),
          elapsed(startNanos),
          body,
          body.length == MAX_BODY_BYTES,
          start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.failure(
          "timed out after " + Durations.format(check.timeout()), elapsed(startNanos), start);
    } catch (IOException | RuntimeException e) {
      return CheckResult.failure(
          HttpErrors.describe(check.url(), check.timeout(), e), elapsed(startNanos), start);
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
