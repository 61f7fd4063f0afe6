package dev.brownout.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cloud's fault switches over HTTP ({@code /_brownout/faults} on the edge), as {@code
 * ./brownout fault} uses them.
 *
 * <p>Failure behaviour: every method throws {@link IllegalStateException} with the edge's own
 * message when a switch is refused or the edge does not answer.
 */
final class FaultSwitches {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI edge;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FaultSwitches(URI edge) {
    this.edge = edge;
  }

  void set(String target, String fault) {
    call(
        HttpRequest.newBuilder(
                edge.resolve(
                    "/_brownout/faults/"
                        + URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20")))
            .POST(HttpRequest.BodyPublishers.ofString(fault)),
        "switching " + target + " " + fault);
  }

  /** Every target that is not {@code up}, mended. */
  void repairAll() {
    for (String name : broken()) {
      set(name, "up");
    }
  }

  List<String> broken() {
    JsonNode all =
        call(HttpRequest.newBuilder(edge.resolve("/_brownout/faults")).GET(), "reading the faults");
    List<String> broken = new ArrayList<>();
    all.path("faults")
        .forEach(
            f -> {
              if (!"up".equals(f.path("fault").asText())) {
                broken.add(f.path("name").asText());
              }
            });
    return broken;
  }

  private JsonNode call(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            what + " failed: " + response.statusCode() + " " + response.body().strip());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    }
  }
}
