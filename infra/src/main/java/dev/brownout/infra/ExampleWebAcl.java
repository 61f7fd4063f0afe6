package dev.brownout.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AllowActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CountActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.DefaultActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.constructs.Construct;

/**
 * The example app's WAFv2 web ACL for the API's stage: AWS's managed rule groups for common
 * exploits, known bad inputs and IP addresses with a bad reputation, and a per-address rate limit.
 * Requests that match none are allowed. Each rule has its CloudWatch metric and sampled requests.
 */
final class ExampleWebAcl {
  /**
   * Requests one client address may send in {@link #RATE_WINDOW_SECONDS}, over every route, before
   * WAF blocks it until its rate falls again: 20 a second, a fifth of the stage's default throttle
   * ({@link BrownoutProps#DEFAULT_API_RATE_LIMIT}), so one address cannot use up everyone's share.
   */
  static final int RATE_LIMIT = 1200;

  static final int RATE_WINDOW_SECONDS = 60;

  private ExampleWebAcl() {}

  static CfnWebACL create(Construct scope, String id, String app) {
    return CfnWebACL.Builder.create(scope, id)
        .name("brownout-" + app)
        .description("Brownout " + app + ": AWS managed rules and a rate limit per client address")
        .scope("REGIONAL")
        .defaultAction(
            DefaultActionProperty.builder().allow(AllowActionProperty.builder().build()).build())
        .visibilityConfig(visibility("brownout-" + app))
        .rules(
            List.of(
                // The API itself takes bodies up to 1 MB (RequestGuard) and answers a problem
                // above that; the rule set's 8 KB body limit would refuse legitimate writes.
                managed(0, "AWSManagedRulesCommonRuleSet", List.of("SizeRestrictions_BODY")),
                managed(1, "AWSManagedRulesKnownBadInputsRuleSet", List.of()),
                managed(2, "AWSManagedRulesAmazonIpReputationList", List.of()),
                RuleProperty.builder()
                    .name("RatePerClientAddress")
                    .priority(3)
                    .statement(
                        StatementProperty.builder()
                            .rateBasedStatement(
                                RateBasedStatementProperty.builder()
                                    .aggregateKeyType("IP")
                                    .limit(RATE_LIMIT)
                                    .evaluationWindowSec(RATE_WINDOW_SECONDS)
                                    .build())
                            .build())
                    .action(
                        RuleActionProperty.builder()
                            .block(BlockActionProperty.builder().build())
                            .build())
                    .visibilityConfig(visibility("RatePerClientAddress"))
                    .build()))
        .build();
  }

  /** An AWS managed rule group with its own actions, except {@code counted} rules only count. */
  private static RuleProperty managed(int priority, String group, List<String> counted) {
    ManagedRuleGroupStatementProperty.Builder statement =
        ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(group);
    if (!counted.isEmpty()) {
      statement.ruleActionOverrides(
          counted.stream()
              .map(
                  rule ->
                      RuleActionOverrideProperty.builder()
                          .name(rule)
                          .actionToUse(
                              RuleActionProperty.builder()
                                  .count(CountActionProperty.builder().build())
                                  .build())
                          .build())
              .toList());
    }
    return RuleProperty.builder()
        .name(group)
        .priority(priority)
        .statement(StatementProperty.builder().managedRuleGroupStatement(statement.build()).build())
        .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
        .visibilityConfig(visibility(group))
        .build();
  }

  private static VisibilityConfigProperty visibility(String metric) {
    return VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metric)
        .sampledRequestsEnabled(true)
        .build();
  }
}
