package dev.brownout.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.constructs.IConstruct;

/**
 * The cdk-nag findings Brownout accepts, each narrowed to the resources and, where the rule allows,
 * the exact permission it applies to, with the reason.
 */
final class NagSuppressionsOfTheApp {
  private NagSuppressionsOfTheApp() {}

  static void apply(Stack stack) {
    String app = "/" + stack.getStackName() + "/Brownout";
    String parameters =
        "Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/brownout/"
            + stack.getStackName().substring("Brownout-".length())
            + "/*";
    // The replay function exists only when a route has a queue step.
    List<String> functions =
        List.of("/HealthChecks/HealthCheck", "/Workflow/Evaluator", "/Api/Api", "/Api/Replay")
            .stream()
            .filter(f -> exists(stack, app + f))
            .toList();
    for (String f : functions) {
      NagSuppressions.addResourceSuppressionsByPath(
          stack,
          app + f + "/ServiceRole/Resource",
          List.of(
              suppression(
                  "AwsSolutions-IAM4",
                  "AWSLambdaBasicExecutionRole only lets the function write its own logs; CDK attaches it to every function role",
                  "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
      NagSuppressions.addResourceSuppressionsByPath(
          stack,
          app + f + "/Resource",
          List.of(
              suppression(
                  "AwsSolutions-L1",
                  "Brownout targets the java21 runtime on purpose: its bytecode is Java 21 and SnapStart supports it",
                  null),
              suppression(
                  "Serverless-LambdaLatestVersion",
                  "Brownout targets the java21 runtime on purpose: its bytecode is Java 21 and SnapStart supports it",
                  null),
              suppression(
                  "Serverless-LambdaDLQ",
                  f.contains("HealthCheck")
                      ? "Its only asynchronous caller, the schedule, has a dead-letter queue and retries; a lost run is replaced a minute later"
                      : "Invoked synchronously (API Gateway, Step Functions) or by an SQS event source with its own dead-letter queue: a Lambda dead-letter queue would never receive anything",
                  null)));
      NagSuppressions.addResourceSuppressionsByPath(
          stack,
          app + f + "/ServiceRole/DefaultPolicy/Resource",
          List.of(
              suppression(
                  "AwsSolutions-IAM5",
                  "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions",
                  "Resource::*")));
    }
    for (String reader :
        List.of(
            "/Workflow/Evaluator/ServiceRole/DefaultPolicy/Resource",
            "/Api/Api/ServiceRole/DefaultPolicy/Resource")) {
      NagSuppressions.addResourceSuppressionsByPath(
          stack,
          app + reader,
          List.of(
              suppression(
                  "AwsSolutions-IAM5",
                  "Reads the app's own parameters by path (GetParametersByPath), scoped to its prefix /brownout/<app>/",
                  parameters)));
    }
    NagSuppressions.addResourceSuppressionsByPath(
        stack,
        app + "/Workflow/StateMachine/Role/DefaultPolicy/Resource",
        List.of(
            suppression(
                "AwsSolutions-IAM5",
                "Writes the app's flag and level parameters, scoped to its prefix /brownout/<app>/",
                parameters),
            suppression(
                "AwsSolutions-IAM5",
                "X-Ray tracing and CloudWatch Logs delivery actions have no resource-level permissions",
                "Resource::*"),
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Without SnapStart (-c local=true) the workflow invokes the unqualified evaluator; CDK's grant also covers its versions (<arn>:*), of that one function only")
                .appliesTo(
                    List.of(
                        RegexAppliesTo.builder()
                            .regex("/^Resource::<BrownoutWorkflowEvaluator[0-9A-F]+\\.Arn>:\\*$/")
                            .build()))
                .build()));
    NagSuppressions.addResourceSuppressionsByPath(
        stack,
        app + "/ScheduleDeadLetters/Resource",
        List.of(
            suppression(
                "AwsSolutions-SQS3",
                "It is the dead-letter queue of the EventBridge schedule targets (cdk-nag only recognises SQS redrive)",
                null)));
    NagSuppressions.addResourceSuppressionsByPath(
        stack,
        app + "/Api/RestApi/Resource",
        List.of(
            suppression(
                "AwsSolutions-APIG2",
                "The API function validates each request itself and answers a problem saying what is wrong; API Gateway's validator would have nothing to check (a path parameter is present whenever its resource matched)",
                null)));
    for (IConstruct construct : stack.getNode().findAll()) {
      if (construct instanceof CfnMethod method) {
        NagSuppressions.addResourceSuppressions(method, authorization(method));
      }
    }
    NagSuppressions.addStackSuppressions(
        stack,
        List.of(
            suppression(
                "Serverless-LambdaEventSourceMappingDestination",
                "SQS event sources have no on-failure destination; failed messages go to the queue's dead-letter queue",
                null),
            suppression(
                "Serverless-SQSRedrivePolicy",
                "Only the dead-letter queues lack a redrive policy: they are where redriven messages end",
                null),
            suppression(
                "AwsSolutions-IAM4",
                "API Gateway's account-level role for CloudWatch logging is the managed AmazonAPIGatewayPushToCloudWatchLogs",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")));
  }

  /**
   * APIG4 (no authorization) only where a method is public, COG4 (no Cognito authorizer) on every
   * method, each with its reason.
   */
  private static List<NagPackSuppression> authorization(CfnMethod method) {
    // The status endpoint and page: catalog routes cannot be under /_brownout.
    boolean status = method.getNode().getPath().contains("/_brownout/");
    if (!"NONE".equals(method.getAuthorizationType())) {
      return List.of(
          suppression(
              "AwsSolutions-COG4",
              "IAM authorization: operators and their tools sign requests with AWS credentials, not with a Cognito user pool's tokens",
              null));
    }
    String reason =
        status
            ? "The status endpoint and page are public by the app's choice (statusEndpointAccess PUBLIC)"
            : "Brownout fronts the application's own API, whose authorization belongs to the application: add an authorizer to Brownout.restApi()";
    return List.of(
        suppression("AwsSolutions-APIG4", reason, null),
        suppression("AwsSolutions-COG4", reason, null));
  }

  /** Whether a construct has this path, written as cdk-nag takes it ({@code /<stack>/...}). */
  private static boolean exists(Stack stack, String path) {
    return stack.getNode().findAll().stream()
        .anyMatch(c -> path.equals("/" + c.getNode().getPath()));
  }

  private static NagPackSuppression suppression(String id, String reason, String appliesTo) {
    NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo != null) {
      b.appliesTo(List.of(appliesTo));
    }
    return b.build();
  }
}
