package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.DegradationWorkflow;
import dev.brownout.core.ports.Probe;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusStore;
import dev.brownout.functions.adapters.dynamodb.DynamoDbTableProbe;
import dev.brownout.functions.adapters.http.HttpProbe;
import dev.brownout.functions.adapters.metrics.HealthCheckMetrics;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.stepfunctions.StepFunctionsWorkflow;
import dev.brownout.functions.adapters.tcp.TcpProbe;
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
import dev.brownout.functions.health.CheckObserver;
import dev.brownout.functions.health.HealthMonitor;
import dev.brownout.functions.health.HealthRun;
import dev.brownout.functions.health.Probes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The health-check function, fired by an EventBridge schedule every minute: checks every dependency
 * of the catalog at its interval for the invocation's window and records each result. Everything is
 * built once per execution environment, in the constructor the runtime calls at init (and SnapStart
 * snapshots).
 */
public final class HealthCheckHandler implements RequestHandler<ScheduledEvent, HealthRun> {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckHandler.class);

  /** Time kept back from the function's timeout for the last writes. */
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

  /** The workflow the priming's stand-in starts: an ARN of the right shape that is nobody's. */
  private static final String PRIMING_WORKFLOW =
      "arn:aws:states:us-east-1:000000000000:stateMachine:snapstart-priming";

  private final Catalog catalog;
  private final HealthCheckSettings settings;
  private final Lazy<SfnClient> stepFunctions;
  private final HealthMonitor monitor;
  private final Duration window;
  private final Duration longestCheck;
  private final Clock clock;

  // Held for as long as the handler lives: CRaC's global context keeps only a weak reference.
  private final SnapStartHooks hooks;

  public HealthCheckHandler() {
    this(HealthCheckSettings.from(Environment.system()), Clock.systemUTC());
  }

  public HealthCheckHandler(HealthCheckSettings settings, Clock clock) {
    this.catalog = CatalogSource.load(settings.catalogLocation());
    this.settings = settings;
    Transport aws = Transport.aws(settings.awsEndpoint());
    // Step Functions is called only when a dependency flips: its client is built then (or by the
    // priming, into the SnapStart snapshot), not at init.
    this.stepFunctions = new Lazy<>(() -> AwsClients.stepFunctions(aws));
    Optional<DegradationWorkflow> workflow =
        settings
            .workflowArn()
            .map(
                arn ->
                    (key, reason) ->
                        new StepFunctionsWorkflow(stepFunctions.get(), arn)
                            .evaluateNow(key, reason));
    if (workflow.isEmpty()) {
      LOG.warn(
          "{} is not set: a health flip will not start the degradation workflow; the level follows"
              + " at its next scheduled evaluation",
          FunctionEnvironment.WORKFLOW_ARN);
    }
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws);
    this.monitor =
        monitor(
            dynamoDb,
            new HttpProbe(HttpProbe.defaultClient(), clock),
            new TcpProbe(clock),
            workflow,
            new HealthCheckMetrics(
                MetricsNamespace.metrics(catalog, MetricsNamespace.HEALTH_CHECK)),
            clock);
    this.window = settings.window();
    this.longestCheck =
        catalog.dependencies().stream()
            .map(d -> d.check().timeout())
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    this.clock = clock;
    // Nothing to make fresh after a restore: the priming used instances of its own and opened no
    // connection (its probes are stand-ins, its SDK clients answer in process), so the probes'
    // HttpClient and the SDK clients have empty pools and the SDK resolves its credentials at
    // its first call.
    this.hooks = SnapStartHooks.priming(this::prime);
  }

  private HealthMonitor monitor(
      DynamoDbClient dynamoDb,
      Probe http,
      Probe tcp,
      Optional<DegradationWorkflow> workflow,
      CheckObserver observer,
      Clock clock) {
    return new HealthMonitor(
        catalog.dependencies(),
        new Probes(http, tcp, new DynamoDbTableProbe(dynamoDb, clock)),
        new DynamoDbStatusStore(dynamoDb, settings.statusTable(), settings.historyTtl()),
        workflow,
        observer,
        clock);
  }

  /**
   * SnapStart's {@code beforeCheckpoint}: one round of every dependency's check and its recording,
   * as a scheduled run does (the bundled EventBridge event read and the run's result written by the
   * runtime's serialisers), against in-process stand-ins: HTTP and TCP probes that answer healthy
   * without connecting, SDK clients of their own over {@link InProcessAws} (the table probe, the
   * status store's read and transaction, the workflow's start), an observer that discards (no
   * metric). Then it builds the Step Functions client, so the snapshot holds it.
   *
   * @return the operations the stand-in AWS was asked, for tests
   */
  List<String> prime() {
    InProcessAws aws = new InProcessAws(StandInAnswers.of(catalog));
    Transport standIn = Transport.standIn(aws);
    Probe healthy = dependency -> CheckResult.success(Duration.ZERO, clock.instant());
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(standIn);
        SfnClient sfn = AwsClients.stepFunctions(standIn)) {
      HealthMonitor primer =
          monitor(
              dynamoDb,
              healthy,
              healthy,
              Optional.of(new StepFunctionsWorkflow(sfn, PRIMING_WORKFLOW)),
              (check, result, recorded) -> {},
              clock);
      ScheduledEvent event = RuntimeJson.event("scheduled-event.json", ScheduledEvent.class);
      PrimingContext.label();
      LOG.info(
          "Priming before the SnapStart snapshot: {} checks against in-process stand-ins, nothing"
              + " sent",
          catalog.dependencies().size());
      HealthRun run =
          PowertoolsLogging.withLogging(
              new PrimingContext("health-check"),
              () ->
                  primer.run(
                      PrimingContext.REQUEST_ID,
                      Instant.ofEpochMilli(event.getTime().getMillis()),
                      Duration.ZERO));
      RuntimeJson.answer(run, HealthRun.class);
    }
    stepFunctions.get();
    return aws.operations();
  }

  SnapStartHooks snapStartHooks() {
    return hooks;
  }

  @Override
  public HealthRun handleRequest(ScheduledEvent event, Context context) {
    return PowertoolsLogging.withLogging(context, () -> check(event, context));
  }

  private HealthRun check(ScheduledEvent event, Context context) {
    String run;
    Instant scheduledAt;
    if (event == null || event.getId() == null || event.getTime() == null) {
      // Not a scheduled event as EventBridge sends it: still check, but a redelivery of it
      // cannot be told from a new run, so its checks may count twice.
      LOG.warn(
          "The event is not an EventBridge scheduled event (no id or time); checking anyway as run"
              + " {}",
          context.getAwsRequestId());
      run = context.getAwsRequestId();
      scheduledAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    } else {
      run = event.getId();
      scheduledAt = Instant.ofEpochMilli(event.getTime().getMillis());
    }
    HealthRun result = monitor.run(run, scheduledAt, windowFor(context));
    LOG.info(
        "Ran {} checks: {} failed, {} already recorded, flips {}",
        result.checks(),
        result.failed(),
        result.duplicates(),
        result.flips());
    if (!result.storeErrors().isEmpty()) {
      // Lambda retries the event; the checks already recorded are recognised and skipped.
      throw new IllegalStateException(
          result.storeErrors().size()
              + " checks could not be recorded: "
              + String.join("; ", result.storeErrors()));
    }
    return result;
  }

  /** The configured window, shortened so the last check and its write end before the timeout. */
  private Duration windowFor(Context context) {
    Duration remaining =
        Duration.ofMillis(context.getRemainingTimeInMillis())
            .minus(SAFETY_MARGIN)
            .minus(longestCheck);
    return remaining.compareTo(window) < 0 ? remaining : window;
  }
}
