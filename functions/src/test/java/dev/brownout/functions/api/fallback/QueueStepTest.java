package dev.brownout.functions.api.fallback;

import static dev.brownout.functions.api.ApiWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.functions.api.ApiRequest;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiWorld;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code queue} step through the API, with the primary down and an in-memory queue. */
class QueueStepTest {
  private final ApiWorld world = new ApiWorld();

  private ApiRequest write(Map<String, List<String>> query, Optional<String> client) {
    return new ApiRequest(
        "POST",
        "/orders",
        query,
        Map.of("content-type", "application/json", "idempotency-key", "order-1"),
        "{}".getBytes(StandardCharsets.UTF_8),
        "req-1",
        ApiRequest.MAX_BUDGET,
        client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"access_token", "Access_Token", "api_key", "X-Amz-Signature"})
  void aWriteWithACredentialInItsQueryIsRefusedWith400NotQueuedInClear(String parameter) {
    world.upstream.answers("/orders", 503, "text/plain", "busy");

    ApiResponse response =
        world.send(write(Map.of(parameter, List.of("s3cret")), Optional.empty()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(text(response))
        .contains("urn:brownout:problem:credential-in-query", "query (\\\"" + parameter + "\\\")")
        .doesNotContain("s3cret");
    assertThat(world.queue.queued()).isEmpty();
  }

  @Test
  void aWriteIsQueuedWithTheClientTheAuthorizerNamed() {
    world.upstream.answers("/orders", 503, "text/plain", "busy");

    ApiResponse response =
        world.send(write(Map.of("note", List.of("x")), Optional.of("hash-of-alice")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(world.queue.queued())
        .singleElement()
        .satisfies(q -> assertThat(q.client()).contains("hash-of-alice"));
  }
}
