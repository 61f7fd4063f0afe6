package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.functions.adapters.stepfunctions.StepFunctionsWorkflow;
import org.junit.jupiter.api.Test;

class StepFunctionsWorkflowTest {
  @Test
  void shortKeysBecomeNamesWithOnlyAllowedCharacters() {
    assertThat(StepFunctionsWorkflow.executionName("2026-11-26T10:00:00Z#event-1#db#0"))
        .isEqualTo("2026-11-26T10-00-00Z-event-1-db-0");
  }

  @Test
  void longKeysKeepTheirStartAndStayUniqueWithinEightyCharacters() {
    String a =
        "2026-11-26T10:00:00Z#53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa#catalog-service-with-a-long-name#1";
    String b =
        "2026-11-26T10:00:00Z#53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa#catalog-service-with-a-long-name#2";

    assertThat(StepFunctionsWorkflow.executionName(a))
        .hasSize(80)
        .startsWith("2026-11-26T10-00-00Z-53dc4d37");
    assertThat(StepFunctionsWorkflow.executionName(a))
        .isNotEqualTo(StepFunctionsWorkflow.executionName(b));
  }
}
