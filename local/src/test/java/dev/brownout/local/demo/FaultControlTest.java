package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultControlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private boolean portTaken;

  private final Faults faults =
      new Faults(
          List.of(
              new FaultSwitch(
                  "product-db",
                  "product-db",
                  "dynamodb table shop-products",
                  Duration.ofMillis(2500),
                  FaultSwitch.Transition.NONE),
              new FaultSwitch(
                  "catalog-service",
                  "catalog-service",
                  "http://127.0.0.1:8081",
                  Duration.ofMillis(2500),
                  (from, to) -> {
                    if (portTaken) {
                      throw new IllegalStateException("cannot listen on port 8081");
                    }
                  }),
              new FaultSwitch(
                  "catalog-service-alternative",
                  "catalog-service",
                  "http://127.0.0.1:8085",
                  Duration.ofMillis(1300),
                  FaultSwitch.Transition.NONE)),
          Map.of("shop-products", "product-db"),
          s -> {});
  private final FaultControl control = new FaultControl(faults);

  private static JsonNode json(FaultControl.Answer answer) throws Exception {
    assertThat(answer.contentType()).isEqualTo("application/json");
    return JSON.readTree(answer.body());
  }

  @Test
  void getListsEveryTargetWithItsFaultAddressAndSlownessAndTheAllowedFaults() throws Exception {
    faults.set("catalog-service", Fault.SLOW);
    FaultControl.Answer answer = control.handle("GET", "/_brownout/faults", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer))
        .isEqualTo(
            JSON.readTree(
                """
                {"faults":[
                  {"name":"product-db","dependency":"product-db","fault":"up",
                   "address":"dynamodb table shop-products","slowByMs":2500},
                  {"name":"catalog-service","dependency":"catalog-service","fault":"slow",
                   "address":"http://127.0.0.1:8081","slowByMs":2500},
                  {"name":"catalog-service-alternative","dependency":"catalog-service",
                   "fault":"up","address":"http://127.0.0.1:8085","slowByMs":1300}],
                 "allowed":["up","down","slow","error","flaky"]}
                """));
  }

  @Test
  void getOfOneNameAnswersThatTarget() throws Exception {
    FaultControl.Answer answer = control.handle("GET", "/_brownout/faults/product-db", "");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer).get("fault").asText()).isEqualTo("up");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "down",
        "DOWN\n",
        "  down  ",
        "{\"fault\":\"down\"}",
        " {\"fault\": \"Down\", \"note\": 1} ",
        "\"down\""
      })
  void postWithPlainTextOrJsonSwitchesTheFaultAndAnswersTheNewState(String body) throws Exception {
    FaultControl.Answer answer = control.handle("POST", "/_brownout/faults/catalog-service", body);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer).get("name").asText()).isEqualTo("catalog-service");
    assertThat(json(answer).get("fault").asText()).isEqualTo("down");
    assertThat(faults.state("catalog-service").orElseThrow().fault()).isEqualTo(Fault.DOWN);
  }

  @Test
  void aTrailingSlashAndAQueryAreIgnored() {
    assertThat(control.handle("POST", "/_brownout/faults/product-db/?x=1", "error").status())
        .isEqualTo(200);
    assertThat(faults.state("product-db").orElseThrow().fault()).isEqualTo(Fault.ERROR);
    assertThat(control.handle("GET", "/_brownout/faults/", null).status()).isEqualTo(200);
  }

  @Test
  void anUnknownNameIs404ListingTheKnownNames() throws Exception {
    FaultControl.Answer answer = control.handle("POST", "/_brownout/faults/catalog", "down");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(json(answer).get("message").asText())
        .isEqualTo(
            "no demo dependency is named \"catalog\"; known: product-db, catalog-service,"
                + " catalog-service-alternative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"broken", "", "{\"fault\":\"off\"}"})
  void anUnknownFaultIs400ListingTheAllowedOnesAndChangesNothing(String body) throws Exception {
    FaultControl.Answer answer = control.handle("POST", "/_brownout/faults/pricing", body);
    assertThat(answer.status()).as("an unknown name wins over a bad body").isEqualTo(404);
    answer = control.handle("POST", "/_brownout/faults/catalog-service", body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("message").asText())
        .contains("expected one of up, down, slow, error, flaky");
    assertThat(faults.state("catalog-service").orElseThrow().fault()).isEqualTo(Fault.UP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"fault\":", "{\"fault\":3}", "{\"kind\":\"down\"}", "{}"})
  void aJsonBodyWithoutAStringFaultIs400SayingWhatIsWrong(String body) throws Exception {
    FaultControl.Answer answer = control.handle("POST", "/_brownout/faults/product-db", body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("message").asText())
        .containsAnyOf("is not valid JSON", "has no string \"fault\"")
        .contains("down");
  }

  @Test
  void aChangeThatCannotBeMadeIs409AndLeavesTheFault() throws Exception {
    control.handle("POST", "/_brownout/faults/catalog-service", "slow");
    portTaken = true;
    FaultControl.Answer answer = control.handle("POST", "/_brownout/faults/catalog-service", "up");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(json(answer).get("message").asText()).isEqualTo("cannot listen on port 8081");
    assertThat(faults.state("catalog-service").orElseThrow().fault()).isEqualTo(Fault.SLOW);
  }

  @Test
  void otherMethodsAre405AndOtherPaths404() throws Exception {
    assertThat(control.handle("DELETE", "/_brownout/faults", null).status()).isEqualTo(405);
    assertThat(control.handle("POST", "/_brownout/faults", "down").status()).isEqualTo(405);
    assertThat(control.handle("DELETE", "/_brownout/faults/product-db", null).status())
        .isEqualTo(405);
    FaultControl.Answer other = control.handle("GET", "/_brownout/faultsx", null);
    assertThat(other.status()).isEqualTo(404);
    assertThat(json(other).get("message").asText()).contains("/_brownout/faults");
  }
}
