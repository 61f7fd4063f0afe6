package dev.brownout.local.lambda;

import static dev.brownout.local.testing.TestFunctions.deploy;
import static dev.brownout.local.testing.TestFunctions.handler;
import static dev.brownout.local.testing.TestFunctions.handlersJar;
import static dev.brownout.local.testing.TestFunctions.packageWithJar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.testing.TestFunctions;
import dev.brownout.local.testing.TestMoto;
import dev.brownout.local.testing.handlers.TestHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Function configurations read from moto, kept briefly so a busy API does not ask per request. */
class DeployedFunctionsIT {

  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aConfigurationChangeAppliesOnceTheKeptReadIsOlderThanFreshFor() {
    TestMoto.reset();
    String name =
        deploy(
            handler(TestHandlers.Echo.class),
            packageWithJar(handlersJar("1")),
            256,
            3,
            Map.of("OWN_SETTING", "first"));
    StepClock clock = new StepClock();
    DeployedFunctions functions = new DeployedFunctions(TestFunctions.lambda(), clock);
    assertThat(functions.get(name).environment()).containsEntry("OWN_SETTING", "first");

    TestFunctions.lambda()
        .updateFunctionConfiguration(
            r ->
                r.functionName(name)
                    .environment(e -> e.variables(Map.of("OWN_SETTING", "second"))));
    FunctionConfig meanwhile =
        functions.get("arn:aws:lambda:us-east-1:123456789012:function:" + name);
    clock.now = clock.now.plus(DeployedFunctions.FRESH_FOR).plus(Duration.ofMillis(1));
    FunctionConfig after = functions.get(name);

    assertThat(meanwhile.environment()).containsEntry("OWN_SETTING", "first");
    assertThat(after.environment()).containsEntry("OWN_SETTING", "second");
  }
}
