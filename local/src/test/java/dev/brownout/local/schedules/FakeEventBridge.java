package dev.brownout.local.schedules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The default event bus in memory, answering in pages of two as AWS may page. */
final class FakeEventBridge implements EventBridgeClient {
  static final String ACCOUNT = "123456789012";
  private static final int PAGE = 2;

  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, List<Target>> targets = new LinkedHashMap<>();
  private boolean down;

  static String ruleArn(String name) {
    return "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + name;
  }

  FakeEventBridge put(String name, String expression, Target... ruleTargets) {
    return put(name, expression, RuleState.ENABLED, ruleTargets);
  }

  FakeEventBridge put(String name, String expression, RuleState state, Target... ruleTargets) {
    rules.put(
        name,
        Rule.builder()
            .name(name)
            .arn(ruleArn(name))
            .scheduleExpression(expression)
            .state(state)
            .eventBusName("default")
            .build());
    targets.put(name, List.of(ruleTargets));
    return this;
  }

  FakeEventBridge putPatternRule(String name) {
    rules.put(
        name,
        Rule.builder()
            .name(name)
            .arn(ruleArn(name))
            .eventPattern("{\"source\":[\"shop\"]}")
            .state(RuleState.ENABLED)
            .build());
    targets.put(name, List.of());
    return this;
  }

  void state(String name, RuleState state) {
    rules.put(name, rules.get(name).toBuilder().state(state).build());
  }

  void delete(String name) {
    rules.remove(name);
    targets.remove(name);
  }

  /** While down, every call fails as when moto cannot be reached. */
  void down(boolean down) {
    this.down = down;
  }

  @Override
  public ListRulesResponse listRules(ListRulesRequest request) {
    failIfDown();
    List<Rule> all = new ArrayList<>(rules.values());
    int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
    int to = Math.min(all.size(), from + PAGE);
    return ListRulesResponse.builder()
        .rules(all.subList(from, to))
        .nextToken(to < all.size() ? Integer.toString(to) : null)
        .build();
  }

  @Override
  public ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest request) {
    failIfDown();
    List<Target> all = targets.get(request.rule());
    if (all == null) {
      throw ResourceNotFoundException.builder()
          .message("Rule " + request.rule() + " does not exist.")
          .build();
    }
    int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
    int to = Math.min(all.size(), from + PAGE);
    return ListTargetsByRuleResponse.builder()
        .targets(all.subList(from, to))
        .nextToken(to < all.size() ? Integer.toString(to) : null)
        .build();
  }

  private void failIfDown() {
    if (down) {
      throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
    }
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
