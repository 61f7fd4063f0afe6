package dev.brownout.functions.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.functions.adapters.ssm.SsmFeatureFlags;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Flags read from SSM in moto through a WireMock proxy, so SSM can be made to fail: the last known
 * values must stay in force, and the catalog's defaults before anything was read.
 */
class SsmFeatureFlagsIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final Catalog catalog = CatalogLoader.load(Path.of("..", "brownout.yaml"));
  private final SsmClient direct = AwsClients.ssm(Optional.of(MOTO.endpoint()));
  private final MutableClock clock = new MutableClock(T0);
  private WireMockServer proxy;
  private SsmFeatureFlags flags;

  @BeforeEach
  void proxyInFrontOfMoto() {
    MOTO.reset();
    proxy = new WireMockServer(options().dynamicPort());
    proxy.start();
    proxyTo(MOTO.endpoint());
    // No jitter: the refresh is due exactly one TTL after a read.
    flags =
        new SsmFeatureFlags(
            catalog,
            AwsClients.ssm(Optional.of(URI.create(proxy.baseUrl()))),
            Duration.ofSeconds(30),
            clock,
            new FixedRandom());
  }

  @AfterEach
  void stopProxy() {
    proxy.stop();
  }

  private void proxyTo(URI target) {
    proxy.resetAll();
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  private void breakSsm() {
    proxy.resetAll();
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  private void put(String name, String value) {
    direct.putParameter(p -> p.name(name).value(value).type(ParameterType.STRING).overwrite(true));
  }

  @Test
  void readsEveryFlagAndTheLevelInOneCallAndKeepsThemForTheTtl() {
    put("/brownout/shop/flags/checkout", "off");
    put("/brownout/shop/flags/live-prices", "on");
    put("/brownout/shop/level", "MINIMAL");

    FlagSnapshot first = flags.current();
    put("/brownout/shop/flags/checkout", "on");
    clock.advance(Duration.ofSeconds(29));
    FlagSnapshot cached = flags.current();
    clock.advance(Duration.ofSeconds(1));
    FlagSnapshot refreshed = flags.current();

    assertThat(first.isOn("checkout")).isFalse();
    assertThat(first.level()).isEqualTo(Level.MINIMAL);
    assertThat(first.readAt()).contains(T0);
    assertThat(cached).isEqualTo(first);
    assertThat(refreshed.isOn("checkout")).isTrue();
    assertThat(proxy.getAllServeEvents()).hasSize(2);
  }

  @Test
  void whenSsmFailsTheLastKnownValuesStayInForce() {
    put("/brownout/shop/flags/recommendations", "off");
    FlagSnapshot known = flags.current();
    breakSsm();

    clock.advance(Duration.ofMinutes(5));
    FlagSnapshot during = flags.current();

    assertThat(during).isEqualTo(known);
    assertThat(during.isOn("recommendations")).isFalse();
  }

  @Test
  void beforeAnythingWasReadTheCatalogDefaultsApplyAndFailedReadsAreNotRetriedOnEveryRequest() {
    breakSsm();

    FlagSnapshot first = flags.current();
    int callsAfterFirst = proxy.getAllServeEvents().size();
    flags.current();
    flags.current();

    assertThat(first).isEqualTo(FlagSnapshot.defaults(catalog));
    assertThat(proxy.getAllServeEvents()).hasSize(callsAfterFirst);

    proxyTo(MOTO.endpoint());
    put("/brownout/shop/flags/recommendations", "off");
    clock.advance(Duration.ofSeconds(5));
    assertThat(flags.current().isOn("recommendations")).isFalse();
  }

  @Test
  void aValueThatIsNotOnOrOffFallsBackToTheDefaultForThatFlagOnly() {
    put("/brownout/shop/flags/recommendations", "maybe");
    put("/brownout/shop/flags/checkout", "off");

    FlagSnapshot snapshot = flags.current();

    assertThat(snapshot.isOn("recommendations")).isTrue();
    assertThat(snapshot.isOn("checkout")).isFalse();
    assertThat(snapshot.problems())
        .containsExactly(
            "/brownout/shop/flags/recommendations is \"maybe\", expected on or off; using the default");
  }

  /** Jitter of zero, so the test knows when a refresh is due. */
  private static final class FixedRandom implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      return 0;
    }
  }
}
