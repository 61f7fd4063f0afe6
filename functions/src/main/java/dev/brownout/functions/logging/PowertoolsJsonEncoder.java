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
import java.util.regex.Pattern;

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

  private static final Pattern LITERAL =
      Pattern.compile("true|false|-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  /**
   * The longest string written, in chars, and what replaces the rest: Log4j's JSON layout's
   * defaults, well within CloudWatch Logs' 256 KB event, so a long upstream error or a deep cause
   * chain cannot split a line into pieces that are not JSON.
   */
  static final int MAX_STRING = 16_384;

  static final String TRUNCATED = "\u2026";

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
    line.append("\"level\":").append(text(event.getLevel().toString()));
    line.append(",\"message\":").append(text(event.getFormattedMessage()));
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.append(",\"error\":{\"message\":")
          .append(text(error.getMessage()))
          .append(",\"name\":")
          .append(text(error.getClassName()))
          .append(",\"stack\":")
          .append(text(ThrowableProxyUtil.asString(error)))
          .append('}');
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    CONTEXT.forEach(key -> field(line, key, mdc.get(key)));
    line.append(",\"timestamp\":")
        .append(text(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()))));
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
    // Powertools' layout leaves out a sampling rate of 0 (no sampling), as a value that is absent.
    if (value == null || key.equals("sampling_rate") && zero(value)) {
      return;
    }
    line.append(',').append(text(key)).append(':');
    boolean literal = TYPED.contains(key) && LITERAL.matcher(value).matches();
    line.append(literal ? value : text(value));
  }

  private static boolean zero(String value) {
    try {
      return Double.parseDouble(value) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code value} as a JSON string, cut at {@link #MAX_STRING}; absent: empty. */
  private static String text(String value) {
    if (value == null) {
      return "\"\"";
    }
    if (value.length() <= MAX_STRING) {
      return Json.quote(value);
    }
    int end = MAX_STRING;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return Json.quote(value.substring(0, end) + TRUNCATED);
  }
}
