package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import dev.brownout.functions.adapters.sqs.SqsRequestQueue;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.handlers.ApiSettings;
import dev.brownout.functions.handlers.ReplaySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The example stack's resources and their key properties, from the synthesized template. */
class BrownoutStackTest {
  private static Template template;
  private static Annotations annotations;

  @BeforeAll
  static void synthesize() {
    var stack = Stacks.example(Map.of());
    template = Template.fromStack(stack);
    annotations = Annotations.fromStack(stack);
  }

  @Test
  void twoEncryptedOnDemandTablesWithPointInTimeRecoveryAndTtl() {
    template.resourceCountIs("AWS::DynamoDB::Table", 2);
    template.allResourcesProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "BillingMode", "PAY_PER_REQUEST",
            "SSESpecification", Map.of("SSEEnabled", true),
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
            "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    template.resourceCountIs("AWS::DynamoDB::GlobalTable", 0);
  }

  /**
   * The nag findings for {@code Resource: "*"} are accepted for X-Ray and log delivery, whose
   * actions take no resource; any other action on every resource, or a wildcard action, fails here
   * instead of hiding behind that acceptance.
   */
  @Test
  @SuppressWarnings("unchecked")
  void onlyXrayAndLogDeliveryActionsApplyToEveryResourceAndNoActionIsAWildcard() {
    List<String> everyResource = new java.util.ArrayList<>();
    List<String> wildcards = new java.util.ArrayList<>();
    template
        .findResources("AWS::IAM::Policy")
        .forEach(
            (id, policy) -> {
              var document =
                  (Map<String, Object>)
                      ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
              for (var statement : (List<Map<String, Object>>) document.get("Statement")) {
                List<String> actions = strings(statement.get("Action"));
                actions.stream()
                    .filter(a -> a.endsWith("*") && !a.equals("kms:GenerateDataKey*"))
                    .forEach(a -> wildcards.add(id + ": " + a));
                if ("*".equals(statement.get("Resource"))) {
                  actions.forEach(a -> everyResource.add(a));
                }
              }
            });

    assertThat(wildcards).isEmpty();
    assertThat(everyResource)
        .isNotEmpty()
        .allMatch(
            a -> a.startsWith("xray:") || NO_RESOURCE_LOG_DELIVERY.contains(a),
            "X-Ray or log delivery");
  }

  /** The CloudWatch Logs actions of vended log delivery, which take no resource. */
  private static final java.util.Set<String> NO_RESOURCE_LOG_DELIVERY =
      java.util.Set.of(
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups");

  private static List<String> strings(Object value) {
    return value instanceof String one
        ? List.of(one)
        : ((List<?>) value).stream().map(String::valueOf).toList();
  }

  @Test
  void fourJava21Arm64FunctionsWithSnapStartBehindALiveAlias() {
    template.resourceCountIs("AWS::Lambda::Function", 4);
    template.allResourcesProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime", "java21",
            "Architectures", List.of("arm64"),
            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
            "TracingConfig", Map.of("Mode", "Active"),
            "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(Map.of(FunctionEnvironment.CATALOG, "brownout.yaml")))));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", Handlers.API,
            "MemorySize", 1024,
            "Timeout", 29));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            Handlers.HEALTH_CHECK,
            "Timeout",
            90,
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        FunctionEnvironment.CHECK_WINDOW,
                        "55s",
                        FunctionEnvironment.WORKFLOW_ARN,
                        Match.anyValue())))));
    template.resourceCountIs("AWS::Lambda::Alias", 4);
    template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
  }

  @Test
  void localModeTargetsTheUnqualifiedFunctionsWithoutSnapStart() {
    var stack = Stacks.example(Map.of("local", "true"));
    Template local = Template.fromStack(stack);

    local.resourceCountIs("AWS::Lambda::Alias", 0);
    local.resourceCountIs("AWS::Lambda::Version", 0);
    local.allResourcesProperties("AWS::Lambda::Function", Map.of("SnapStart", Match.absent()));
    local.resourceCountIs("AWS::WAFv2::WebACL", 0);
    local.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    assertThat(
            Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*")))
        .isEmpty();
  }

  @Test
  void theApiStageIsBehindAWebAclWithAwsManagedRulesAndARateLimitPerAddress() {
    template.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Map.of(
            "Scope", "REGIONAL",
            "DefaultAction", Map.of("Allow", Map.of()),
            "Rules",
                Match.arrayWith(
                    List.of(
                        managedRuleGroup("AWSManagedRulesCommonRuleSet"),
                        managedRuleGroup("AWSManagedRulesKnownBadInputsRuleSet"),
                        managedRuleGroup("AWSManagedRulesAmazonIpReputationList"),
                        Match.objectLike(
                            Map.of(
                                "Action", Map.of("Block", Map.of()),
                                "Statement",
                                    Map.of(
                                        "RateBasedStatement",
                                        Map.of(
                                            "AggregateKeyType", "IP",
                                            "Limit", ExampleWebAcl.RATE_LIMIT,
                                            "EvaluationWindowSec",
                                                ExampleWebAcl.RATE_WINDOW_SECONDS))))))));
    String webAcl = template.findResources("AWS::WAFv2::WebACL").keySet().iterator().next();
    String stage = template.findResources("AWS::ApiGateway::Stage").keySet().iterator().next();
    template.hasResourceProperties(
        "AWS::WAFv2::WebACLAssociation",
        Map.of(
            "WebACLArn", Map.of("Fn::GetAtt", List.of(webAcl, "Arn")),
            "ResourceArn",
                Map.of(
                    "Fn::Join",
                    List.of("", Match.arrayWith(List.of("/stages/", Map.of("Ref", stage)))))));
  }

  private static Object managedRuleGroup(String name) {
    return Match.objectLike(
        Map.of(
            "OverrideAction", Map.of("None", Map.of()),
            "Statement",
                Map.of(
                    "ManagedRuleGroupStatement",
                    Match.objectLike(Map.of("VendorName", "AWS", "Name", name)))));
  }

  @Test
  void aWebAclArnThatIsNotOneIsRefusedQuotingIt() {
    var props =
        BrownoutProps.builder()
            .catalogFile(Path.of("../brownout.yaml"))
            .functionsJar(Stacks.functionsJar())
            .webAclArn("arn:aws:wafv2:eu-west-1:123456789012:global/webacl/shop/1");

    assertThatThrownBy(props::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "webAclArn must be the ARN of a regional WAFv2 web ACL"
                + " (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>),"
                + " got \"arn:aws:wafv2:eu-west-1:123456789012:global/webacl/shop/1\"");
  }

  @Test
  void schedulesForTheHealthChecksAndTheWorkflowWithDeadLetterQueues() {
    template.resourceCountIs("AWS::Events::Rule", 2);
    template.allResourcesProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            "rate(1 minute)",
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of(
                        "DeadLetterConfig",
                        Match.anyValue(),
                        "RetryPolicy",
                        Map.of("MaximumRetryAttempts", 2))))));
  }

  @Test
  void aStandardStateMachineFromTheDefinitionFileWithLoggingAndTracing() {
    template.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Map.of(
            "StateMachineType", "STANDARD",
            "DefinitionSubstitutions",
                Map.of("EvaluatorFunctionArn", Match.anyValue(), "TopicArn", Match.anyValue()),
            "LoggingConfiguration",
                Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
            "TracingConfiguration", Map.of("Enabled", true)));
  }

  @Test
  void aRestApiWithAMethodPerRouteAndTheStatusEndpointAndPageThrottledAndLogged() {
    // Five catalog routes, the status endpoint and the status page.
    template.resourceCountIs("AWS::ApiGateway::Method", 6);
    template.hasResourceProperties(
        "AWS::ApiGateway::Method",
        Map.of("HttpMethod", "POST", "Integration", Match.objectLike(Map.of("Type", "AWS_PROXY"))));
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Map.of(
            "StageName", "prod",
            "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
            "MethodSettings",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "ResourcePath", "/*",
                                "ThrottlingRateLimit", 100,
                                "ThrottlingBurstLimit", 200)),
                        Match.objectLike(
                            Map.of(
                                "ResourcePath", "/~1_brownout",
                                "ThrottlingRateLimit", 5,
                                "ThrottlingBurstLimit", 10))))));
    template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "_brownout"));
    template.hasOutput("*", Map.of("Description", "The API's URL"));
    template.hasOutput("*", Map.of("Description", "The status page"));
  }

  @Test
  void theFlagsLevelAndOverrideParametersStartFromTheCatalog() {
    template.resourceCountIs("AWS::SSM::Parameter", 4 + 2);
    template.hasResourceProperties(
        "AWS::SSM::Parameter", Map.of("Name", "/brownout/shop/flags/checkout", "Value", "on"));
    template.hasResourceProperties(
        "AWS::SSM::Parameter", Map.of("Name", "/brownout/shop/level", "Value", "FULL"));
    template.hasResourceProperties(
        "AWS::SSM::Parameter", Map.of("Name", "/brownout/shop/override", "Value", "{}"));
  }

  @Test
  void anEncryptedTopicAndEncryptedQueuesWithARedriveForTheReplayQueue() {
    template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
    template.resourceCountIs("AWS::SQS::Queue", 3);
    template.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "VisibilityTimeout",
            360,
            "RedrivePolicy",
            Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", 1000)));
    // The replay queue and its dead-letter queue take what the API function checks against.
    assertThat(
            template.findResources(
                "AWS::SQS::Queue",
                Map.of(
                    "Properties", Map.of("MaximumMessageSize", SqsRequestQueue.MAX_MESSAGE_BYTES))))
        .hasSize(2);
    template.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Map.of("FunctionResponseTypes", List.of("ReportBatchItemFailures")));
  }

  @Test
  void aRotatedKeySealsQueuedCredentialsTheApiOnlyGeneratesDataKeysAndTheReplayOnlyDecrypts() {
    template.resourceCountIs("AWS::KMS::Key", 1);
    template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    assertThat(kmsActionsOf("ApiHandler")).containsExactly("kms:GenerateDataKey");
    assertThat(kmsActionsOf("ReplayHandler")).containsExactly("kms:Decrypt");
  }

  /** The KMS actions the policies of the function with this handler class grant. */
  @SuppressWarnings("unchecked")
  private static List<String> kmsActionsOf(String handler) {
    String role =
        functions().entrySet().stream()
            .filter(f -> handlerOf(f.getValue()).contains(handler))
            .map(f -> ((Map<String, Object>) f.getValue().get("Role")))
            .map(r -> (String) ((List<Object>) r.get("Fn::GetAtt")).get(0))
            .findFirst()
            .orElseThrow();
    List<String> kms = new java.util.ArrayList<>();
    template
        .findResources("AWS::IAM::Policy")
        .values()
        .forEach(
            policy -> {
              Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
              if (!properties.get("Roles").toString().contains(role)) {
                return;
              }
              Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
              for (Map<String, Object> statement :
                  (List<Map<String, Object>>) document.get("Statement")) {
                Object actions = statement.get("Action");
                (actions instanceof List<?> list ? (List<String>) list : List.of((String) actions))
                    .stream().filter(a -> a.startsWith("kms:")).forEach(kms::add);
              }
            });
    return kms;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> functions = new java.util.HashMap<>();
    template
        .findResources("AWS::Lambda::Function")
        .forEach((id, f) -> functions.put(id, (Map<String, Object>) f.get("Properties")));
    return functions;
  }

  private static String handlerOf(Map<String, Object> function) {
    return String.valueOf(function.get("Handler"));
  }

  /**
   * The variables infra sets, as the functions read them: a reference (a queue URL, a key ARN)
   * stands for a value only the deployment knows.
   */
  @SuppressWarnings("unchecked")
  private static Environment environmentOf(String handler) {
    Map<String, Object> variables =
        functions().values().stream()
            .filter(f -> handlerOf(f).contains(handler))
            .map(f -> (Map<String, Object>) ((Map<String, Object>) f.get("Environment")))
            .map(e -> (Map<String, Object>) e.get("Variables"))
            .findFirst()
            .orElseThrow();
    Map<String, String> values = new java.util.HashMap<>();
    variables.forEach(
        (name, value) ->
            values.put(name, value instanceof String text ? text : "deployed-" + name));
    return new Environment(values);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApiAndReplayFunctionsFindEveryVariableTheyNeedAndTheReplayKnowsTheRedriveLimit() {
    ApiSettings api = ApiSettings.from(environmentOf("ApiHandler"));
    ReplaySettings replay = ReplaySettings.from(environmentOf("ReplayHandler"));

    assertThat(api.queueUrl()).isPresent();
    assertThat(api.credentialsKey()).isPresent();
    Map<String, Object> redrive =
        (Map<String, Object>)
            template.findResources("AWS::SQS::Queue").values().stream()
                .map(q -> (Map<String, Object>) q.get("Properties"))
                .filter(q -> q.containsKey("RedrivePolicy"))
                .findFirst()
                .orElseThrow()
                .get("RedrivePolicy");
    assertThat(replay.maxReceives()).isEqualTo(redrive.get("maxReceiveCount"));
  }

  @Test
  void aDashboardAndThreeAlarmsThatNotifyTheTopic() {
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    template.resourceCountIs("AWS::CloudWatch::Alarm", 3);
    template.allResourcesProperties(
        "AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Match.anyValue())));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "MetricName",
            "DegradationLevel",
            "Namespace",
            "Brownout/shop",
            "Threshold",
            1,
            "ComparisonOperator",
            "GreaterThanOrEqualToThreshold"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void noPolicyGrantsAWildcardAction() {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
    assertThat(policies).isNotEmpty();
    policies
        .values()
        .forEach(
            policy -> {
              Map<String, Object> document =
                  (Map<String, Object>)
                      ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
              for (Map<String, Object> statement :
                  (List<Map<String, Object>>) document.get("Statement")) {
                Object actions = statement.get("Action");
                List<String> all =
                    actions instanceof List<?> list
                        ? (List<String>) list
                        : List.of((String) actions);
                assertThat(all)
                    .as("actions of %s", statement)
                    .noneMatch(a -> a.equals("*") || a.endsWith(":*"));
              }
            });
  }

  @Test
  void aSecondAppInTheSameStackGetsItsOwnResourcesFromACatalogFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path other = dir.resolve("books.yaml");
    java.nio.file.Files.writeString(
        other,
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "brownout.yaml"))
            .replace("app: shop", "app: books"));
    var app = Stacks.app("../brownout.yaml", Map.of());
    var stack = new software.amazon.awscdk.Stack(app, "Two");
    for (var file : List.of(java.nio.file.Path.of("..", "brownout.yaml"), other)) {
      new Brownout(
          stack,
          file.getFileName().toString().replace(".yaml", ""),
          BrownoutProps.builder().catalogFile(file).functionsJar(Stacks.functionsJar()).build());
    }
    Template two = Template.fromStack(stack);

    two.resourceCountIs("AWS::DynamoDB::Table", 4);
    two.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/brownout/books/level"));
    two.hasResourceProperties(
        "AWS::CloudWatch::Dashboard", Map.of("DashboardName", "brownout-books"));
    two.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Name", "brownout-books"));
  }

  @Test
  void cdkNagReportsNoUnsuppressedError() {
    assertThat(annotations.findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*")))
        .isEmpty();
  }
}
