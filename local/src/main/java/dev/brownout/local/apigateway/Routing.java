package dev.brownout.local.apigateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where {@link ResourceRouter} sent a request: a resource's method, or nowhere. */
public sealed interface Routing {

  /**
   * The request goes to {@code method} of {@code resource}.
   *
   * @param pathParameters the values of the resource's {@code {parameters}} by name, in path order,
   *     still percent-encoded as API Gateway passes them; empty for a path without parameters
   */
  record Matched(ApiResource resource, ApiMethod method, Map<String, String> pathParameters)
      implements Routing {
    public Matched {
      pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }
  }

  /**
   * No deployed resource and method serve the request. API Gateway answers {@code 403
   * {"message":"Missing Authentication Token"}} for an unknown path and for a known path without
   * the method alike: {@link #answer(RequestStamp)}.
   *
   * @param reason what did not match, for the log
   */
  record NotFound(String reason) implements Routing {
    public ApiAnswer answer(RequestStamp stamp) {
      return ApiAnswer.missingAuthenticationToken(stamp, reason);
    }
  }
}
