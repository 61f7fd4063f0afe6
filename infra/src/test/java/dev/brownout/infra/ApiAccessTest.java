package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

/** Who may call the REST API's methods, what API Gateway checks, and what cdk-nag is told. */
class ApiAccessTest {
  private static final Stack DEFAULT = Stacks.example(Map.of());
  private static final Template TEMPLATE = Template.fromStack(DEFAULT);
  private static final Stack PUBLIC = Stacks.example(Map.of("statusEndpointAccess", "public"));

  @Test
  void noRequestValidatorPretendsToCheckWhatOnlyTheFunctionChecks() {
    TEMPLATE.resourceCountIs("AWS::ApiGateway::RequestValidator", 0);
    TEMPLATE.allResourcesProperties(
        "AWS::ApiGateway::Method", Map.of("RequestValidatorId", Match.absent()));
  }

  @Test
  void theStatusEndpointAndPageNeedIamAuthorizationByDefault() {
    assertThat(statusMethod(TEMPLATE)).containsEntry("AuthorizationType", "AWS_IAM");
    assertThat(pageMethod(TEMPLATE))
        .containsEntry("AuthorizationType", "AWS_IAM")
        .containsEntry("HttpMethod", "GET");
  }

  @Test
  void theCatalogsRoutesStayWithoutAuthorizationForTheApplicationToAdd() {
    var methods = TEMPLATE.findResources("AWS::ApiGateway::Method");
    assertThat(methods).hasSize(6);
    assertThat(
            methods.values().stream()
                .map(m -> properties(m).get("AuthorizationType"))
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder("NONE", "NONE", "NONE", "NONE", "AWS_IAM", "AWS_IAM");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStatusPageAndTheJsonStatusHaveTheirOwnThrottleBelowTheStagesSoAFloodOfThemIsRefused() {
    var stage = TEMPLATE.findResources("AWS::ApiGateway::Stage").values().iterator().next();
    var settings = (List<Map<String, Object>>) properties(stage).get("MethodSettings");
    Map<String, Object> stageWide =
        settings.stream().filter(m -> "/*".equals(m.get("ResourcePath"))).findFirst().orElseThrow();

    for (String path : List.of("/~1_brownout", "/~1_brownout~1status")) {
      assertThat(settings)
          .as(path)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .containsEntry("ResourcePath", path)
                      .containsEntry("HttpMethod", "GET")
                      .containsEntry("ThrottlingRateLimit", 5)
                      .containsEntry("ThrottlingBurstLimit", 10));
    }
    assertThat(((Number) stageWide.get("ThrottlingRateLimit")).doubleValue()).isGreaterThan(5);
  }

  @Test
  void aPublicStatusEndpointIsTheDeployersExplicitChoice() {
    assertThat(statusMethod(Template.fromStack(PUBLIC))).containsEntry("AuthorizationType", "NONE");
    assertThat(pageMethod(Template.fromStack(PUBLIC))).containsEntry("AuthorizationType", "NONE");
  }

  @Test
  void anUnknownStatusEndpointAccessIsRefusedQuotingTheValue() {
    assertThatThrownBy(() -> Stacks.example(Map.of("statusEndpointAccess", "private")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The context value statusEndpointAccess must be iam or public, got \"private\"");
  }

  @Test
  void grantStatusEndpointLetsAPrincipalInvokeTheStatusMethodAndPageAndNothingElse() {
    Stack stack = new Stack(Stacks.app("../brownout.yaml", Map.of()), "Granted");
    Brownout brownout =
        new Brownout(
            stack,
            "Shop",
            BrownoutProps.builder()
                .catalogFile(Path.of("..", "brownout.yaml"))
                .functionsJar(Stacks.functionsJar())
                .build());
    Role operator =
        Role.Builder.create(stack, "Operator").assumedBy(new AccountRootPrincipal()).build();

    brownout.grantStatusEndpoint(operator);

    var policies =
        Template.fromStack(stack).findResources("AWS::IAM::Policy").values().stream()
            .map(String::valueOf)
            .filter(p -> p.contains("execute-api:"))
            .toList();
    assertThat(policies).hasSize(1);
    assertThat(policies.get(0))
        .contains("Operator")
        .contains("Action=execute-api:Invoke")
        .contains("/GET/_brownout/status")
        .contains("/GET/_brownout]")
        .doesNotContain("/products");
  }

  @ParameterizedTest(name = "status endpoint {0}")
  @CsvSource({
    "iam,    AwsSolutions-COG4",
    "public, AwsSolutions-APIG4 AwsSolutions-COG4",
  })
  void cdkNagIsToldAboutMissingAuthorizationOnlyWhereAMethodIsPublic(
      String access, String statusSuppressions) {
    Stack stack = access.equals("public") ? PUBLIC : DEFAULT;
    Template template = Template.fromStack(stack);

    var methods = template.findResources("AWS::ApiGateway::Method");
    Set<String> status = Set.of(statusMethodId(template), pageMethodId(template));
    methods.forEach(
        (id, method) ->
            assertThat(suppressedRules(method))
                .as(id)
                .isEqualTo(
                    status.contains(id)
                        ? Set.of(statusSuppressions.split(" "))
                        : Set.of("AwsSolutions-APIG4", "AwsSolutions-COG4")));
    assertThat(
            Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*")))
        .isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> suppressedRules(Map<String, Object> resource) {
    var metadata = (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
    var nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
    var rules = (List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress", List.of());
    return rules.stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  private static String statusMethodId(Template template) {
    return methodId(template, "status");
  }

  private static String pageMethodId(Template template) {
    return methodId(template, "_brownout");
  }

  private static String methodId(Template template, String pathPart) {
    String resource =
        template
            .findResources(
                "AWS::ApiGateway::Resource", Map.of("Properties", Map.of("PathPart", pathPart)))
            .keySet()
            .iterator()
            .next();
    var found =
        template.findResources(
            "AWS::ApiGateway::Method",
            Map.of("Properties", Map.of("ResourceId", Map.of("Ref", resource))));
    assertThat(found).hasSize(1);
    return found.keySet().iterator().next();
  }

  private static Map<String, Object> statusMethod(Template template) {
    return properties(
        template.findResources("AWS::ApiGateway::Method").get(statusMethodId(template)));
  }

  private static Map<String, Object> pageMethod(Template template) {
    return properties(
        template.findResources("AWS::ApiGateway::Method").get(pageMethodId(template)));
  }
}
