package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import dev.brownout.core.contract.StatusTableKeys;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The health-check function and its one-minute schedule. Within each invocation it checks every
 * dependency at its own interval for 55 s, so its timeout is 90 s: the window, the longest check
 * and the last writes, with room. 512 MB: the checks are I/O, and Lambda gives CPU with memory.
 */
public final class HealthChecks extends Construct {
  private final FunctionPackage.Deployed function;

  public HealthChecks(Construct scope, String id, HealthChecksProps props) {
    super(scope, id);
    FunctionPackage functions = props.functions();
    Catalog catalog = props.catalog();
    Storage storage = props.storage();
    function =
        functions.function(
            this,
            "HealthCheck",
            Handlers.HEALTH_CHECK,
            512,
            Duration.seconds(90),
            Map.of(
                FunctionEnvironment.STATUS_TABLE,
                storage.status().getTableName(),
                FunctionEnvironment.CHECK_WINDOW,
                "55s"));
    // DynamoDbStatusStore: a consistent read of the status item, then one transaction of two
    // puts, the status item and the check's history item.
    storage.grantStatus(
        function.function(),
        List.of("dynamodb:GetItem", "dynamodb:PutItem"),
        StatusTableKeys.STATUS);
    storage.grantStatus(
        function.function(),
        List.of("dynamodb:PutItem"),
        catalog.dependencies().stream()
            .map(d -> StatusTableKeys.history(d.name()))
            .toArray(String[]::new));
    // A dynamodb check describes the dependency's table: that action on those tables only.
    List<String> tables =
        catalog.dependencies().stream()
            .filter(d -> d.check() instanceof HealthCheck.DynamoDb)
            .map(
                d ->
                    Stack.of(this)
                        .formatArn(
                            ArnComponents.builder()
                                .service("dynamodb")
                                .resource("table")
                                .resourceName(((HealthCheck.DynamoDb) d.check()).table())
                                .build()))
            .toList();
    if (!tables.isEmpty()) {
      function
          .function()
          .addToRolePolicy(
              PolicyStatement.Builder.create()
                  .actions(List.of("dynamodb:DescribeTable"))
                  .resources(tables)
                  .build());
    }
    Rule.Builder.create(this, "Schedule")
        .description("Runs the health checks once a minute")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(
            List.of(
                LambdaFunction.Builder.create(function.target())
                    .deadLetterQueue(props.scheduleDeadLetters())
                    .retryAttempts(2)
                    .build()))
        .build();
    suppressNagFindings();
  }

  private void suppressNagFindings() {
    NagSuppressions.addResourceSuppressions(
        function.function(),
        List.of(
            NagFindings.accept(
                "Serverless-LambdaDLQ",
                "Its only asynchronous caller, the schedule, has a dead-letter queue and retries; a lost run is replaced a minute later")));
  }

  /** Lets the health check start the workflow when a dependency flips, and tells it where. */
  public void startsOnFlip(IStateMachine workflow) {
    workflow.grantStartExecution(function.function());
    function
        .function()
        .addEnvironment(FunctionEnvironment.WORKFLOW_ARN, workflow.getStateMachineArn());
  }

  public FunctionPackage.Deployed function() {
    return function;
  }
}
