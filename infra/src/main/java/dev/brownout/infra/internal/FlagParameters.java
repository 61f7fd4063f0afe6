package dev.brownout.infra.internal;

import dev.brownout.core.Level;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;
import software.constructs.IConstruct;

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
        List.of(arn("/*"), arn("")),
        "Reads the app's own parameters by path (GetParametersByPath), scoped to its prefix "
            + Parameters.prefix(catalog)
            + "/");
  }

  /** Write the app's parameters (the workflow's flag plan). */
  public void grantWrite(IGrantable grantee) {
    grant(
        grantee,
        List.of("ssm:PutParameter"),
        List.of(arn("/*")),
        "Writes the app's flag and level parameters, scoped to its prefix "
            + Parameters.prefix(catalog)
            + "/");
  }

  private void grant(
      IGrantable grantee, List<String> actions, List<String> resources, String whyTheWildcard) {
    IPrincipal principal = grantee.getGrantPrincipal();
    principal.addToPrincipalPolicy(
        PolicyStatement.Builder.create().actions(actions).resources(resources).build());
    suppressNagFindings(principal, whyTheWildcard);
  }

  /**
   * The wildcard of {@code /brownout/<app>/*} is this construct's doing: it accepts that finding,
   * and only that, on the grantee's policies, whoever the grantee is.
   */
  private void suppressNagFindings(IPrincipal principal, String reason) {
    // The prefix has no regex metacharacters: an app name is [a-z0-9-] (CatalogValidator).
    if (principal instanceof IConstruct construct) {
      NagSuppressions.addResourceSuppressions(
          construct,
          List.of(
              NagFindings.acceptMatching(
                  "AwsSolutions-IAM5",
                  reason,
                  "/^Resource::arn:"
                      + NagFindings.PARTITION
                      + ":ssm:"
                      + NagFindings.REGION
                      + ":"
                      + NagFindings.ACCOUNT
                      + ":parameter"
                      + Parameters.prefix(catalog)
                      + "/\\*$/")),
          true);
    }
  }
}
