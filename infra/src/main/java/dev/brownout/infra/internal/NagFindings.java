package dev.brownout.infra.internal;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;

/**
 * The cdk-nag findings a construct accepts on its own resources, each with its reason. A construct
 * suppresses them on the resource objects it made (never by construct path or stack name), so they
 * hold wherever a team puts the construct and whatever it calls it.
 */
public final class NagFindings {
  /**
   * An ARN's partition, region and account in a finding, for {@link #acceptMatching}: a pseudo
   * parameter where the stack has no environment, a literal where it has one.
   */
  public static final String PARTITION = "(<AWS::Partition>|aws[a-z-]*)";

  public static final String REGION = "(<AWS::Region>|[a-z0-9-]+)";
  public static final String ACCOUNT = "(<AWS::AccountId>|\\d{12})";

  private NagFindings() {}

  /** Accepts every finding of rule {@code id} on the resource. */
  public static NagPackSuppression accept(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  /**
   * Accepts only the finding {@code finding} of rule {@code id}, as cdk-nag names it (for IAM5
   * {@code Resource::<what>} or {@code Action::<what>}, for IAM4 {@code Policy::<arn>}).
   */
  public static NagPackSuppression acceptOnly(String id, String reason, String finding) {
    return NagPackSuppression.builder().id(id).reason(reason).appliesTo(List.of(finding)).build();
  }

  /**
   * Accepts only the findings of rule {@code id} that {@code regex} (a JavaScript regex literal,
   * {@code /.../}) matches: for a finding whose account, region or partition is a literal in a
   * stack with an environment and a token in one without.
   */
  public static NagPackSuppression acceptMatching(String id, String reason, String regex) {
    return NagPackSuppression.builder()
        .id(id)
        .reason(reason)
        .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build()))
        .build();
  }
}
