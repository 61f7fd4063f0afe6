package dev.brownout.infra;

import dev.brownout.core.contract.StatusPaths;
import dev.brownout.infra.internal.Api;
import dev.brownout.infra.internal.ApiProps;
import dev.brownout.infra.internal.FlagParameters;
import dev.brownout.infra.internal.FunctionPackage;
import dev.brownout.infra.internal.FunctionPackageProps;
import dev.brownout.infra.internal.HealthChecks;
import dev.brownout.infra.internal.HealthChecksProps;
import dev.brownout.infra.internal.Monitoring;
import dev.brownout.infra.internal.MonitoringProps;
import dev.brownout.infra.internal.NagFindings;
import dev.brownout.infra.internal.Storage;
import dev.brownout.infra.internal.Workflow;
import dev.brownout.infra.internal.WorkflowProps;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Brownout for one application, in any stack: the tables, the health checks, the degradation
 * workflow, the API with its fallbacks, the flag parameters, the dashboard and the alarms, all
 * named after the catalog's app so several apps can share an account.
 *
 * <pre>{@code
 * Catalog catalog = CatalogLoader.load(Path.of("brownout.yaml"));
 * new Brownout(stack, "Shop", BrownoutProps.builder()
 *     .catalog(catalog, Path.of("brownout.yaml"))
 *     .functionsJar(Path.of("functions/target/brownout-functions-0.1.0-SNAPSHOT-lambda.jar"))
 *     .build());
 * }</pre>
 */
public final class Brownout extends Construct {
  private final Api api;
  private final Workflow workflow;

  public Brownout(Construct scope, String id, BrownoutProps props) {
    super(scope, id);
    FunctionPackage functions =
        new FunctionPackage(
            FunctionPackageProps.builder()
                .functionsJar(props.functionsJar())
                .catalogFile(props.catalogFile())
                .snapStart(props.snapStart())
                .logRetentionDays(props.logRetentionDays())
                .build());
    Storage storage = new Storage(this, "Storage");
    FlagParameters parameters = new FlagParameters(this, "Parameters", props.catalog());
    // Scheduled invocations that EventBridge could not deliver, for a look rather than a loss.
    Queue scheduleDeadLetters =
        Queue.Builder.create(this, "ScheduleDeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    HealthChecks health =
        new HealthChecks(
            this,
            "HealthChecks",
            HealthChecksProps.builder()
                .catalog(props.catalog())
                .functions(functions)
                .storage(storage)
                .scheduleDeadLetters(scheduleDeadLetters)
                .build());
    workflow =
        new Workflow(
            this,
            "Workflow",
            WorkflowProps.builder()
                .functions(functions)
                .storage(storage)
                .parameters(parameters)
                .logRetentionDays(props.logRetentionDays())
                .scheduleDeadLetters(scheduleDeadLetters)
                .build());
    health.startsOnFlip(workflow.stateMachine());
    api =
        new Api(
            this,
            "Api",
            ApiProps.builder()
                .catalog(props.catalog())
                .functions(functions)
                .storage(storage)
                .parameters(parameters)
                .rateLimit(props.apiRateLimit())
                .burstLimit(props.apiBurstLimit())
                .logRetentionDays(props.logRetentionDays())
                .statusAccess(props.statusEndpointAccess())
                .cloudWatchRole(props.cloudWatchRole())
                .build());
    MonitoringProps.Builder monitoring =
        MonitoringProps.builder()
            .catalog(props.catalog())
            .workflow(workflow.stateMachine())
            .alarms(workflow.topic());
    api.deadLetters().ifPresent(monitoring::replayDeadLetters);
    new Monitoring(this, "Monitoring", monitoring.build());
    props.webAclArn().ifPresent(api::associateWebAcl);
    suppressNagFindings(scheduleDeadLetters);
    CfnOutput.Builder.create(this, "ApiUrl")
        .value(api.restApi().getUrl())
        .description("The API's URL")
        .build();
    CfnOutput.Builder.create(this, "StatusUrl")
        .value(api.restApi().urlForPath(StatusPaths.STATUS))
        .description("The status endpoint")
        .build();
    CfnOutput.Builder.create(this, "StatusPageUrl")
        .value(api.restApi().urlForPath(StatusPaths.PAGE))
        .description("The status page")
        .build();
  }

  private static void suppressNagFindings(Queue scheduleDeadLetters) {
    NagSuppressions.addResourceSuppressions(
        scheduleDeadLetters,
        List.of(
            NagFindings.accept(
                "AwsSolutions-SQS3",
                "It is the dead-letter queue of the EventBridge schedule targets (cdk-nag only recognises SQS redrive)"),
            NagFindings.accept(
                "Serverless-SQSRedrivePolicy",
                "It is the dead-letter queue of the EventBridge schedule targets: where undelivered invocations end")));
  }

  /**
   * Lets {@code grantee} call {@code GET /_brownout/status} and the status page {@code GET
   * /_brownout/} when their access is {@link StatusEndpointAccess#IAM} (with a request signed for
   * {@code execute-api}).
   */
  public Grant grantStatusEndpoint(IGrantable grantee) {
    return api.statusMethod().grantExecute(grantee).combine(api.pageMethod().grantExecute(grantee));
  }

  public RestApi restApi() {
    return api.restApi();
  }

  public IStateMachine workflow() {
    return workflow.stateMachine();
  }

  public ITopic levelChanges() {
    return workflow.topic();
  }
}
