package dev.brownout.functions.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.brownout.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One log event as one line of Powertools' Lambda JSON: the fields, names and types of Powertools'
 * own {@code LambdaJsonLayout} ({@code level}, {@code message}, {@code error}, the Lambda context
 * that {@code PowertoolsLogging.withLogging} puts in the MDC, {@code timestamp}), then every other
 * MDC key ({@code dependency}, {@code route}, ...) at the top level. Written by hand, without a
 * JSON library, as Powertools' Logback encoder is: its module is not on this project's Maven
 * mirror, and Log4j, which Powertools' other backend needs, costs 0.4 s of every cold start.
 */
public final class PowertoolsJsonEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Powertools' fields before the timestamp, in its layout's order. */
  private static final List<String> CONTEXT =
      List.of(
          "cold_start",
          "function_arn",
          "function_memory_size",
          "function_name",
          "function_request_id",
          "function_version",
          "sampling_rate",
          "service");

  /** Powertools' fields after the timestamp. */
  private static final List<String> TRACE = List.of("xray_trace_id", "correlation_id");

  /** Values Powertools writes as JSON numbers or booleans, not strings. */
  private static final List<String> TYPED =
      List.of("cold_start", "function_memory_size", "sampling_rate");

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(512).append('{');
    line.append("\"level\":").append(Json.quote(event.getLevel().toString()));
    String message = event.getFormattedMessage();
    line.append(",\"message\":").append(Json.quote(message == null ? "" : message));
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.append(",\"error\":{\"message\":")
          .append(Json.quote(error.getMessage() == null ? "" : error.getMessage()))
          .append(",\"name\":")
          .append(Json.quote(error.getClassName()))
          .append(",\"stack\":")
          .append(Json.quote(ThrowableProxyUtil.asString(error)))
          .append('}');
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    CONTEXT.forEach(key -> field(line, key, mdc.get(key)));
    line.append(",\"timestamp\":")
        .append(Json.quote(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()))));
    TRACE.forEach(key -> field(line, key, mdc.get(key)));
    // Sorted, so that one kind of line always reads the same way.
    new TreeMap<>(mdc)
        .forEach(
            (key, value) -> {
              if (!CONTEXT.contains(key) && !TRACE.contains(key)) {
                field(line, key, value);
              }
            });
    return line.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder line, String key, String value) {
    if (value == null) {
      return;
    }
    line.append(',').append(Json.quote(key)).append(':');
    line.append(TYPED.contains(key) && literal(value) ? value : Json.quote(value));
  }

  /** Whether {@code value} is a JSON boolean or a plain decimal number, safe to write bare. */
  private static boolean literal(String value) {
    if (value.equals("true") || value.equals("false")) {
      return true;
    }
    boolean digits = false;
    boolean point = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !point && digits) {
        point = true;
        digits = false;
      } else {
        return false;
      }
    }
    return digits;
  }
}
