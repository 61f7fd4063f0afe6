package dev.brownout.infra.internal;

import dev.brownout.core.Level;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The app's parameters under {@code /brownout/<app>/}, created with their first values: each flag
 * at its catalog default, the level FULL, an empty override.
 */
public final class FlagParameters extends Construct {
  private final Catalog catalog;

  public FlagParameters(Construct scope, String id, Catalog catalog) {
    super(scope, id);
    this.catalog = catalog;
    catalog
        .features()
        .forEach(
            f ->
                StringParameter.Builder.create(this, "Flag-" + f.name())
                    .parameterName(Parameters.flag(catalog, f.name()))
                    .stringValue(f.defaultOn() ? Parameters.ON : Parameters.OFF)
                    .description(
                        "Feature flag " + f.name() + " (on/off), set by the degradation workflow")
                    .build());
    StringParameter.Builder.create(this, "Level")
        .parameterName(Parameters.level(catalog))
        .stringValue(Level.FULL.name())
        .description("The degradation level, set by the degradation workflow")
        .build();
    StringParameter.Builder.create(this, "Override")
        .parameterName(Parameters.override(catalog))
        .stringValue("{}")
        .description("Manual override (JSON: level, features, until, reason); {} for none")
        .build();
  }

  /** The ARN of the app's prefix, or with {@code "/*"} of every parameter under it. */
  private String arn(String suffix) {
    Stack stack = Stack.of(this);
    return "arn:"
        + stack.getPartition()
        + ":ssm:"
        + stack.getRegion()
        + ":"
        + stack.getAccount()
        + ":parameter"
        + Parameters.prefix(catalog)
        + suffix;
  }

  /** Read every parameter of the app, by path. */
  public void grantRead(IGrantable grantee) {
    grant(
        grantee,
        List.of("ssm:GetParametersByPath", "ssm:GetParameter", "ssm:GetParameters"),
        List.of(arn("/*"), arn("")));
  }

  /** Write the app's parameters (the workflow's flag plan). */
  public void grantWrite(IGrantable grantee) {
    grant(grantee, List.of("ssm:PutParameter"), List.of(arn("/*")));
  }

  private static void grant(IGrantable grantee, List<String> actions, List<String> resources) {
    Grant.addToPrincipal(
        GrantOnPrincipalOptions.builder()
            .grantee(grantee)
            .actions(actions)
            .resourceArns(resources)
            .build());
  }
}
