package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * A team's own app that embeds {@link Brownout} under its own id, in its own stack, and runs the
 * cdk-nag packs the example app runs: every finding is the construct's to accept, so the team sees
 * none, with or without the recommended feature flags and an environment.
 */
class EmbeddedConstructNagTest {
  private static final String WEB_ACL =
      "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d-0000-4000-8000-000000000000";

  static Stream<Arguments> teamApps() {
    return Stream.of(
        Arguments.of("no context, no environment", Map.of(), null),
        Arguments.of(
            "cdk.json's feature flags, an account and a region",
            Stacks.cdkJsonContext(),
            Environment.builder().account("123456789012").region("eu-west-1").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("teamApps")
  void brownoutEmbeddedUnderAnotherIdInAnotherStackLeavesNoNagErrorOrWarning(
      String name, Map<String, Object> context, Environment env) {
    Stack stack = teamStack(context, env, WEB_ACL);

    assertThat(messages(Annotations.fromStack(stack).findError("*", Match.anyValue())))
        .as("errors")
        .isEmpty();
    assertThat(messages(Annotations.fromStack(stack).findWarning("*", Match.anyValue())))
        .as("warnings")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("teamApps")
  void withoutAWebAclTheTeamIsToldItsStageHasNoWaf(
      String name, Map<String, Object> context, Environment env) {
    Stack stack = teamStack(context, env, null);

    assertThat(messages(Annotations.fromStack(stack).findWarning("*", Match.anyValue())))
        .singleElement()
        .asString()
        .startsWith(
            "/ShopStack/Shop/Api/RestApi/DeploymentStage.prod/Resource: AwsSolutions-APIG3:");
  }

  /**
   * API Gateway has one CloudWatch role per account and region: a second Brownout in the account is
   * told not to set it again, and then the stack holds one.
   */
  @Test
  void twoBrownoutsInOneStackSetTheAccountsCloudWatchRoleOnlyWhereAsked(@TempDir Path dir)
      throws Exception {
    Path second = dir.resolve("brownout.yaml");
    Files.writeString(
        second,
        Files.readString(Path.of("../brownout.yaml"))
            .replaceFirst("(?m)^app: shop$", "app: shop2"));
    App app = new App();
    Stack stack = new Stack(app, "ShopStack");
    new Brownout(stack, "Shop", props(Path.of("../brownout.yaml")).build());
    new Brownout(stack, "Shop2", props(second).cloudWatchRole(false).build());

    Template template = Template.fromStack(stack);

    template.resourceCountIs("AWS::ApiGateway::Account", 1);
    template.resourceCountIs("AWS::ApiGateway::RestApi", 2);
  }

  private static BrownoutProps.Builder props(Path catalog) {
    return BrownoutProps.builder().catalogFile(catalog).functionsJar(Stacks.functionsJar());
  }

  private static Stack teamStack(Map<String, Object> context, Environment env, String webAcl) {
    App app = App.Builder.create().context(context).build();
    Stack stack = new Stack(app, "ShopStack", StackProps.builder().env(env).build());
    new Brownout(stack, "Shop", props(Path.of("../brownout.yaml")).webAclArn(webAcl).build());
    BrownoutApp.checkWithCdkNag(app);
    return stack;
  }

  private static List<String> messages(List<SynthesisMessage> found) {
    return found.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).sorted().toList();
  }
}
