package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.infra.StatusEndpointAccess;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The data plane: the API function behind a REST API (Lambda proxy, one method per catalog route
 * and {@code GET /_brownout/status} and the status page {@code GET /_brownout/}, which need IAM
 * authorization unless the props make them public), and, only when a route has a {@code queue}
 * fallback step, an encrypted queue, the replay function that drains it, a dead-letter queue and
 * the KMS key that seals the credentials of queued writes.
 *
 * <p>The API function answers within API Gateway's 29 s: its timeout is 29 s, and 1024 MB buys the
 * CPU that keeps the request path short. The replay function delivers one small batch at a time:
 * 512 MB, 60 s; its queue's visibility timeout is six times that, as Lambda advises.
 */
public final class Api extends Construct {
  /**
   * Receives of a replay message before SQS moves it to the dead-letter queue without a reason: a
   * write waiting for its dependency comes back every visibility timeout (6 min), so 1000 receives
   * are about four days, within the 14 days SQS keeps it. The replay function reads this number
   * ({@code BROWNOUT_REPLAY_MAX_RECEIVES}) and dead-letters a write itself, with the reason, one
   * receive before.
   */
  static final int MAX_RECEIVES = 1000;

  /** The largest message SQS takes; the API function checks a queued write against it. */
  static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  /** Requests a second to the status page and the JSON status, each, over every client. */
  public static final int STATUS_RATE_LIMIT = 5;

  public static final int STATUS_BURST_LIMIT = 10;

  private final RestApi restApi;
  private final Method statusMethod;
  private final Method pageMethod;
  private final FunctionPackage.Deployed api;
  private final Optional<QueuedWrites> queued;
  private final Optional<FunctionPackage.Deployed> replay;

  /** The queue of writes, its dead-letter queue and the key that seals their credentials. */
  private record QueuedWrites(Queue queue, Queue deadLetters, Key credentialsKey) {}

  public Api(Construct scope, String id, ApiProps props) {
    super(scope, id);
    Catalog catalog = props.catalog();
    FunctionPackage functions = props.functions();
    Storage storage = props.storage();
    // Only a catalog with a queue step has writes to queue; without one the API function needs
    // neither the queue nor the key, and nothing is there to replay.
    queued = catalog.hasQueueFallback() ? Optional.of(queuedWrites(catalog)) : Optional.empty();

    Map<String, String> apiEnv = new HashMap<>();
    apiEnv.put(FunctionEnvironment.STATUS_TABLE, storage.status().getTableName());
    apiEnv.put(FunctionEnvironment.CACHE_TABLE, storage.cache().getTableName());
    queued.ifPresent(
        q -> {
          apiEnv.put(FunctionEnvironment.QUEUE_URL, q.queue().getQueueUrl());
          apiEnv.put(FunctionEnvironment.CREDENTIALS_KEY, q.credentialsKey().getKeyArn());
        });
    api = functions.function(this, "Api", Handlers.API, 1024, Duration.seconds(29), apiEnv);
    storage.grantStatusBoardRead(api.function());
    storage.grantStatusPage(
        api.function(), catalog.dependencies().stream().map(d -> d.name()).toList());
    // DynamoDbResponseCache reads and writes one item at a time, and nothing else.
    storage.cache().grant(api.function(), "dynamodb:GetItem", "dynamodb:PutItem");
    props.parameters().grantRead(api.function());
    queued.ifPresent(
        q -> {
          q.queue().grantSendMessages(api.function());
          q.credentialsKey().grant(api.function(), "kms:GenerateDataKey");
        });
    replay = queued.map(q -> replay(functions, storage, q));

    LogGroup accessLogs = FunctionPackage.logGroup(this, "AccessLogs", props.logRetentionDays());
    RestApi.Builder restApiBuilder =
        RestApi.Builder.create(this, "RestApi").cloudWatchRole(props.cloudWatchRole());
    if (props.cloudWatchRole()) {
      // API Gateway's CloudWatch role is one per account and region: kept when this stack goes,
      // since another app's stack may rely on it.
      restApiBuilder.cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN);
    }
    restApi =
        restApiBuilder
            .restApiName("brownout-" + catalog.app())
            .description("Brownout API of " + catalog.app())
            // Answers that are not text reach the client as bytes, not as base64.
            .binaryMediaTypes(java.util.List.of("*/*"))
            .deployOptions(
                StageOptions.builder()
                    .stageName("prod")
                    .throttlingRateLimit(props.rateLimit())
                    .throttlingBurstLimit(props.burstLimit())
                    .methodOptions(statusThrottle())
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                    .loggingLevel(MethodLoggingLevel.ERROR)
                    .metricsEnabled(true)
                    .tracingEnabled(true)
                    .build())
            .build();
    LambdaIntegration integration = new LambdaIntegration(api.target());
    // No request validator: the function checks each request itself and answers a problem that
    // says what is wrong (path parameters, body size, JSON, headers). API Gateway's would have
    // nothing to check: a path parameter is there whenever its resource matched, and a body model
    // could at best repeat "is JSON", with a vaguer answer and only on AWS.
    List<Method> routeMethods = new ArrayList<>();
    for (Route route : catalog.routes()) {
      routeMethods.add(
          restApi
              .getRoot()
              .resourceForPath(route.path().toString())
              .addMethod(route.method(), integration));
    }
    // The JSON status and the page show the same: one access for both.
    MethodOptions statusOptions =
        MethodOptions.builder()
            .authorizationType(
                props.statusAccess() == StatusEndpointAccess.IAM
                    ? AuthorizationType.IAM
                    : AuthorizationType.NONE)
            .build();
    statusMethod =
        restApi
            .getRoot()
            .resourceForPath(StatusPaths.STATUS)
            .addMethod("GET", integration, statusOptions);
    // API Gateway serves /_brownout/ from the /_brownout resource.
    pageMethod =
        restApi
            .getRoot()
            .resourceForPath(StatusPaths.PREFIX)
            .addMethod("GET", integration, statusOptions);
    suppressNagFindings(routeMethods);
  }

  /** The queue of the {@code queue} fallback, its dead-letter queue and the credentials key. */
  private QueuedWrites queuedWrites(Catalog catalog) {
    Queue deadLetters =
        Queue.Builder.create(this, "ReplayDeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .maxMessageSizeBytes(MAX_MESSAGE_BYTES)
            .build();
    // Seals the credential of a queued write (envelope encryption): the API function only
    // generates data keys, the replay function only decrypts them.
    Key credentialsKey =
        Key.Builder.create(this, "QueuedCredentialsKey")
            .description("Brownout " + catalog.app() + ": seals the credentials of queued writes")
            .enableKeyRotation(true)
            // It goes with the stack, as do the queues whose messages it sealed.
            .removalPolicy(RemovalPolicy.DESTROY)
            .pendingWindow(Duration.days(14))
            .build();
    Queue replayQueue =
        Queue.Builder.create(this, "ReplayQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .maxMessageSizeBytes(MAX_MESSAGE_BYTES)
            .visibilityTimeout(Duration.seconds(360))
            .deadLetterQueue(
                DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
            .build();
    return new QueuedWrites(replayQueue, deadLetters, credentialsKey);
  }

  /** The function that replays queued writes, fed by their queue. */
  private FunctionPackage.Deployed replay(
      FunctionPackage functions, Storage storage, QueuedWrites queued) {
    FunctionPackage.Deployed replay =
        functions.function(
            this,
            "Replay",
            Handlers.REPLAY,
            512,
            Duration.seconds(60),
            Map.of(
                FunctionEnvironment.STATUS_TABLE, storage.status().getTableName(),
                FunctionEnvironment.DEAD_LETTER_QUEUE_URL, queued.deadLetters().getQueueUrl(),
                FunctionEnvironment.CREDENTIALS_KEY, queued.credentialsKey().getKeyArn(),
                FunctionEnvironment.REPLAY_MAX_RECEIVES, Integer.toString(MAX_RECEIVES)));
    storage.grantStatusBoardRead(replay.function());
    storage.grantStatus(
        replay.function(),
        java.util.List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
        StatusTableKeys.REPLAY);
    queued.credentialsKey().grantDecrypt(replay.function());
    queued.deadLetters().grantSendMessages(replay.function());
    replay
        .target()
        .addEventSource(
            SqsEventSource.Builder.create(queued.queue())
                .batchSize(10)
                .reportBatchItemFailures(true)
                .build());
    return replay;
  }

  /**
   * Associates a WAFv2 web ACL (scope REGIONAL, in the stack's region) with the API's stage, so AWS
   * WAF sees every request before API Gateway does.
   */
  public void associateWebAcl(String webAclArn) {
    CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
        .resourceArn(restApi.getDeploymentStage().getStageArn())
        .webAclArn(webAclArn)
        .build();
  }

  private void suppressNagFindings(List<Method> routeMethods) {
    NagSuppressions.addResourceSuppressions(
        api.function(),
        List.of(
            NagFindings.accept(
                "Serverless-LambdaDLQ",
                "Only API Gateway invokes it, synchronously: a Lambda dead-letter queue would never receive anything")));
    replay.ifPresent(Api::suppressReplayNagFindings);
    queued.ifPresent(
        q ->
            NagSuppressions.addResourceSuppressions(
                q.deadLetters(),
                List.of(
                    NagFindings.accept(
                        "Serverless-SQSRedrivePolicy",
                        "It is the replay queue's dead-letter queue: where redriven messages end"))));
    NagSuppressions.addResourceSuppressions(
        restApi,
        List.of(
            NagFindings.accept(
                "AwsSolutions-APIG2",
                "The API function validates each request itself and answers a problem saying what is wrong; API Gateway's validator would have nothing to check (a path parameter is present whenever its resource matched)")));
    // The account's CloudWatch role, the one role RestApi makes (cloudWatchRole(true)).
    for (IConstruct child : restApi.getNode().findAll()) {
      if (child instanceof Role role) {
        NagSuppressions.addResourceSuppressions(
            role,
            List.of(
                NagFindings.acceptMatching(
                    "AwsSolutions-IAM4",
                    "API Gateway's account-level role for CloudWatch logging is the managed AmazonAPIGatewayPushToCloudWatchLogs",
                    "/^Policy::arn:"
                        + NagFindings.PARTITION
                        + ":iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs$/")));
      }
    }
    // cdk-nag 2.37.55 reads the access log format of a deployment's stageDescription, which a
    // RestApi's deployment does not have (cdklabs/cdk-nag#2267); the stage's own format is checked.
    NagSuppressions.addResourceSuppressions(
        restApi.getLatestDeployment(),
        List.of(
            NagFindings.acceptOnly(
                "CdkNagValidationFailure",
                "The deployment has no stageDescription, which this rule's version dereferences (cdklabs/cdk-nag#2267); the stage it deploys has the JSON access log format, and the rule checks it there",
                "Serverless-APIGWStructuredLogging")));
    for (Method method : routeMethods) {
      NagSuppressions.addResourceSuppressions(
          method,
          authorization(
              method,
              "Brownout fronts the application's own API, whose authorization belongs to the application: add an authorizer to Brownout.restApi()"));
    }
    for (Method method : List.of(statusMethod, pageMethod)) {
      NagSuppressions.addResourceSuppressions(
          method,
          authorization(
              method,
              "The status endpoint and page are public by the app's choice (statusEndpointAccess PUBLIC)"));
    }
  }

  private static void suppressReplayNagFindings(FunctionPackage.Deployed replay) {
    NagSuppressions.addResourceSuppressions(
        replay.function(),
        List.of(
            NagFindings.accept(
                "Serverless-LambdaDLQ",
                "Only its SQS event source invokes it, synchronously: a failed message goes back to the replay queue and, after its receives, to the queue's dead-letter queue")));
    for (IConstruct child : replay.target().getNode().getChildren()) {
      if (child instanceof EventSourceMapping mapping) {
        NagSuppressions.addResourceSuppressions(
            mapping,
            List.of(
                NagFindings.accept(
                    "Serverless-LambdaEventSourceMappingDestination",
                    "An SQS event source has no on-failure destination; failed messages go to the replay queue's dead-letter queue")));
      }
    }
  }

  /**
   * APIG4 (no authorization) only where a method is public, with {@code whyPublic}; COG4 (no
   * Cognito authorizer) on every method.
   */
  private static List<NagPackSuppression> authorization(Method method, String whyPublic) {
    CfnMethod resource = (CfnMethod) method.getNode().getDefaultChild();
    if (!"NONE".equals(resource.getAuthorizationType())) {
      return List.of(
          NagFindings.accept(
              "AwsSolutions-COG4",
              "IAM authorization: operators and their tools sign requests with AWS credentials, not with a Cognito user pool's tokens"));
    }
    return List.of(
        NagFindings.accept("AwsSolutions-APIG4", whyPublic),
        NagFindings.accept("AwsSolutions-COG4", whyPublic));
  }

  /**
   * The status answers' own throttle, below the stage's: a flood of them (the page may be public)
   * is refused by API Gateway with a 429 before it uses the app's share of the stage's throttle or
   * reads the status table. Keys are API Gateway's method paths, {@code /<resource>/<METHOD>}.
   */
  private static Map<String, MethodDeploymentOptions> statusThrottle() {
    MethodDeploymentOptions throttle =
        MethodDeploymentOptions.builder()
            .throttlingRateLimit(STATUS_RATE_LIMIT)
            .throttlingBurstLimit(STATUS_BURST_LIMIT)
            .build();
    // Sorted: Map.of's order changes from run to run, and with it the stage's MethodSettings.
    return new TreeMap<>(
        Map.of(StatusPaths.PREFIX + "/GET", throttle, StatusPaths.STATUS + "/GET", throttle));
  }

  /** {@code GET /_brownout/status}. */
  public Method statusMethod() {
    return statusMethod;
  }

  /** {@code GET /_brownout/}, the status page. */
  public Method pageMethod() {
    return pageMethod;
  }

  public RestApi restApi() {
    return restApi;
  }

  public FunctionPackage.Deployed api() {
    return api;
  }

  /** The replay function; empty when no route has a {@code queue} step. */
  public Optional<FunctionPackage.Deployed> replay() {
    return replay;
  }

  /** The replay's dead-letter queue; empty when no route has a {@code queue} step. */
  public Optional<Queue> deadLetters() {
    return queued.map(QueuedWrites::deadLetters);
  }
}
