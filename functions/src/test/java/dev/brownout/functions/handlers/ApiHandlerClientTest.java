package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.brownout.core.text.Hashes;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who sent a request, as API Gateway's authorizer says in the proxy event. */
class ApiHandlerClientTest {

  private static APIGatewayProxyRequestEvent authorizedBy(Map<String, Object> authorizer) {
    var context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAuthorizer(authorizer);
    return new APIGatewayProxyRequestEvent().withRequestContext(context);
  }

  @Test
  void aLambdaAuthorizersPrincipalIsTheClientHashed() {
    assertThat(ApiHandler.client(authorizedBy(Map.of("principalId", "user-7", "scope", "x"))))
        .contains(Hashes.sha256("principal user-7"));
  }

  @Test
  void aCognitoOrJwtAuthorizersSubClaimIsTheClientHashed() {
    assertThat(
            ApiHandler.client(
                authorizedBy(Map.of("claims", Map.of("sub", "3f1c-aa", "email", "a@b.c")))))
        .contains(Hashes.sha256("sub 3f1c-aa"));
  }

  @Test
  void theClientStaysTheSameWhenItsTokenIsRefreshed() {
    APIGatewayProxyRequestEvent first =
        authorizedBy(Map.of("principalId", "user-7")).withHeaders(Map.of("Authorization", "a"));
    APIGatewayProxyRequestEvent refreshed =
        authorizedBy(Map.of("principalId", "user-7")).withHeaders(Map.of("Authorization", "b"));

    assertThat(ApiHandler.client(first)).isEqualTo(ApiHandler.client(refreshed));
  }

  @Test
  void aRequestWithoutAnAuthorizerOrWithABlankPrincipalHasNoClient() {
    assertThat(ApiHandler.client(new APIGatewayProxyRequestEvent())).isEmpty();
    assertThat(
            ApiHandler.client(
                new APIGatewayProxyRequestEvent()
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext())))
        .isEmpty();
    assertThat(ApiHandler.client(authorizedBy(Map.of("principalId", " "))))
        .isEqualTo(Optional.empty());
  }
}
