package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a team gets from {@link BrownoutProps#builder()}: defaults, and errors that say what. */
class BrownoutPropsTest {
  private static final Path FILE = Path.of("..", "brownout.yaml");
  private static final Catalog CATALOG = CatalogLoader.load(FILE);

  private static BrownoutProps.Builder complete() {
    return BrownoutProps.builder().catalog(CATALOG, FILE).functionsJar(Path.of("functions.jar"));
  }

  @Test
  void theCatalogAndTheJarAreEnoughAndTheRestTakesTheDefaults() {
    BrownoutProps props = complete().build();

    assertThat(props.apiRateLimit()).isEqualTo(BrownoutProps.DEFAULT_API_RATE_LIMIT);
    assertThat(props.apiBurstLimit()).isEqualTo(BrownoutProps.DEFAULT_API_BURST_LIMIT);
    assertThat(props.logRetentionDays()).isEqualTo(BrownoutProps.DEFAULT_LOG_RETENTION_DAYS);
    assertThat(props.statusEndpointAccess())
        .isEqualTo(BrownoutProps.DEFAULT_STATUS_ENDPOINT_ACCESS);
    assertThat(props.snapStart()).isTrue();
  }

  @Test
  void aMissingCatalogOrJarIsNamedWithHowToGiveIt() {
    assertThatThrownBy(() -> BrownoutProps.builder().functionsJar(Path.of("f.jar")).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "BrownoutProps.catalog is required: give catalogFile(path) or catalog(catalog, file)");
    assertThatThrownBy(() -> BrownoutProps.builder().catalog(CATALOG, FILE).build())
        .hasMessage("BrownoutProps.functionsJar is required");
  }

  @Test
  void aRetentionCloudWatchLogsDoesNotOfferIsRefusedAtBuildQuotingIt() {
    assertThatThrownBy(() -> complete().logRetentionDays(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log retention must be 1, 3, 5, 7, 14, 30, 60, 90, 180 or 365 days, got 10");
  }

  @Test
  void nonPositiveApiLimitsAreRefusedQuotingBoth() {
    assertThatThrownBy(() -> complete().apiLimits(0, 50).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API limits must be positive, got rate 0 and burst 50");
  }
}
