package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultsTest {
  private static final Duration SLOW = Duration.ofMillis(2500);

  private final List<String> transitions = new ArrayList<>();
  private final List<Faults.State> changes = new ArrayList<>();

  private Faults faults(FaultSwitch.Transition serviceTransition) {
    return new Faults(
        List.of(
            new FaultSwitch(
                "product-db", "product-db", "dynamodb table shop-products", SLOW, (f, t) -> {}),
            new FaultSwitch(
                "catalog-service",
                "catalog-service",
                "http://127.0.0.1:8081",
                SLOW,
                serviceTransition)),
        Map.of("shop-products", "product-db"),
        changes::add);
  }

  private Faults faults() {
    return faults((from, to) -> transitions.add(from + "->" + to));
  }

  @Test
  void everyTargetStartsUpAndEveryRequestIsServed() {
    Faults faults = faults();
    assertThat(faults.all()).extracting(Faults.State::fault).containsOnly(Fault.UP);
    for (int i = 0; i < 10; i++) {
      assertThat(faults.tableFault("shop-products")).isEmpty();
    }
  }

  @Test
  void aFlakyTargetFailsTheFirstRequestAndThenExactlyEveryOtherOne() {
    Faults faults = faults();
    faults.set("product-db", Fault.FLAKY);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      failed.add(faults.tableFault("shop-products").isPresent());
    }
    assertThat(failed).containsExactly(true, false, true, false, true, false, true, false, true);
  }

  @Test
  void switchingToFlakyAgainRestartsTheCountWhereverItStood() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      Faults faults = faults();
      faults.set("product-db", Fault.FLAKY);
      int before = random.nextInt(7);
      for (int i = 0; i < before; i++) {
        faults.tableFault("shop-products");
      }
      faults.set("product-db", Fault.FLAKY);
      int n = 1 + random.nextInt(20);
      int failures = 0;
      for (int i = 0; i < n; i++) {
        Optional<Disruption> d = faults.tableFault("shop-products");
        assertThat(d.isPresent()).as("request %d after the switch", i + 1).isEqualTo(i % 2 == 0);
        d.ifPresent(x -> assertThat(x).isEqualTo(new Disruption.Fail()));
        failures += d.isPresent() ? 1 : 0;
      }
      assertThat(failures).isEqualTo((n + 1) / 2);
    }
  }

  @Test
  void aSlowTargetDelaysEveryRequestByItsSlowness() {
    Faults faults = faults();
    faults.set("product-db", Fault.SLOW);
    assertThat(faults.tableFault("shop-products")).contains(new Disruption.Delay(SLOW));
    assertThat(faults.tableFault("shop-products")).contains(new Disruption.Delay(SLOW));
  }

  @Test
  void anErrorTargetFailsEveryRequestAndADownOneRefusesEveryRequest() {
    Faults faults = faults();
    faults.set("product-db", Fault.ERROR);
    assertThat(faults.tableFault("shop-products")).contains(new Disruption.Fail());
    assertThat(faults.tableFault("shop-products")).contains(new Disruption.Fail());
    faults.set("product-db", Fault.DOWN);
    assertThat(faults.tableFault("shop-products")).contains(new Disruption.Refuse());
    faults.set("product-db", Fault.UP);
    assertThat(faults.tableFault("shop-products")).isEmpty();
  }

  @Test
  void aTableThatIsNotTheDemosIsNeverDisrupted() {
    Faults faults = faults();
    faults.set("product-db", Fault.ERROR);
    assertThat(faults.tableFault("brownout-status")).isEmpty();
    assertThat(faults.tables()).containsExactly("shop-products");
  }

  @Test
  void theTransitionRunsOnlyWhenTheFaultChanges() {
    Faults faults = faults();
    faults.set("catalog-service", Fault.DOWN);
    faults.set("catalog-service", Fault.DOWN);
    faults.set("catalog-service", Fault.SLOW);
    faults.set("catalog-service", Fault.SLOW);
    assertThat(transitions).containsExactly("up->down", "down->slow");
  }

  @Test
  void aChangeThatCannotBeMadeLeavesTheFaultAsItWasAndIsNotReported() {
    Faults faults =
        faults(
            (from, to) -> {
              if (from == Fault.DOWN) {
                throw new IllegalStateException("port 8081 is taken");
              }
            });
    faults.set("catalog-service", Fault.DOWN);
    changes.clear();
    assertThatThrownBy(() -> faults.set("catalog-service", Fault.UP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port 8081 is taken");
    assertThat(faults.state("catalog-service").orElseThrow().fault()).isEqualTo(Fault.DOWN);
    assertThat(changes).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void everyChangeIsReportedWithTheNewState(Fault fault) {
    Faults faults = faults();
    Faults.State state = faults.set("catalog-service", fault);
    assertThat(state)
        .isEqualTo(
            new Faults.State(
                "catalog-service", "catalog-service", fault, "http://127.0.0.1:8081", SLOW));
    assertThat(changes).containsExactly(state);
  }

  @Test
  void anUnknownNameIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> faults().set("catalog", Fault.DOWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no demo dependency is named \"catalog\"; known: product-db, catalog-service");
  }

  @Test
  void twoTargetsWithOneNameAreRefused() {
    FaultSwitch a = new FaultSwitch("x", "x", "a", SLOW, FaultSwitch.Transition.NONE);
    FaultSwitch b = new FaultSwitch("x", "x", "b", SLOW, FaultSwitch.Transition.NONE);
    assertThatThrownBy(() -> new Faults(List.of(a, b), Map.of(), s -> {}))
        .hasMessage("two fault targets are named \"x\"");
  }
}
