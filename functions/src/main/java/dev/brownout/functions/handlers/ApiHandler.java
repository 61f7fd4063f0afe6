package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.UpstreamClient;
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
import dev.brownout.functions.config.AwsClients.Transport;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.config.Lazy;
import dev.brownout.functions.handlers.priming.InProcessAws;
import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.handlers.priming.RuntimeJson;
import dev.brownout.functions.handlers.priming.SnapStartHooks;
import dev.brownout.functions.handlers.priming.StandInAnswers;
import dev.brownout.functions.handlers.priming.StandInUpstream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The API function behind API Gateway (REST, Lambda proxy): turns the proxy event into a request,
 * lets {@link ApiService} answer it, and shapes the proxy response. Everything is built once per
 * execution environment, in the constructor the runtime calls at init, except the queue's clients,
 * which only a queued write needs. With SnapStart, {@link #prime} runs the request path before the
 * snapshot.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private static final RequestQueue NO_QUEUE =
      request -> {
        throw new RequestQueue.QueueFailure(
            RequestQueue.QueueFailure.Kind.UNAVAILABLE, "no queue is configured", null);
      };

  /** Priming's observer: its answers are nobody's, so no metric and no tally. */
  private static final ApiObserver DISCARD =
      (route, servedFrom, status, primaryLatency, breakerOpen, refused) -> {};

  private final Catalog catalog;
  private final ApiSettings settings;
  private final Clock clock;
  private final Duration breakerOpenFor;
  private final Optional<Lazy<RequestQueue>> queue;
  private final ApiService service;

  // Held for as long as the handler lives: CRaC's global context keeps only a weak reference.
  private final SnapStartHooks hooks;

  public ApiHandler() {
    this(ApiSettings.from(Environment.system()), Clock.systemUTC(), Breakers.OPEN_FOR_DEFAULT);
  }

  public ApiHandler(ApiSettings settings, Clock clock, Duration breakerOpenFor) {
    this.catalog = CatalogSource.load(settings.catalogLocation());
    this.settings = settings;
    this.clock = clock;
    this.breakerOpenFor = breakerOpenFor;
    checkQueue(catalog, settings);
    Transport aws = Transport.aws(settings.awsEndpoint());
    // SQS and KMS serve only the queue fallback of write routes: built at the first queued write
    // (or by the priming, into the SnapStart snapshot), not at init.
    this.queue = settings.queueUrl().map(url -> new Lazy<>(() -> sqsQueue(url, aws)));
    // The cache, the status board and the queue are on a request's path: slower than this, they
    // count as down and the request goes on without them.
    this.service =
        service(
            AwsClients.dynamoDb(aws, ApiService.STORE_CALL_TIMEOUT),
            AwsClients.dynamoDbWithoutRetries(aws, ApiService.STORE_CALL_TIMEOUT),
            AwsClients.ssm(aws),
            queue
                .<RequestQueue>map(lazy -> request -> lazy.get().enqueue(request))
                .orElse(NO_QUEUE),
            new HttpUpstream(HttpUpstream.defaultClient()),
            tally ->
                ApiObserver.both(
                    new ApiMetrics(MetricsNamespace.metrics(catalog, MetricsNamespace.API)),
                    new AnswerCounter(tally, clock)));
    // Nothing to make fresh after a restore: the priming used instances of its own, so the
    // handler's state is as init left it. No flag was read (the first request reads SSM and draws
    // its refresh jitter then), no answer counted, no breaker moved, no data key generated (the
    // first queued write generates this environment's own), no connection opened (the SDK
    // clients and the upstream's HttpClient have sent nothing, so their pools are empty), and the
    // SDK resolves its credentials at its first call.
    this.hooks = SnapStartHooks.priming(this::prime);
  }

  /** A catalog with a queue fallback needs the queue and the key that seals its credentials. */
  private static void checkQueue(Catalog catalog, ApiSettings settings) {
    if (catalog.hasQueueFallback() && settings.queueUrl().isEmpty()) {
      throw new IllegalStateException(
          "The api function is misconfigured: the catalog has a queue fallback but BROWNOUT_QUEUE_URL is not set");
    }
    if (settings.queueUrl().isPresent() && settings.credentialsKey().isEmpty()) {
      throw new IllegalStateException(
          "The api function is misconfigured: BROWNOUT_QUEUE_URL is set but BROWNOUT_CREDENTIALS_KEY"
              + " (the KMS key that seals queued credentials) is not");
    }
  }

  /** The queue of the {@code queue} fallback. */
  private RequestQueue sqsQueue(String url, Transport aws) {
    return new SqsRequestQueue(
        AwsClients.sqs(aws, ApiService.STORE_CALL_TIMEOUT),
        url,
        new CredentialSeal(
            new KmsDataKeys(AwsClients.kms(aws), settings.credentialsKey().orElseThrow())));
  }

  private ApiService service(
      DynamoDbClient dynamoDb,
      DynamoDbClient tallyDb,
      SsmClient ssm,
      RequestQueue queue,
      UpstreamClient upstream,
      Function<AnswerTally, ApiObserver> observer) {
    DynamoDbAnswerTally tally = new DynamoDbAnswerTally(tallyDb, settings.statusTable());
    return new ApiService(
        catalog,
        new SsmFeatureFlags(
            catalog,
            ssm,
            settings.flagsTtl(),
            clock,
            // Entropy drawn at each refresh, not at init: environments that SnapStart restored
            // from one snapshot would otherwise share a generator and refresh in step.
            () -> new SecureRandom().nextLong()),
        upstream,
        new DynamoDbResponseCache(dynamoDb, settings.cacheTable(), clock),
        queue,
        new Breakers(clock, breakerOpenFor),
        new StatusEndpoint(
            catalog,
            new DynamoDbStatusBoard(dynamoDb, settings.statusTable()),
            new DynamoDbStatusHistory(dynamoDb, settings.statusTable()),
            tally,
            clock),
        observer.apply(tally),
        clock);
  }

  /**
   * What the API function did before the SnapStart snapshot: the stand-ins' records and the answers
   * it shaped, for tests.
   *
   * @param statuses the status of every priming answer, in order
   */
  record Primed(List<String> awsOperations, int upstreamCalls, List<Integer> statuses) {}

  /**
   * SnapStart's {@code beforeCheckpoint}: runs every route's request path once with its upstream up
   * and once with it down (the fallback chain), and both status endpoints, end to end as the
   * runtime would (the bundled API Gateway event read and each answer written by the runtime's
   * serialisers, the event shaped into a request and the answer into a proxy response), against
   * in-process stand-ins: SDK clients of their own over {@link InProcessAws}, {@link
   * StandInUpstream} for every upstream, an observer that discards. Nothing leaves the process and
   * nothing of the handler's own state changes. (A queued write runs its whole path, sealing
   * included, up to the SDK's MD5 check of SQS's answer, which the stand-in does not compute: it
   * then answers as when SQS is down.) Then it builds the queue's clients, so the snapshot holds
   * them.
   */
  Primed prime() {
    InProcessAws aws = new InProcessAws(StandInAnswers.of(catalog));
    Transport standIn = Transport.standIn(aws);
    StandInUpstream upstream = new StandInUpstream();
    List<Integer> statuses = new ArrayList<>();
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(standIn, ApiService.STORE_CALL_TIMEOUT);
        DynamoDbClient tallyDb =
            AwsClients.dynamoDbWithoutRetries(standIn, ApiService.STORE_CALL_TIMEOUT);
        SsmClient ssm = AwsClients.ssm(standIn)) {
      ApiService primer =
          service(
              dynamoDb,
              tallyDb,
              ssm,
              settings.queueUrl().map(url -> sqsQueue(url, standIn)).orElse(NO_QUEUE),
              upstream,
              tally -> DISCARD);
      Context context = new PrimingContext("api");
      List<APIGatewayProxyRequestEvent> requests = new ArrayList<>();
      catalog.routes().forEach(route -> requests.add(sample(route.method(), path(route))));
      for (String up : List.of("up", "down")) {
        PrimingContext.label();
        LOG.info(
            "Priming before the SnapStart snapshot, upstreams {}: {} requests, answered by"
                + " in-process stand-ins, nothing sent",
            up,
            requests.size());
        for (APIGatewayProxyRequestEvent request : requests) {
          statuses.add(answerAsTheRuntime(primer, request, context));
        }
        upstream.down();
      }
      statuses.add(answerAsTheRuntime(primer, sample("GET", StatusPaths.STATUS), context));
      statuses.add(answerAsTheRuntime(primer, sample("GET", StatusPaths.PAGE), context));
    }
    queue.ifPresent(Lazy::get);
    return new Primed(aws.operations(), upstream.calls(), statuses);
  }

  private static int answerAsTheRuntime(
      ApiService primer, APIGatewayProxyRequestEvent request, Context context) {
    APIGatewayProxyResponseEvent response = answer(primer, request, context);
    RuntimeJson.answer(response, APIGatewayProxyResponseEvent.class);
    return response.getStatusCode();
  }

  /** The bundled API Gateway event, as the runtime reads it, made a request to {@code path}. */
  private static APIGatewayProxyRequestEvent sample(String method, String path) {
    APIGatewayProxyRequestEvent event =
        RuntimeJson.event("api-event.json", APIGatewayProxyRequestEvent.class);
    event.setHttpMethod(method);
    event.setPath(path);
    if (Route.WRITE_METHODS.contains(method)) {
      event.getMultiValueHeaders().put("Content-Type", List.of("application/json"));
      event.getMultiValueHeaders().put("Idempotency-Key", List.of(PrimingContext.REQUEST_ID));
      // A credential, so a queued write is sealed as a client's would be.
      event
          .getMultiValueHeaders()
          .put("Authorization", List.of("Bearer " + PrimingContext.REQUEST_ID));
      event.setBody("{}");
    }
    return event;
  }

  /** A path the route matches: each parameter filled in. */
  private static String path(Route route) {
    return "/"
        + route.path().segments().stream()
            .map(segment -> segment.startsWith("{") ? "1" : segment)
            .collect(Collectors.joining("/"));
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return answer(service, event, context);
  }

  private static APIGatewayProxyResponseEvent answer(
      ApiService service, APIGatewayProxyRequestEvent event, Context context) {
    return PowertoolsLogging.withLogging(
        context, () -> shape(service.handle(request(event, context))));
  }

  SnapStartHooks snapStartHooks() {
    return hooks;
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
