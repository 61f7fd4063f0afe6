package dev.brownout.functions.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.ports.UpstreamClient.Call;
import dev.brownout.core.ports.UpstreamClient.UpstreamFailure;
import dev.brownout.functions.adapters.http.HttpUpstream;
import dev.brownout.functions.testing.RawHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUpstreamIT {
  private static final int MIB = 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final WireMockServer UPSTREAM = new WireMockServer(options().dynamicPort());

  private final HttpUpstream upstream = new HttpUpstream(HttpUpstream.defaultClient());

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

  private static Call get(URI url, Map<String, String> headers) {
    return new Call("GET", url, headers, new byte[0], TIMEOUT);
  }

  private static URI url(String path) {
    return URI.create(UPSTREAM.baseUrl() + path);
  }

  @Test
  void aHugeBodyIsCutOffAtTheLimitInsteadOfBeingBufferedWhole() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes();
    try (var server =
        new RawHttpServer(
            (in, out) -> {
              out.write(
                  RawHttpServer.head(
                      "200 OK",
                      "Content-Type: application/octet-stream",
                      "Transfer-Encoding: chunked"));
              // 64 MiB, the answer a fast upstream sends a function that has 1 GB of memory.
              for (int sent = 0; sent < 64 * MIB; sent += chunk.length) {
                out.write(chunkHead);
                out.write(chunk);
                out.write("\r\n".getBytes());
              }
              out.write("0\r\n\r\n".getBytes());
            })) {

      assertThatThrownBy(() -> upstream.call(get(server.uri("/big"), Map.of())))
          .isInstanceOf(UpstreamFailure.class)
          .hasMessage("the answer is larger than 5242880 bytes");
      assertThat(server.answerEndedWithin(TIMEOUT)).isTrue();
      // The client stopped reading: the server could only fill the socket buffers past the limit.
      assertThat(server.bytesWritten()).isLessThan(32L * MIB);
    }
  }

  @Test
  void aContentLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
    try (var server =
        new RawHttpServer(
            (in, out) -> {
              out.write(RawHttpServer.head("200 OK", "Content-Length: 1073741824"));
              out.flush();
              // The body never comes: only a client that does not wait for it sees the end.
              while (in.read() >= 0) {
                // wait for the client to close the connection
              }
            })) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> upstream.call(get(server.uri("/big"), Map.of())))
          .isInstanceOf(UpstreamFailure.class)
          .hasMessage(
              "the answer declares 1073741824 bytes (Content-Length), over the limit of 5242880"
                  + " bytes");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
      assertThat(server.answerEndedWithin(TIMEOUT)).isTrue();
    }
  }

  @Test
  void aHeadAnswerDeclaringAHugeBodyIsReturnedForItSendsNone() throws Exception {
    try (var server =
        new RawHttpServer(
            (in, out) -> out.write(RawHttpServer.head("200 OK", "Content-Length: 1073741824")))) {

      Answer answer =
          upstream.call(new Call("HEAD", server.uri("/big"), Map.of(), new byte[0], TIMEOUT));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).containsEntry("content-length", "1073741824");
    }
  }

  @Test
  void aBodyExactlyAtTheLimitIsReturnedWhole() throws Exception {
    UPSTREAM.stubFor(
        any(urlPathEqualTo("/full"))
            .willReturn(aResponse().withStatus(200).withBody(new byte[5 * MIB])));

    assertThat(upstream.call(get(url("/full"), Map.of())).body()).hasSize(5 * MIB);
  }

  @Test
  void aContentTypeTheClientDoesNotAcceptIsReturnedNotCountedAsAFailure() throws Exception {
    UPSTREAM.stubFor(
        any(urlPathEqualTo("/products/1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":1}")));

    Answer answer = upstream.call(get(url("/products/1"), Map.of("accept", "image/png")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("content-type", "application/json");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void aWriteAnsweredWithMalformedJsonIsReturnedBecauseTheWriteWasApplied(String method)
      throws Exception {
    UPSTREAM.stubFor(
        any(urlPathEqualTo("/orders"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\": 5, trunc")));

    Answer answer =
        upstream.call(
            new Call(method, url("/orders"), Map.of(), "{\"sku\":1}".getBytes(), TIMEOUT));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 5, trunc");
  }

  @Test
  void aReadAnsweredWithMalformedJsonIsAFailure() {
    UPSTREAM.stubFor(
        any(urlPathEqualTo("/products/5"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"id\": 5, trunc")));

    assertThatThrownBy(() -> upstream.call(get(url("/products/5"), Map.of())))
        .isInstanceOf(UpstreamFailure.class)
        .hasMessage("answered application/problem+json that is not well-formed JSON");
  }

  @Test
  void hopByHopHeadersOfTheAnswerAreNotReturned() throws Exception {
    byte[] body = "{}".getBytes();
    try (var server =
        new RawHttpServer(
            (in, out) -> {
              out.write(
                  RawHttpServer.head(
                      "200 OK",
                      "Content-Type: application/json",
                      "Connection: keep-alive, X-Upstream-Hop",
                      "connection: X-Other-Hop",
                      "Keep-Alive: timeout=5",
                      "Proxy-Authenticate: Basic realm=\"upstream\"",
                      "Proxy-Connection: keep-alive",
                      "TE: trailers",
                      "Trailer: X-Checksum",
                      "Upgrade: h2c",
                      "X-Upstream-Hop: secret",
                      "X-Other-Hop: also",
                      "X-Request-Id: abc",
                      "Transfer-Encoding: chunked"));
              out.write(("2\r\n" + new String(body) + "\r\n0\r\n\r\n").getBytes());
              out.flush();
            })) {

      Answer answer = upstream.call(get(server.uri("/hop"), Map.of()));

      assertThat(answer.headers())
          .containsEntry("content-type", "application/json")
          .containsEntry("x-request-id", "abc")
          .doesNotContainKeys(
              "connection",
              "keep-alive",
              "proxy-authenticate",
              "proxy-connection",
              "te",
              "trailer",
              "upgrade",
              "transfer-encoding",
              "x-upstream-hop",
              "x-other-hop");
      assertThat(answer.body()).isEqualTo(body);
    }
  }

  @Test
  void hopByHopHeadersOfTheClientAreNotForwarded() throws Exception {
    UPSTREAM.stubFor(any(urlPathEqualTo("/products/1")).willReturn(aResponse().withStatus(200)));

    upstream.call(
        get(
            url("/products/1"),
            Map.of(
                "keep-alive", "timeout=5",
                "proxy-authorization", "Basic c2VjcmV0",
                "te", "trailers",
                "trailer", "X-Checksum",
                "x-client-hop", "secret",
                "connection", "X-Client-Hop",
                "x-request-id", "abc")));

    UPSTREAM.verify(
        getRequestedFor(urlPathEqualTo("/products/1"))
            .withHeader("x-request-id", equalTo("abc"))
            .withHeader("keep-alive", absent())
            .withHeader("proxy-authorization", absent())
            .withHeader("te", absent())
            .withHeader("trailer", absent())
            .withHeader("x-client-hop", absent()));
  }
}
