package dev.brownout.functions.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.serving.PublicReasons;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the HTTP probe words is one the status endpoint knows, shown without the host. */
class HttpErrorsArePublicTest {
  private static final URI URL = URI.create("https://catalog.internal:8443/health");

  static Stream<Throwable> failures() {
    return Stream.of(
        new HttpConnectTimeoutException("connect timed out"),
        new HttpTimeoutException("request timed out"),
        new UnknownHostException("catalog.internal"),
        new SSLHandshakeException("PKIX path building failed"),
        new IOException("wrapped", new ConnectException("Connection refused")),
        new IOException("Connection reset by peer"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void theStatusEndpointShowsTheKindOfEveryHttpFailureButNeverItsHost(Throwable failure) {
    String error = HttpErrors.describe(URL, Duration.ofMillis(500), failure);

    assertThat(PublicReasons.ofCheckError(error))
        .isNotEqualTo(PublicReasons.UNKNOWN)
        .doesNotContain("catalog.internal", "8443");
  }
}
