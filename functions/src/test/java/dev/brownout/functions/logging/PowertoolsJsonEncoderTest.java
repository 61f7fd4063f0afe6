package dev.brownout.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowertoolsJsonEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-27T04:47:00.505Z");

  private final LoggerContext context = new LoggerContext();
  private final PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();

  @Test
  void aCheckFailureIsWrittenByteForByteAsPowertoolsLog4jLayoutWroteIt() {
    // Captured from the health-check function when it logged through Powertools' Log4j layout.
    String powertools =
        "{\"level\":\"WARN\",\"message\":\"Check failed: timed out after 500ms; healthy=true,"
            + " consecutive failures 1\",\"cold_start\":false,\"function_arn\":"
            + "\"arn:aws:lambda:us-east-1:123456789012:function:health-check\","
            + "\"function_memory_size\":512,\"function_name\":\"health-check\","
            + "\"function_request_id\":\"04e6f9ea-4823-42c0-bec9-b393b0c204f4\","
            + "\"function_version\":\"$LATEST\",\"service\":\"service_undefined\","
            + "\"timestamp\":\"2026-11-27T04:47:00.505Z\",\"dependency\":\"pricing\"}\n";
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("dependency", "pricing");
    mdc.put("function_request_id", "04e6f9ea-4823-42c0-bec9-b393b0c204f4");
    mdc.put("cold_start", "false");
    mdc.put("function_name", "health-check");
    mdc.put("function_version", "$LATEST");
    mdc.put("function_memory_size", "512");
    mdc.put("service", "service_undefined");
    mdc.put("sampling_rate", "0.0");
    mdc.put("function_arn", "arn:aws:lambda:us-east-1:123456789012:function:health-check");

    String line =
        encode(
            event(
                Level.WARN,
                "Check failed: {}; healthy={}, consecutive failures {}",
                null,
                mdc,
                "timed out after 500ms",
                true,
                1));

    assertThat(line).isEqualTo(powertools);
  }

  @Test
  void hostileTextStaysInsideItsOwnFieldOnOneLine() throws Exception {
    String message = "a \"quoted\"\nsecond line\u0007\\ \",\"level\":\"ERROR";
    String value = "x\",\"function_name\":\"forged";

    String line =
        encode(event(Level.INFO, message, null, Map.of("route", value, "cold_start", "true")));

    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonNode node = JSON.readTree(line);
    assertThat(node.path("level").asText()).isEqualTo("INFO");
    assertThat(node.path("message").asText()).isEqualTo(message);
    assertThat(node.path("route").asText()).isEqualTo(value);
    assertThat(node.has("function_name")).isFalse();
    assertThat(node.path("cold_start").isBoolean()).isTrue();
  }

  @Test
  void aTypedFieldThatIsNotANumberIsWrittenAsAStringNotAsBrokenJson() throws Exception {
    for (String size : new String[] {"512MB", "1.2.3", ".5", "5.", "", "0x10", "1e"}) {
      JsonNode node =
          JSON.readTree(encode(event(Level.INFO, "m", null, Map.of("function_memory_size", size))));
      assertThat(node.path("function_memory_size").isTextual()).as(size).isTrue();
      assertThat(node.path("function_memory_size").asText()).isEqualTo(size);
    }
    JsonNode rate =
        JSON.readTree(encode(event(Level.INFO, "m", null, Map.of("sampling_rate", "0.25"))));
    assertThat(rate.path("sampling_rate").isNumber()).isTrue();
    assertThat(rate.path("sampling_rate").asDouble()).isEqualTo(0.25);
  }

  @Test
  void aTypedFieldWithLeadingZerosIsAStringAndAnExponentIsANumber() throws Exception {
    JsonNode zeros =
        JSON.readTree(encode(event(Level.INFO, "m", null, Map.of("function_memory_size", "007"))));
    JsonNode exponent =
        JSON.readTree(encode(event(Level.INFO, "m", null, Map.of("sampling_rate", "1.0E-4"))));

    assertThat(zeros.path("function_memory_size").asText()).isEqualTo("007");
    assertThat(zeros.path("function_memory_size").isTextual()).isTrue();
    assertThat(exponent.path("sampling_rate").isNumber()).isTrue();
    assertThat(exponent.path("sampling_rate").asDouble()).isEqualTo(1.0E-4);
  }

  @Test
  void aHugeMessageOrStackIsCutSoTheLineStaysOneJsonObject() throws Exception {
    // The cut falls inside a surrogate pair: the pair goes whole, not half of it as '?'.
    String huge = "x" + "\uD83D\uDE00".repeat(PowertoolsJsonEncoder.MAX_STRING);
    RuntimeException error = new RuntimeException(huge);

    String line = encode(event(Level.ERROR, huge, error, Map.of("route", huge)));

    JsonNode node = JSON.readTree(line);
    assertThat(node.path("message").asText())
        .hasSizeLessThanOrEqualTo(PowertoolsJsonEncoder.MAX_STRING + 1)
        .endsWith(PowertoolsJsonEncoder.TRUNCATED)
        .startsWith("x\uD83D\uDE00");
    assertThat(node.path("error").path("message").asText())
        .endsWith(PowertoolsJsonEncoder.TRUNCATED);
    assertThat(node.path("error").path("stack").asText()).endsWith(PowertoolsJsonEncoder.TRUNCATED);
    assertThat(node.path("route").asText()).endsWith(PowertoolsJsonEncoder.TRUNCATED);
    assertThat(line).doesNotContain("?");
  }

  @Test
  void anExceptionIsWrittenAsPowertoolsErrorWithMessageNameAndStack() throws Exception {
    IllegalStateException cause = new IllegalStateException("table \"status\" missing");

    JsonNode node = JSON.readTree(encode(event(Level.ERROR, "Check failed", cause, Map.of())));

    assertThat(node.path("error").path("message").asText()).isEqualTo("table \"status\" missing");
    assertThat(node.path("error").path("name").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(node.path("error").path("stack").asText())
        .startsWith("java.lang.IllegalStateException: table \"status\" missing")
        .contains("at dev.brownout.functions.logging.PowertoolsJsonEncoderTest");
  }

  @Test
  void aLineWithoutMessageOrContextStillHasLevelMessageAndTimestamp() throws Exception {
    JsonNode node = JSON.readTree(encode(event(Level.DEBUG, null, null, Map.of())));

    assertThat(node.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("level", "message", "timestamp");
    assertThat(node.path("message").asText()).isEmpty();
    assertThat(node.path("timestamp").asText()).isEqualTo("2026-11-27T04:47:00.505Z");
  }

  private String encode(LoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private LoggingEvent event(
      Level level, String message, Throwable error, Map<String, String> mdc, Object... args) {
    LoggingEvent event =
        new LoggingEvent(
            PowertoolsJsonEncoderTest.class.getName(),
            context.getLogger("dev.brownout.functions.health.HealthMonitor"),
            level,
            message,
            error,
            args.length == 0 ? null : args);
    event.setTimeStamp(AT.toEpochMilli());
    event.setMDCPropertyMap(mdc);
    return event;
  }
}
