package dev.brownout.functions.api;

import static dev.brownout.functions.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.serving.RouteTable;
import dev.brownout.functions.testing.FakeUpstream;
import dev.brownout.functions.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimaryCallTest {
  private final Catalog catalog = CatalogLoader.parse("shop.yaml", ApiWorld.SHOP);
  private final RouteTable routes = new RouteTable(catalog);
  private final MutableClock clock = new MutableClock(ApiWorld.T0);
  private final AtomicLong nanos = new AtomicLong();
  private final FakeUpstream upstream = new FakeUpstream();
  private final Breakers breakers = new Breakers(clock, Duration.ofSeconds(10));
  private final PrimaryCall primary =
      new PrimaryCall(breakers, new OutboundCalls(upstream), nanos::get);

  private Attempt attempt(String path, Duration budget) {
    ApiRequest request =
        new ApiRequest("GET", path, Map.of(), Map.of(), new byte[0], "req-1", budget);
    return new Attempt(request, routes.find("GET", path).match().orElseThrow(), nanos::get);
  }

  private CircuitBreaker breaker() {
    return breakers.of(catalog.routes().getFirst());
  }

  @ParameterizedTest(name = "status {0}: passed on = {1}, counted as failure = {2}")
  @CsvSource({
    "200, true, false",
    "201, true, false",
    "304, true, false",
    "404, true, false",
    "406, true, false",
    "429, true, false",
    "500, false, false",
    "501, false, false",
    "502, false, true",
    "503, false, true",
    "504, false, true",
  })
  void onlyAGatewayFailureCountsAgainstThePrimaryAndNo5xxIsPassedOn(
      int status, boolean passedOn, boolean failure) {
    upstream.answers("/products/1", status, "application/json", "{}");
    Attempt attempt = attempt("/products/1", ApiRequest.MAX_BUDGET);

    assertThat(primary.answer(attempt).isPresent()).isEqualTo(passedOn);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(failure ? 1 : 0);
    assertThat(breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(passedOn ? 1 : 0);
  }

  @Test
  void noUsableAnswerCountsAgainstThePrimaryWithItsReasonInTheLogsOnly() {
    upstream.fails("/products/1", "connection to catalog.internal:8080 refused");
    Attempt attempt = attempt("/products/1", ApiRequest.MAX_BUDGET);

    assertThat(primary.answer(attempt)).isEmpty();
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    assertThat(attempt.briefs()).isEqualTo("the primary failed");
    assertThat(attempt.details()).contains("catalog.internal:8080 refused");
  }

  @Test
  void aCallThatCannotBeMadeGivesItsPermitBackInsteadOfCountingOrLeakingIt() {
    upstream.on(
        "/products/1",
        call -> {
          throw new IllegalArgumentException("a header value java.net.http refuses");
        });
    breaker().transitionToOpenState();
    breaker().transitionToHalfOpenState();

    for (int i = 0; i < 2 * Breakers.HALF_OPEN_PROBES; i++) {
      assertThat(primary.answer(attempt("/products/1", ApiRequest.MAX_BUDGET))).isEmpty();
    }

    assertThat(upstream.callsTo("/products/1")).isEqualTo(2L * Breakers.HALF_OPEN_PROBES);
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void aBudgetSpentBeforeThePrimaryGivesThePermitBackAndCallsNothing() {
    breaker().transitionToOpenState();
    breaker().transitionToHalfOpenState();

    for (int i = 0; i < 2 * Breakers.HALF_OPEN_PROBES; i++) {
      Attempt attempt = attempt("/products/1", Duration.ofMillis(10));
      assertThat(primary.answer(attempt)).isEmpty();
      assertThat(attempt.briefs()).isEqualTo("no time was left for the primary");
    }

    assertThat(upstream.calls()).isEmpty();
    assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
  }

  @Test
  void slowAnswersMeasuredOnTheTickerOpenTheBreaker() {
    upstream.on(
        "/products/1",
        call -> {
          nanos.addAndGet(Duration.ofMillis(450).toNanos()); // 90% of the 500 ms timeout
          return answer(200, Map.of(), "{}");
        });

    for (int i = 0; i < Breakers.MINIMUM_CALLS; i++) {
      primary.answer(attempt("/products/1", ApiRequest.MAX_BUDGET));
    }

    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    Attempt refused = attempt("/products/1", ApiRequest.MAX_BUDGET);
    assertThat(primary.answer(refused)).isEmpty();
    assertThat(refused.breakerOpen()).isTrue();
    assertThat(refused.primaryLatency()).isEmpty();
  }

  @Test
  void theCallsTimeoutIsCutToWhatIsLeftOfTheBudget() {
    upstream.answers("/products/1", 200, "application/json", "{}");

    primary.answer(attempt("/products/1", Duration.ofMillis(120)));

    assertThat(upstream.calls())
        .singleElement()
        .extracting(c -> c.timeout())
        .isEqualTo(Duration.ofMillis(120));
    assertThat(new String(upstream.calls().getFirst().body(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(List.of(upstream.calls().getFirst().url().toString()))
        .containsExactly(ApiWorld.UP + "/products/1");
  }
}
