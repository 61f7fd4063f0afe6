package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.adapters.metrics.WorkflowMetrics;
import dev.brownout.functions.adapters.ssm.SsmParameters;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.workflow.EvaluationService;
import dev.brownout.functions.workflow.PlanJson;
import dev.brownout.functions.workflow.WorkflowPlan;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  public EvaluatorHandler() {
    this(EvaluatorSettings.from(Environment.system()), Clock.systemUTC());
  }

  public EvaluatorHandler(EvaluatorSettings settings, Clock clock) {
    this.catalog = CatalogSource.load(settings.catalogLocation());
    SsmClient ssm = AwsClients.ssm(settings.awsEndpoint());
    this.service =
        new EvaluationService(
            catalog,
            new DynamoDbStatusBoard(
                AwsClients.dynamoDb(settings.awsEndpoint()), settings.statusTable()),
            path -> SsmParameters.under(ssm, path),
            clock);
    this.metrics =
        new WorkflowMetrics(MetricsNamespace.metrics(catalog, MetricsNamespace.EVALUATOR));
    this.statusTable = settings.statusTable();
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
