package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.contract.Handlers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

class AwsTargetsTest {
  private static FunctionConfiguration function(
      String name, String handler, Map<String, String> env) {
    return FunctionConfiguration.builder()
        .functionName(name)
        .handler(handler)
        .environment(e -> e.variables(env))
        .build();
  }

  @Test
  void theApiAndEvaluatorAreFoundByHandlerAndTheTablesFromTheApisEnvironment() {
    AwsTargets targets =
        AwsTargets.of(
            List.of(
                function(
                    "Shop-Health",
                    "dev.brownout.functions.handlers.HealthCheckHandler::handleRequest",
                    Map.of()),
                function(
                    "Shop-Api",
                    Handlers.API,
                    Map.of("BROWNOUT_CACHE_TABLE", "cache-1", "BROWNOUT_STATUS_TABLE", "status-1")),
                function("Shop-Evaluator", Handlers.EVALUATOR, Map.of())));

    assertThat(targets)
        .isEqualTo(new AwsTargets("Shop-Api", "Shop-Evaluator", "cache-1", "status-1"));
  }

  @Test
  void anAppWithoutBrownoutsFunctionsIsRefusedNamingTheMissingHandler() {
    assertThatThrownBy(() -> AwsTargets.of(List.of(function("other", "x::y", Map.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no deployed function has the handler " + Handlers.API)
        .hasMessageContaining("[other]");
    assertThatThrownBy(
            () ->
                AwsTargets.of(
                    List.of(
                        function("api", Handlers.API, Map.of()),
                        function("ev", Handlers.EVALUATOR, Map.of()))))
        .hasMessage("the API function api has no BROWNOUT_CACHE_TABLE in its environment");
  }

  @Test
  void joinedSwitchesAreTheSameSwitchesAndKeepBothTablesFaults() {
    Faults demo = DemoWorld.tableFaults(Catalogs.shop());
    AwsFaults aws = new AwsFaults(new AwsTargets("api", "evaluator", "cache-1", "status-1"));

    Faults joined = Faults.joined(demo, aws.faults(), s -> {});
    joined.set(AwsFaults.CACHE_TABLE, Fault.DOWN);

    assertThat(joined.names())
        .containsSequence(
            "product-db",
            AwsFaults.CACHE_TABLE,
            AwsFaults.STATUS_TABLE,
            AwsFaults.SSM_API,
            AwsFaults.WORKFLOW);
    assertThat(aws.faults().state(AwsFaults.CACHE_TABLE).orElseThrow().fault())
        .isEqualTo(Fault.DOWN);
    assertThat(joined.tableFault("cache-1")).containsInstanceOf(Disruption.Refuse.class);
    assertThat(joined.tableFault("status-1")).isEmpty();
    assertThat(joined.tables()).contains("shop-products", "cache-1", "status-1");
  }
}
