package dev.brownout.infra.internal;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import dev.brownout.core.contract.StatusTableKeys;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The degradation workflow: the evaluator function, the Standard state machine from {@code
 * workflow/degradation.asl.json} with its ARNs filled in, its one-minute schedule, and the
 * encrypted topic of level changes. The evaluator reads a few items and parameters: 512 MB, 30 s.
 */
public final class Workflow extends Construct {
  public static final String DEFINITION = "workflow/degradation.asl.json";

  private final StateMachine stateMachine;
  private final Topic topic;
  private final FunctionPackage.Deployed evaluator;

  public Workflow(Construct scope, String id, WorkflowProps props) {
    super(scope, id);
    FunctionPackage functions = props.functions();
    Storage storage = props.storage();
    FlagParameters parameters = props.parameters();
    evaluator =
        functions.function(
            this,
            "Evaluator",
            Handlers.EVALUATOR,
            512,
            Duration.seconds(30),
            Map.of(FunctionEnvironment.STATUS_TABLE, storage.status().getTableName()));
    storage.grantStatusBoardRead(evaluator.function());
    parameters.grantRead(evaluator.function());
    topic =
        Topic.Builder.create(this, "LevelChanges")
            .displayName("Brownout level changes")
            .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
            .enforceSsl(true)
            .build();
    LogGroup logs = FunctionPackage.logGroup(this, "Logs", props.logRetentionDays());
    stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            .stateMachineType(StateMachineType.STANDARD)
            .definitionBody(DefinitionBody.fromString(definition()))
            .definitionSubstitutions(
                Map.of(
                    "EvaluatorFunctionArn", evaluator.target().getFunctionArn(),
                    "TopicArn", topic.getTopicArn()))
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(true)
                    .build())
            .tracingEnabled(true)
            .timeout(Duration.minutes(5))
            .build();
    evaluator.target().grantInvoke(stateMachine);
    // The plan's TransactWriteItems: a put of the level record and one of the audit item.
    storage.grantStatus(
        stateMachine, List.of("dynamodb:PutItem"), StatusTableKeys.LEVEL, StatusTableKeys.AUDIT);
    parameters.grantWrite(stateMachine);
    topic.grantPublish(stateMachine);
    Rule.Builder.create(this, "Schedule")
        .description("Evaluates the degradation level once a minute")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(
            List.of(
                SfnStateMachine.Builder.create(stateMachine)
                    .deadLetterQueue(props.scheduleDeadLetters())
                    .retryAttempts(2)
                    .build()))
        .build();
    suppressNagFindings();
  }

  private void suppressNagFindings() {
    NagSuppressions.addResourceSuppressions(
        evaluator.function(),
        List.of(
            NagFindings.accept(
                "Serverless-LambdaDLQ",
                "Only the state machine invokes it, synchronously, and retries or fails the execution: a Lambda dead-letter queue would never receive anything")));
    CfnResource evaluatorFunction = (CfnResource) evaluator.function().getNode().getDefaultChild();
    NagSuppressions.addResourceSuppressions(
        stateMachine.getRole(),
        List.of(
            NagFindings.acceptOnly(
                "AwsSolutions-IAM5",
                "X-Ray tracing and CloudWatch Logs delivery actions have no resource-level permissions",
                "Resource::*"),
            NagFindings.acceptOnly(
                "AwsSolutions-IAM5",
                "Without SnapStart (-c local=true) the workflow invokes the unqualified evaluator; CDK's grant also covers its versions (<arn>:*), of that one function only",
                "Resource::<"
                    + Stack.of(this).resolve(evaluatorFunction.getLogicalId())
                    + ".Arn>:*"),
            // Topic.grantPublish on a topic encrypted with an imported alias: CDK grants the key
            // use on any key of the account, for the one alias alias/aws/sns only (a condition).
            NagFindings.acceptMatching(
                "AwsSolutions-IAM5",
                "The level-changes topic is encrypted with the AWS managed key alias/aws/sns, whose ARN is not known before deploy: the grant names any key but holds only for that alias (kms:ResourceAliases)",
                "/^Resource::arn:"
                    + NagFindings.PARTITION
                    + ":kms:"
                    + NagFindings.REGION
                    + ":"
                    + NagFindings.ACCOUNT
                    + ":key/\\*$/"),
            NagFindings.acceptOnly(
                "AwsSolutions-IAM5",
                "GenerateDataKey* (GenerateDataKey and GenerateDataKeyWithoutPlaintext) on the AWS managed SNS key only, as CDK grants a publisher of an encrypted topic",
                "Action::kms:GenerateDataKey*")),
        true);
  }

  /** The definition exactly as the tests execute it, from the jar's resources. */
  static String definition() {
    try (InputStream in = Workflow.class.getClassLoader().getResourceAsStream(DEFINITION)) {
      if (in == null) {
        throw new IllegalStateException(DEFINITION + " is missing from the infra jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  public Topic topic() {
    return topic;
  }

  public FunctionPackage.Deployed evaluator() {
    return evaluator;
  }
}
