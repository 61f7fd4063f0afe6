package dev.brownout.functions.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUpstreamTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade"
      })
  void aHopByHopHeaderIsLeftOut(String name) {
    assertThat(HttpUpstream.endToEnd(Map.of(name, "x", "x-request-id", "abc")))
        .isEqualTo(Map.of("x-request-id", "abc"));
  }

  @Test
  void everyHeaderTheConnectionHeaderNamesIsLeftOutWhateverItsCaseAndSpacing() {
    assertThat(
            HttpUpstream.endToEnd(
                Map.of(
                    "connection", "close,X-Hop ,  x-OTHER",
                    "x-hop", "1",
                    "x-other", "2",
                    "x-request-id", "abc")))
        .isEqualTo(Map.of("x-request-id", "abc"));
  }

  @Test
  void endToEndHeadersAreKept() {
    Map<String, String> headers =
        Map.of("content-type", "application/json", "cache-control", "max-age=60", "etag", "\"1\"");

    assertThat(HttpUpstream.endToEnd(headers)).isEqualTo(headers);
  }
}
