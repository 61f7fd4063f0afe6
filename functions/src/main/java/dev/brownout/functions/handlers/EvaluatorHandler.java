package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.metrics.WorkflowMetrics;
import dev.brownout.functions.adapters.ssm.SsmParameters;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.AwsClients.Transport;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.handlers.priming.InProcessAws;
import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.handlers.priming.RuntimeJson;
import dev.brownout.functions.handlers.priming.SnapStartHooks;
import dev.brownout.functions.handlers.priming.StandInAnswers;
import dev.brownout.functions.workflow.EvaluationService;
import dev.brownout.functions.workflow.PlanJson;
import dev.brownout.functions.workflow.WorkflowPlan;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The degradation workflow's Evaluate task: {@code {"trigger": ..., "executionId": ...}} in, the
 * plan out (see {@link PlanJson}). It throws only when the statuses or parameters cannot be read at
 * all; the workflow then ends in Failed and the flags stay as they are.
 */
public final class EvaluatorHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluatorHandler.class);

  private final Catalog catalog;
  private final EvaluationService service;
  private final WorkflowMetrics metrics;
  private final String statusTable;
  private final Clock clock;

  // Held for as long as the handler lives: CRaC's global context keeps only a weak reference.
  private final SnapStartHooks hooks;

  public EvaluatorHandler() {
    this(EvaluatorSettings.from(Environment.system()), Clock.systemUTC());
  }

  public EvaluatorHandler(EvaluatorSettings settings, Clock clock) {
    this.catalog = CatalogSource.load(settings.catalogLocation());
    this.statusTable = settings.statusTable();
    this.clock = clock;
    // Both clients serve every evaluation: built at init.
    Transport aws = Transport.aws(settings.awsEndpoint());
    this.service = service(AwsClients.dynamoDb(aws), AwsClients.ssm(aws));
    this.metrics =
        new WorkflowMetrics(MetricsNamespace.metrics(catalog, MetricsNamespace.EVALUATOR));
    // Nothing to make fresh after a restore: the priming used a service of its own, and the
    // handler keeps no state between evaluations, no random and no connection (its SDK clients
    // have sent nothing and resolve their credentials at their first call).
    this.hooks = SnapStartHooks.priming(this::prime);
  }

  private EvaluationService service(DynamoDbClient dynamoDb, SsmClient ssm) {
    return new EvaluationService(
        catalog,
        new DynamoDbStatusBoard(dynamoDb, statusTable),
        path -> SsmParameters.under(ssm, path),
        clock);
  }

  /**
   * SnapStart's {@code beforeCheckpoint}: one evaluation, as the workflow's Evaluate task runs it
   * (the bundled input read and the plan written by the runtime's serialisers), against SDK clients
   * of its own over {@link InProcessAws}: the statuses and level read from the stand-in DynamoDB,
   * the flags and override from the stand-in SSM. No metric is written; nothing leaves the process.
   *
   * @return the operations the stand-in AWS was asked, for tests
   */
  List<String> prime() {
    InProcessAws aws = new InProcessAws(StandInAnswers.of(catalog));
    Transport standIn = Transport.standIn(aws);
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(standIn);
        SsmClient ssm = AwsClients.ssm(standIn)) {
      Map<?, ?> input = RuntimeJson.event("evaluator-input.json", Map.class);
      PrimingContext.label();
      LOG.info(
          "Priming before the SnapStart snapshot: one evaluation against in-process stand-ins,"
              + " nothing sent (input with {} keys)",
          input.size());
      EvaluationService primer = service(dynamoDb, ssm);
      WorkflowPlan plan =
          PowertoolsLogging.withLogging(
              new PrimingContext("evaluator"), () -> primer.evaluate(PrimingContext.REQUEST_ID));
      RuntimeJson.answer(PlanJson.of(plan, catalog.app(), statusTable), Map.class);
    }
    return aws.operations();
  }

  SnapStartHooks snapStartHooks() {
    return hooks;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    return PowertoolsLogging.withLogging(
        context,
        () -> {
          Object execution = input == null ? null : input.get("executionId");
          String executionId =
              execution instanceof String id && !id.isBlank() ? id : context.getAwsRequestId();
          WorkflowPlan plan = service.evaluate(executionId);
          LOG.info(
              "Level {} (was {}); {} parameter(s) to write; apply={}; reasons: {}",
              plan.level(),
              plan.previous(),
              plan.flagWrites().size(),
              plan.apply(),
              plan.reasons());
          metrics.evaluated(plan);
          return PlanJson.of(plan, catalog.app(), statusTable);
        });
  }
}
