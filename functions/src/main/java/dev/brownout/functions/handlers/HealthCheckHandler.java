package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.ports.DegradationWorkflow;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusStore;
import dev.brownout.functions.adapters.dynamodb.DynamoDbTableProbe;
import dev.brownout.functions.adapters.http.HttpProbe;
import dev.brownout.functions.adapters.metrics.HealthCheckMetrics;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.stepfunctions.StepFunctionsWorkflow;
import dev.brownout.functions.adapters.tcp.TcpProbe;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.health.HealthMonitor;
import dev.brownout.functions.health.HealthRun;
import dev.brownout.functions.health.Probes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

  private final HealthMonitor monitor;
  private final Duration window;
  private final Duration longestCheck;
  private final Clock clock;

  public HealthCheckHandler() {
    this(HealthCheckSettings.from(Environment.system()), Clock.systemUTC());
  }

  public HealthCheckHandler(HealthCheckSettings settings, Clock clock) {
    Catalog catalog = CatalogSource.load(settings.catalogLocation());
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings.awsEndpoint());
    Optional<DegradationWorkflow> workflow =
        settings
            .workflowArn()
            .map(
                arn ->
                    new StepFunctionsWorkflow(
                        AwsClients.stepFunctions(settings.awsEndpoint()), arn));
    if (workflow.isEmpty()) {
      LOG.warn(
          "{} is not set: a health flip will not start the degradation workflow; the level follows"
              + " at its next scheduled evaluation",
          FunctionEnvironment.WORKFLOW_ARN);
    }
    this.monitor =
        new HealthMonitor(
            catalog.dependencies(),
            new Probes(
                new HttpProbe(HttpProbe.defaultClient(), clock),
                new TcpProbe(clock),
                new DynamoDbTableProbe(dynamoDb, clock)),
            new DynamoDbStatusStore(dynamoDb, settings.statusTable(), settings.historyTtl()),
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
