package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.core.text.Hashes;
import dev.brownout.functions.adapters.dynamodb.DynamoDbAnswerTally;
import dev.brownout.functions.adapters.dynamodb.DynamoDbResponseCache;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusHistory;
import dev.brownout.functions.adapters.http.HttpUpstream;
import dev.brownout.functions.adapters.kms.KmsDataKeys;
import dev.brownout.functions.adapters.metrics.ApiMetrics;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.sqs.SqsRequestQueue;
import dev.brownout.functions.adapters.ssm.SsmFeatureFlags;
import dev.brownout.functions.api.AnswerCounter;
import dev.brownout.functions.api.ApiObserver;
import dev.brownout.functions.api.ApiRequest;
import dev.brownout.functions.api.ApiResponse;
import dev.brownout.functions.api.ApiService;
import dev.brownout.functions.api.Breakers;
import dev.brownout.functions.api.StatusEndpoint;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The API function behind API Gateway (REST, Lambda proxy): turns the proxy event into a request,
 * lets {@link ApiService} answer it, and shapes the proxy response. Everything is built once per
 * execution environment, in the constructor the runtime calls at init.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiService service;

  public ApiHandler() {
    this(ApiSettings.from(Environment.system()), Clock.systemUTC(), Breakers.OPEN_FOR_DEFAULT);
  }

  public ApiHandler(ApiSettings settings, Clock clock, java.time.Duration breakerOpenFor) {
    Catalog catalog = CatalogSource.load(settings.catalogLocation());
    // The cache, the status board and the queue are on a request's path: slower than this, they
    // count as down and the request goes on without them.
    DynamoDbClient dynamoDb =
        AwsClients.dynamoDb(settings.awsEndpoint(), ApiService.STORE_CALL_TIMEOUT);
    DynamoDbAnswerTally tally =
        new DynamoDbAnswerTally(
            AwsClients.dynamoDbWithoutRetries(
                settings.awsEndpoint(), ApiService.STORE_CALL_TIMEOUT),
            settings.statusTable());
    this.service =
        new ApiService(
            catalog,
            new SsmFeatureFlags(
                catalog,
                AwsClients.ssm(settings.awsEndpoint()),
                settings.flagsTtl(),
                clock,
                // Entropy drawn at each refresh, not at init: environments that SnapStart restored
                // from one snapshot would otherwise share a generator and refresh in step.
                () -> new SecureRandom().nextLong()),
            new HttpUpstream(HttpUpstream.defaultClient()),
            new DynamoDbResponseCache(dynamoDb, settings.cacheTable(), clock),
            queue(catalog, settings),
            new Breakers(clock, breakerOpenFor),
            new StatusEndpoint(
                catalog,
                new DynamoDbStatusBoard(dynamoDb, settings.statusTable()),
                new DynamoDbStatusHistory(dynamoDb, settings.statusTable()),
                tally,
                clock),
            ApiObserver.both(
                new ApiMetrics(MetricsNamespace.metrics(catalog, MetricsNamespace.API)),
                new AnswerCounter(tally, clock)),
            clock);
  }

  /** The queue of the {@code queue} fallback; a catalog that uses it without one is refused. */
  private static RequestQueue queue(Catalog catalog, ApiSettings settings) {
    if (catalog.hasQueueFallback() && settings.queueUrl().isEmpty()) {
      throw new IllegalStateException(
          "The api function is misconfigured: the catalog has a queue fallback but BROWNOUT_QUEUE_URL is not set");
    }
    if (settings.queueUrl().isPresent() && settings.credentialsKey().isEmpty()) {
      throw new IllegalStateException(
          "The api function is misconfigured: BROWNOUT_QUEUE_URL is set but BROWNOUT_CREDENTIALS_KEY"
              + " (the KMS key that seals queued credentials) is not");
    }
    return settings
        .queueUrl()
        .<RequestQueue>map(
            url ->
                new SqsRequestQueue(
                    AwsClients.sqs(settings.awsEndpoint(), ApiService.STORE_CALL_TIMEOUT),
                    url,
                    new CredentialSeal(
                        new KmsDataKeys(
                            AwsClients.kms(settings.awsEndpoint()),
                            settings.credentialsKey().orElseThrow()))))
        .orElse(
            request -> {
              throw new RequestQueue.QueueFailure(
                  RequestQueue.QueueFailure.Kind.UNAVAILABLE, "no queue is configured", null);
            });
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return PowertoolsLogging.withLogging(
        context, () -> shape(service.handle(request(event, context))));
  }

  static ApiRequest request(APIGatewayProxyRequestEvent event, Context context) {
    Map<String, String> headers = new HashMap<>();
    Optional.ofNullable(event.getMultiValueHeaders())
        .ifPresentOrElse(
            multi ->
                multi.forEach(
                    (name, values) ->
                        headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values))),
            () ->
                Optional.ofNullable(event.getHeaders())
                    .ifPresent(
                        single ->
                            single.forEach(
                                (name, value) ->
                                    headers.put(name.toLowerCase(Locale.ROOT), value))));
    Map<String, List<String>> query = new HashMap<>();
    Optional.ofNullable(event.getMultiValueQueryStringParameters())
        .ifPresentOrElse(
            query::putAll,
            () ->
                Optional.ofNullable(event.getQueryStringParameters())
                    .ifPresent(
                        single ->
                            single.forEach((name, value) -> query.put(name, List.of(value)))));
    String body = Optional.ofNullable(event.getBody()).orElse("");
    byte[] bytes =
        Boolean.TRUE.equals(event.getIsBase64Encoded())
            ? Base64.getMimeDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    return new ApiRequest(
        Optional.ofNullable(event.getHttpMethod()).orElse("GET").toUpperCase(Locale.ROOT),
        Optional.ofNullable(event.getPath()).orElse("/"),
        query,
        headers,
        bytes,
        context.getAwsRequestId(),
        budget(context),
        client(event));
  }

  /**
   * Who API Gateway's authorizer says sent the request: a Lambda authorizer's {@code principalId},
   * else a Cognito or JWT authorizer's {@code sub} claim, hashed (the ledger and the queue need
   * only to tell clients apart). Empty without an authorizer.
   */
  static Optional<String> client(APIGatewayProxyRequestEvent event) {
    Map<String, Object> authorizer =
        event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
    if (authorizer == null) {
      return Optional.empty();
    }
    Optional<String> identity =
        nonBlank(authorizer.get("principalId"))
            .map(id -> "principal " + id)
            .or(
                () ->
                    authorizer.get("claims") instanceof Map<?, ?> claims
                        ? nonBlank(claims.get("sub")).map(sub -> "sub " + sub)
                        : Optional.empty());
    return identity.map(Hashes::sha256);
  }

  private static Optional<String> nonBlank(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  /** API Gateway's limit, or less when the function itself has less time left. */
  static Duration budget(Context context) {
    Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minusSeconds(1);
    return left.compareTo(ApiRequest.MAX_BUDGET) < 0 ? left : ApiRequest.MAX_BUDGET;
  }

  static APIGatewayProxyResponseEvent shape(ApiResponse response) {
    String contentType =
        response.headers().entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("");
    boolean text =
        contentType.isEmpty()
            || contentType.startsWith("text/")
            || contentType.contains("json")
            || contentType.contains("xml");
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withIsBase64Encoded(!text)
        .withBody(
            text
                ? new String(response.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(response.body()));
  }
}
