package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduledEventsTest {
  /** AWS's own sample of a scheduled event, as the health check's tests use it. */
  private static final Path SAMPLE = Path.of("../events/health-check/scheduled-event.json");

  private static final String RULE = "arn:aws:events:eu-west-1:210987654321:rule/nightly-report";
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theEventOfAWSsSampleRuleAndTimeIsTheSampleKeyForKeyInItsOrder() throws IOException {
    JsonNode sample = json.readTree(SAMPLE.toFile());

    ObjectNode event =
        ScheduledEvents.event(
            sample.get("id").asText(),
            sample.get("resources").get(0).asText(),
            Instant.parse(sample.get("time").asText()));

    assertThat(event).isEqualTo(sample);
    assertThat(event.toString()).isEqualTo(sample.toString());
  }

  @Test
  void theEventCarriesTheRulesAccountRegionAndArnAndTheFiringTimeInWholeSeconds() {
    ObjectNode event =
        ScheduledEvents.event(
            "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
            RULE,
            Instant.parse("2026-11-27T10:00:00.789Z"));

    assertThat(event.toString())
        .isEqualTo(
            "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\","
                + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                + "\"account\":\"210987654321\",\"time\":\"2026-11-27T10:00:00Z\","
                + "\"region\":\"eu-west-1\",\"resources\":[\""
                + RULE
                + "\"],\"detail\":{}}");
  }

  @Test
  void lambdasOwnEventClassReadsTheEventAsItReadsTheSample(@TempDir Path dir) throws IOException {
    Path built = dir.resolve("event.json");
    Files.writeString(
        built,
        ScheduledEvents.event("id-1", RULE, Instant.parse("2026-11-27T10:00:00Z")).toString());

    ScheduledEvent event = EventLoader.loadScheduledEvent(built.toString());
    ScheduledEvent sample = EventLoader.loadScheduledEvent(SAMPLE.toString());

    assertThat(event.getVersion()).isEqualTo(sample.getVersion()).isEqualTo("0");
    assertThat(event.getDetailType())
        .isEqualTo(sample.getDetailType())
        .isEqualTo("Scheduled Event");
    assertThat(event.getSource()).isEqualTo(sample.getSource()).isEqualTo("aws.events");
    assertThat(event.getDetail()).isEqualTo(sample.getDetail()).isEmpty();
    assertThat(event.getId()).isEqualTo("id-1");
    assertThat(event.getAccount()).isEqualTo("210987654321");
    assertThat(event.getRegion()).isEqualTo("eu-west-1");
    assertThat(event.getResources()).isEqualTo(List.of(RULE));
    assertThat(event.getTime().getMillis())
        .isEqualTo(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nightly-report",
        "arn:aws:lambda:eu-west-1:210987654321:function:nightly-report",
        "arn:aws:events:eu-west-1:210987654321:event-bus/default",
        "arn:aws:events::210987654321:rule/nightly-report",
        "arn:aws:events:eu-west-1::rule/nightly-report",
      })
  void aRuleArnThatIsNoEventBridgeRuleArnIsRefused(String arn) {
    assertThatThrownBy(() -> ScheduledEvents.event("id-1", arn, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\""
                + arn
                + "\" is not an EventBridge rule ARN"
                + " (arn:<partition>:events:<region>:<account>:rule/<name>)");
  }
}
