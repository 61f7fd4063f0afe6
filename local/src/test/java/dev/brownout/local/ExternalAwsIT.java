package dev.brownout.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.testing.TestFunctions;
import dev.brownout.local.testing.TestMoto;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AWS_ENDPOINT_URL=<an emulator the user runs> ./brownout up}: the app is deployed into that
 * emulator, no moto of the local cloud's own is started, the edge runs what the emulator lacks, and
 * {@code down} leaves the user's emulator running. The emulator here is a moto started by the test.
 */
class ExternalAwsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();
  private static final Path LOG = Path.of("target", "external-aws-it.log").toAbsolutePath();
  private final HttpClient http = HttpClient.newHttpClient();
  private Process up;

  @AfterEach
  void down() throws Exception {
    new ProcessBuilder(ROOT.resolve("brownout").toString(), "down")
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(1, TimeUnit.MINUTES);
    if (up != null) {
      up.destroyForcibly();
    }
  }

  @Test
  void upDeploysIntoTheUsersEmulatorStartsNoMotoOfItsOwnAndDownLeavesTheEmulatorRunning()
      throws Exception {
    TestMoto.reset();
    ProcessBuilder builder =
        new ProcessBuilder(ROOT.resolve("brownout").toString(), "up")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile());
    builder.environment().put("AWS_ENDPOINT_URL", TestMoto.endpoint().toString());
    up = builder.start();
    awaitReady();

    HttpResponse<String> product =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:3000/products/2"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(product.statusCode()).isEqualTo(200);
    assertThat(product.headers().firstValue("X-Served-From")).contains("primary");
    // deployed into the user's emulator, read there directly
    assertThat(TestFunctions.lambda().listFunctions().functions()).hasSize(4);
    var health =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:4566/_brownout/health"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(health.path("aws").path("endpoint").asText())
        .isEqualTo(TestMoto.endpoint().toString());
    assertThat(Files.readString(LOG)).doesNotContain("starting moto");

    Process down =
        new ProcessBuilder(ROOT.resolve("brownout").toString(), "down")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(down.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(TestMoto.get().isAlive()).isTrue();
    assertThat(TestFunctions.lambda().listFunctions().functions()).hasSize(4);
    for (int port : List.of(4566, 3000, 8081, 8085)) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        throw new AssertionError("port " + port + " is still taken after down", e);
      }
    }
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(LOG)
          && Files.readAllLines(LOG).stream().anyMatch(l -> l.startsWith("brownout | ready in"))) {
        return;
      }
      if (!up.isAlive()) {
        throw new AssertionError("./brownout up ended; see " + LOG);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not ready within 5 minutes; see " + LOG);
  }
}
