package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.functions.testing.ShopCatalog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's clients are built at the first queued write, but its settings are checked at init.
 */
class ApiHandlerQueueSettingsTest {
  @TempDir Path dir;

  private ApiHandler handler(Optional<String> queueUrl, Optional<String> credentialsKey)
      throws IOException {
    Path catalog = dir.resolve("shop.yaml");
    Files.writeString(catalog, ShopCatalog.yaml("http://127.0.0.1:9"));
    return new ApiHandler(
        new ApiSettings(
            catalog.toString(),
            "shop-status",
            "shop-cache",
            queueUrl,
            credentialsKey,
            Duration.ofSeconds(30),
            Optional.of(URI.create("http://127.0.0.1:9"))),
        Clock.systemUTC(),
        Duration.ofSeconds(10));
  }

  @Test
  void aCatalogWithAQueueFallbackButNoQueueFailsAtInit() {
    assertThatThrownBy(() -> handler(Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the catalog has a queue fallback but BROWNOUT_QUEUE_URL is not set");
  }

  @Test
  void aQueueWithoutTheKeyThatSealsItsCredentialsFailsAtInit() {
    assertThatThrownBy(
            () ->
                handler(
                    Optional.of("http://127.0.0.1:9/000000000000/shop-replay"), Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BROWNOUT_QUEUE_URL is set but BROWNOUT_CREDENTIALS_KEY");
  }
}
