package dev.brownout.functions.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.functions.adapters.http.HttpProbe;
import dev.brownout.functions.testing.Dependencies;
import dev.brownout.functions.testing.RawHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeIT {
  private static final WireMockServer UPSTREAM = new WireMockServer(options().dynamicPort());
  private final HttpProbe probe = new HttpProbe(HttpProbe.defaultClient(), Clock.systemUTC());

  @BeforeAll
  static void start() {
    UPSTREAM.start();
  }

  @AfterAll
  static void stop() {
    UPSTREAM.stop();
  }

  @BeforeEach
  void reset() {
    UPSTREAM.resetAll();
  }

  private String url(String path) {
    return UPSTREAM.baseUrl() + path;
  }

  private CheckResult check(String path, Duration budget, String bodyMatch) {
    return probe.check(
        Dependencies.http("inventory", url(path), Duration.ofSeconds(1), budget, bodyMatch));
  }

  @Test
  void healthyUpstreamPasses() {
    UPSTREAM.stubFor(
        get("/health").willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}")));

    CheckResult result = check("/health", Duration.ofMillis(800), "\"status\"\\s*:\\s*\"UP\"");

    assertThat(result.success()).as(result.error().orElse("")).isTrue();
    assertThat(result.latency()).isPositive();
  }

  @Test
  void serverErrorFailsWithTheStatus() {
    UPSTREAM.stubFor(get("/health").willReturn(aResponse().withStatus(503)));

    assertThat(check("/health", null, null).error()).contains("status 503, expected 2xx");
  }

  @Test
  void answerSlowerThanTheBudgetFailsAsSlow() {
    UPSTREAM.stubFor(get("/health").willReturn(aResponse().withStatus(200).withFixedDelay(300)));

    assertThat(check("/health", Duration.ofMillis(100), null).error().orElseThrow())
        .startsWith("slow: answered in ")
        .endsWith("over the latency budget of 100ms");
  }

  @Test
  void hangingUpstreamTimesOut() {
    UPSTREAM.stubFor(get("/health").willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

    CheckResult result = check("/health", null, null);

    assertThat(result.error()).contains("timed out after 1s");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void connectionResetMidResponseFails() {
    UPSTREAM.stubFor(
        get("/health").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    CheckResult result = check("/health", null, null);

    assertThat(result.success()).isFalse();
    assertThat(result.error().orElseThrow())
        .startsWith("I/O error talking to localhost:" + UPSTREAM.port());
  }

  @Test
  void aBodyThatBreaksOffMidAnswerFailsEvenWithNothingToMatch() {
    UPSTREAM.stubFor(
        get("/health").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    assertThat(check("/health", null, null).error().orElseThrow())
        .startsWith("the connection broke while reading the answer");
  }

  @Test
  void garbageInsteadOfHttpFails() {
    UPSTREAM.stubFor(
        get("/health").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    assertThat(check("/health", null, null).success()).isFalse();
  }

  @Test
  void bodyThatIsNotUtf8FailsWhenTheBodyMustMatch() {
    UPSTREAM.stubFor(
        get("/health")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(new byte[] {(byte) 0xC3, (byte) 0x28, 'U', 'P'})));

    assertThat(check("/health", null, "UP").error()).contains("the body is not UTF-8 text");
  }

  @Test
  void bodyThatDoesNotMatchFails() {
    UPSTREAM.stubFor(
        get("/health").willReturn(aResponse().withStatus(200).withBody("{\"status\":\"DOWN\"}")));

    assertThat(check("/health", null, "\"UP\"").error())
        .contains("the body does not match /\"UP\"/");
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    CheckResult result =
        probe.check(Dependencies.http("inventory", "http://127.0.0.1:" + port + "/health"));

    assertThat(result.error()).contains("connection to 127.0.0.1:" + port + " refused");
  }

  @Test
  void unknownHostIsADnsFailure() {
    CheckResult result =
        probe.check(Dependencies.http("inventory", "http://no-such-host.invalid/health"));

    assertThat(result.error()).contains("DNS lookup failed for no-such-host.invalid");
  }

  @Test
  void tlsToAPlainHttpPortIsATlsFailure() {
    CheckResult result =
        probe.check(
            Dependencies.http("inventory", "https://127.0.0.1:" + UPSTREAM.port() + "/health"));

    assertThat(result.error().orElseThrow())
        .startsWith("TLS handshake with 127.0.0.1:" + UPSTREAM.port() + " failed");
  }

  @Test
  void aHealthAnswerWhoseBodyTricklesForeverTimesOutAtTheCheckTimeout() throws Exception {
    try (var server =
        new RawHttpServer(
            (in, out) -> {
              out.write(RawHttpServer.head("200 OK", "Transfer-Encoding: chunked"));
              // One byte every 50ms for far longer than the check's timeout of 1s.
              for (int i = 0; i < 160; i++) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(50);
              }
              out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            })) {

      CheckResult result =
          probe.check(
              Dependencies.http(
                  "inventory",
                  server.uri("/health").toString(),
                  Duration.ofSeconds(1),
                  null,
                  null));

      assertThat(result.error()).contains("timed out after 1s");
      assertThat(result.latency()).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aHugeHealthAnswerIsReadOnlyAsFarAsTheBodyMatchLooks() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes();
    try (var server =
        new RawHttpServer(
            (in, out) -> {
              out.write(RawHttpServer.head("200 OK", "Transfer-Encoding: chunked"));
              byte[] status = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
              out.write((Integer.toHexString(status.length) + "\r\n").getBytes());
              out.write(status);
              out.write("\r\n".getBytes());
              for (int sent = 0; sent < 64 * 1024 * 1024; sent += chunk.length) {
                out.write(chunkHead);
                out.write(chunk);
                out.write("\r\n".getBytes());
              }
              out.write("0\r\n\r\n".getBytes());
            })) {

      CheckResult result =
          probe.check(
              Dependencies.http(
                  "inventory",
                  server.uri("/health").toString(),
                  Duration.ofSeconds(2),
                  null,
                  "\"status\":\"UP\""));

      assertThat(result.success()).as(result.error().orElse("")).isTrue();
      assertThat(server.answerEndedWithin(Duration.ofSeconds(5))).isTrue();
      assertThat(server.bytesWritten()).isLessThan(32L * 1024 * 1024);
    }
  }
}
