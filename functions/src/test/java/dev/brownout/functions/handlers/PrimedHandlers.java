package dev.brownout.functions.handlers;

import dev.brownout.functions.testing.ShopCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The four functions' handlers as the priming tests build them: the shop's catalog, and every AWS
 * endpoint and upstream at {@code endpoint} (nowhere, or a socket that records connections).
 */
record PrimedHandlers(Path dir, String endpoint) {
  ApiHandler api() {
    return new ApiHandler(
        new ApiSettings(
            catalog("api"),
            "shop-status",
            "shop-cache",
            Optional.of(endpoint + "/000000000000/shop-replay"),
            Optional.of("arn:aws:kms:us-east-1:000000000000:key/priming"),
            Duration.ofSeconds(30),
            aws()),
        Clock.systemUTC(),
        Duration.ofSeconds(10));
  }

  HealthCheckHandler healthCheck() {
    return new HealthCheckHandler(
        new HealthCheckSettings(
            catalog("health-check"),
            "shop-status",
            Optional.of("arn:aws:states:us-east-1:000000000000:stateMachine:shop"),
            Duration.ofDays(7),
            Duration.ofSeconds(1),
            aws()),
        Clock.systemUTC());
  }

  EvaluatorHandler evaluator() {
    return new EvaluatorHandler(
        new EvaluatorSettings(catalog("evaluator"), "shop-status", aws()), Clock.systemUTC());
  }

  ReplayHandler replay() {
    return new ReplayHandler(
        new ReplaySettings(
            catalog("replay"),
            "shop-status",
            endpoint + "/000000000000/shop-dead-letters",
            "arn:aws:kms:us-east-1:000000000000:key/priming",
            5,
            aws()),
        Clock.systemUTC());
  }

  private Optional<URI> aws() {
    return Optional.of(URI.create(endpoint));
  }

  private String catalog(String function) {
    Path catalog = dir.resolve(function + ".yaml");
    try {
      Files.writeString(catalog, ShopCatalog.yaml(endpoint));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return catalog.toString();
  }
}
