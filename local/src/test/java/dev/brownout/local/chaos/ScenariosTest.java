package dev.brownout.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.local.demo.AwsFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
  private static Catalog shop() {
    return CatalogLoader.load(Path.of(System.getProperty("brownout.root", ".."), "brownout.yaml"));
  }

  @Test
  void theExampleCatalogHasEveryScenarioOnTheRightDependencies() {
    Scenarios scenarios = new Scenarios(shop());

    assertThat(scenarios.all())
        .extracting(Scenario::name)
        .containsExactly(
            "optional-down",
            "important-down",
            "hanging-primary",
            "flaky-primary",
            "dwell-flap",
            "workflow-failing",
            "abusive-clients",
            "critical-down",
            "two-important-down",
            "ssm-api-cut",
            "cache-table-down",
            "status-table-down");
    assertThat(scenarios.missing()).isEmpty();
    assertThat(scenarios.named("optional-down").orElseThrow().dependencies())
        .containsExactly("recommendations");
    assertThat(scenarios.named("critical-down").orElseThrow().dependencies())
        .containsExactly("product-db");
    assertThat(scenarios.named("two-important-down").orElseThrow().dependencies())
        .containsExactlyInAnyOrder("catalog-service", "pricing");
    assertThat(scenarios.named("ssm-api-cut").orElseThrow().steps())
        .first()
        .isEqualTo(new Step.Inject(AwsFaults.SSM_API, "down"));
  }

  @Test
  void theRecoveryBudgetIsRecoveryThresholdTimesIntervalPlusTheDwellAsTheCatalogSays() {
    Catalog shop = shop();
    Scenarios scenarios = new Scenarios(shop);

    assertThat(scenarios.named("important-down").orElseThrow().recoveryBudget())
        .isEqualTo(budget(shop, "catalog-service"));
    assertThat(scenarios.named("optional-down").orElseThrow().recoveryBudget())
        .isEqualTo(budget(shop, "recommendations"));
    assertThat(scenarios.named("two-important-down").orElseThrow().recoveryBudget())
        .isEqualTo(max(budget(shop, "catalog-service"), budget(shop, "pricing")));
    assertThat(scenarios.named("cache-table-down").orElseThrow().recoveryBudget())
        .isEqualTo(shop.policy().minDwell());
  }

  private static Duration budget(Catalog catalog, String dependency) {
    Dependency d =
        catalog.dependencies().stream()
            .filter(x -> x.name().equals(dependency))
            .findFirst()
            .orElseThrow();
    return d.interval().multipliedBy(d.recoveryThreshold()).plus(catalog.policy().minDwell());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Test
  void onlyScenariosThatMoveTheLevelHaveALevelTargetAndTheOthersMustHoldIt() {
    Scenarios scenarios = new Scenarios(shop());

    assertThat(scenarios.all().stream().filter(Scenario::changesLevel).map(Scenario::name))
        .containsExactlyInAnyOrder(
            "important-down",
            "hanging-primary",
            "dwell-flap",
            "abusive-clients",
            "critical-down",
            "two-important-down");
    assertThat(scenarios.all().stream().filter(Scenario::holdsLevel).map(Scenario::name))
        .containsExactlyInAnyOrder(
            "optional-down",
            "workflow-failing",
            "ssm-api-cut",
            "cache-table-down",
            "status-table-down");
  }

  @Test
  void aCatalogWithoutOptionalOrCriticalDependenciesLeavesThoseScenariosOutSayingWhy() {
    Catalog small =
        CatalogLoader.parse(
            "small.yaml",
            """
            app: small
            dependencies:
              - name: only
                criticality: important
                check: {type: tcp, host: localhost, port: 9}
            """);

    Scenarios scenarios = new Scenarios(small);

    assertThat(scenarios.missing())
        .containsEntry("optional-down", "the catalog has no optional dependency")
        .containsEntry("critical-down", "the catalog has no critical dependency")
        .containsEntry(
            "two-important-down", "the catalog has fewer than two important dependencies");
    assertThatThrownBy(() -> scenarios.select(List.of("critical-down")))
        .hasMessageContaining(
            "no chaos scenario is named \"critical-down\" for this catalog: the catalog has no"
                + " critical dependency");
    assertThatThrownBy(() -> scenarios.select(List.of("nonsense")))
        .hasMessageStartingWith("no chaos scenario is named \"nonsense\"; known: important-down");
    assertThat(ChaosTable.list(scenarios)).contains("(not for this catalog: the catalog has no");
  }

  @Test
  void noNameSelectsEveryScenarioAndNamesSelectThoseInTheirOrder() {
    Scenarios scenarios = new Scenarios(shop());

    assertThat(scenarios.select(List.of())).hasSize(12);
    assertThat(scenarios.select(List.of("status-table-down", "optional-down")))
        .extracting(Scenario::name)
        .containsExactly("status-table-down", "optional-down");
  }
}
