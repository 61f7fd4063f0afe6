package dev.brownout.local.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.brownout.local.metrics.MetricDatum.Dimension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the metrics out of one line of a function's output, as CloudWatch Logs extracts them from a
 * log event in the Embedded Metric Format (EMF, "Specification: Embedded metric format" in the
 * CloudWatch user guide). Pure: no I/O, no clock.
 *
 * <p>A line is EMF when it is a JSON object (alone on the line, or after Lambda's tab-separated
 * prefix) with an {@code _aws} member. Anything else is an ordinary log line: {@link NotEmf}, never
 * an error. An EMF record gives one {@link MetricDatum} per metric and dimension set of each of its
 * metric directives, at {@code _aws.Timestamp}.
 *
 * <p>An EMF record that breaks the specification or CloudWatch's limits gives {@link InvalidEmf}
 * with what is wrong and where, and no data at all, even if its other metrics are sound: CloudWatch
 * counts such a record as an EMF validation error. Checked: {@code _aws} and its {@code Timestamp}
 * (whole milliseconds since the epoch) and {@code CloudWatchMetrics}; each directive's {@code
 * Namespace} (printable ASCII, at most 255 characters), {@code Dimensions} (at least one set, each
 * of at most 30 distinct keys, each key a root member with a non-blank ASCII string value of at
 * most 1024 characters) and {@code Metrics} (at most 100, each {@code Name} a root member holding a
 * number or an array of 1 to 100 numbers within CloudWatch's range, {@code Unit} a CloudWatch unit,
 * {@code StorageResolution} 1 or 60); and the record's size (a log event's 1 MB).
 */
public final class EmfRecords {
  static final int MAX_RECORD_BYTES = 1024 * 1024;
  static final int MAX_METRICS_PER_DIRECTIVE = 100;
  static final int MAX_DIMENSIONS_PER_SET = 30;
  static final int MAX_VALUES_PER_METRIC = 100;
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_DIMENSION_VALUE_LENGTH = 1024;

  /** PutMetricData takes values between -2^360 and 2^360. */
  static final double MAX_MAGNITUDE = Math.pow(2, 360);

  static final List<String> UNITS =
      List.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private static final int DEFAULT_RESOLUTION = 60;
  private static final int QUOTED_VALUE_LIMIT = 80;
  private static final NotEmf NOT_EMF = new NotEmf();

  // The specification wants the JSON object alone: nothing may follow it. Decimals keep numbers
  // as written, so that a bad one is quoted as the record has it.
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private EmfRecords() {}

  /** What one output line holds. */
  public sealed interface Result permits NotEmf, Emf, InvalidEmf {}

  /** An ordinary log line: not JSON, or JSON without {@code _aws}. */
  public record NotEmf() implements Result {}

  /** A valid EMF record and every data point it publishes (none if it declares no metrics). */
  public record Emf(List<MetricDatum> data) implements Result {
    public Emf {
      data = List.copyOf(data);
    }
  }

  /**
   * An EMF record that CloudWatch would not publish anything from.
   *
   * @param reason what is wrong and where, quoting the bad value, e.g. {@code metric "Latency"
   *     (_aws.CloudWatchMetrics[0].Metrics[0]) has the value "fast", expected a number or an array
   *     of numbers}
   */
  public record InvalidEmf(String reason) implements Result {}

  /** Reads one line (without its line terminator); never throws. */
  public static Result parse(String line) {
    String json = jsonPart(line);
    if (json == null || !json.contains("\"_aws\"")) {
      return NOT_EMF;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return NOT_EMF;
    }
    if (root == null || !root.isObject() || !root.has("_aws")) {
      return NOT_EMF;
    }
    try {
      checkSize(json);
      return new Emf(extract(root));
    } catch (Rejected e) {
      return new InvalidEmf(e.getMessage());
    }
  }

  /** The JSON object on the line, after Lambda's "time\trequest id\tlevel\t" prefix if any. */
  private static String jsonPart(String line) {
    if (line == null) {
      return null;
    }
    String text = line.strip();
    if (text.startsWith("{")) {
      return text;
    }
    int start = text.indexOf("\t{");
    return start < 0 ? null : text.substring(start + 1);
  }

  private static void checkSize(String json) {
    // A character is at most 3 UTF-8 bytes here (4 only for a surrogate pair, 2 chars).
    if ((long) json.length() * 3 > MAX_RECORD_BYTES) {
      int bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_RECORD_BYTES) {
        throw new Rejected("the record is " + bytes + " bytes, more than a log event's 1 MB");
      }
    }
  }

  private static List<MetricDatum> extract(JsonNode root) {
    JsonNode aws = root.get("_aws");
    if (!aws.isObject()) {
      throw new Rejected("_aws is " + quote(aws) + ", expected an object");
    }
    Instant timestamp = timestamp(aws.get("Timestamp"));
    JsonNode directives = aws.get("CloudWatchMetrics");
    if (directives == null) {
      throw new Rejected("_aws has no CloudWatchMetrics");
    }
    if (!directives.isArray()) {
      throw new Rejected(
          "_aws.CloudWatchMetrics is "
              + quote(directives)
              + ", expected an array of metric directives");
    }
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < directives.size(); i++) {
      directive(root, directives.get(i), "_aws.CloudWatchMetrics[" + i + "]", timestamp, data);
    }
    return data;
  }

  private static Instant timestamp(JsonNode node) {
    if (node == null) {
      throw new Rejected("_aws.Timestamp is missing");
    }
    String expected = ", expected whole milliseconds since 1970-01-01T00:00:00Z";
    if (!node.isNumber()) {
      throw new Rejected("_aws.Timestamp is " + quote(node) + expected);
    }
    BigDecimal millis = node.decimalValue();
    try {
      if (millis.signum() < 0) {
        throw new ArithmeticException("negative");
      }
      return Instant.ofEpochMilli(millis.longValueExact());
    } catch (ArithmeticException e) {
      throw new Rejected("_aws.Timestamp is " + quote(node) + expected);
    }
  }

  private static void directive(
      JsonNode root, JsonNode directive, String where, Instant timestamp, List<MetricDatum> out) {
    if (!directive.isObject()) {
      throw new Rejected(
          where + " is " + quote(directive) + ", expected a metric directive object");
    }
    String namespace = text(directive, "Namespace", where);
    requireAscii(namespace, where + ".Namespace");
    List<List<Dimension>> sets = dimensionSets(root, directive.get("Dimensions"), where);
    JsonNode metrics = directive.get("Metrics");
    if (metrics == null) {
      throw new Rejected(where + " has no Metrics");
    }
    if (!metrics.isArray()) {
      throw new Rejected(
          where + ".Metrics is " + quote(metrics) + ", expected an array of metric definitions");
    }
    if (metrics.size() > MAX_METRICS_PER_DIRECTIVE) {
      throw new Rejected(
          where
              + ".Metrics has "
              + metrics.size()
              + " metric definitions, more than "
              + MAX_METRICS_PER_DIRECTIVE);
    }
    for (int j = 0; j < metrics.size(); j++) {
      String at = where + ".Metrics[" + j + "]";
      JsonNode definition = metrics.get(j);
      if (!definition.isObject()) {
        throw new Rejected(at + " is " + quote(definition) + ", expected a metric definition");
      }
      String name = text(definition, "Name", at);
      String unit = unit(definition.get("Unit"), at);
      int resolution = resolution(definition.get("StorageResolution"), at);
      List<Double> values = values(root, name, at);
      for (List<Dimension> set : sets) {
        out.add(new MetricDatum(namespace, name, set, unit, timestamp, values, resolution));
      }
    }
  }

  private static List<List<Dimension>> dimensionSets(JsonNode root, JsonNode sets, String where) {
    if (sets == null) {
      throw new Rejected(where + " has no Dimensions");
    }
    if (!sets.isArray()) {
      throw new Rejected(
          where + ".Dimensions is " + quote(sets) + ", expected an array of dimension sets");
    }
    if (sets.isEmpty()) {
      throw new Rejected(
          where
              + ".Dimensions has no dimension set; a metric without dimensions needs one empty set,"
              + " [[]]");
    }
    List<List<Dimension>> result = new ArrayList<>();
    for (int k = 0; k < sets.size(); k++) {
      String at = where + ".Dimensions[" + k + "]";
      JsonNode keys = sets.get(k);
      if (!keys.isArray()) {
        throw new Rejected(at + " is " + quote(keys) + ", expected an array of dimension names");
      }
      if (keys.size() > MAX_DIMENSIONS_PER_SET) {
        throw new Rejected(
            at + " names " + keys.size() + " dimensions, more than " + MAX_DIMENSIONS_PER_SET);
      }
      List<Dimension> set = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int m = 0; m < keys.size(); m++) {
        set.add(dimension(root, keys.get(m), at + "[" + m + "]", seen));
      }
      result.add(set);
    }
    return result;
  }

  private static Dimension dimension(JsonNode root, JsonNode key, String where, Set<String> seen) {
    if (!key.isTextual()) {
      throw new Rejected(where + " is " + quote(key) + ", expected a dimension name");
    }
    String name = key.textValue();
    checkName(name, where, "dimension name");
    if (name.startsWith(":")) {
      throw new Rejected(where + " is " + quote(name) + ": a dimension name cannot start with ':'");
    }
    if (!seen.add(name)) {
      throw new Rejected(where + " names the dimension " + quote(name) + " a second time");
    }
    JsonNode target = root.get(name);
    String dimension = "dimension " + quote(name) + " (" + where + ")";
    if (target == null) {
      throw new Rejected(dimension + " has no value: the record has no member " + quote(name));
    }
    if (!target.isTextual()) {
      throw new Rejected(dimension + " has the value " + quote(target) + ", expected a string");
    }
    String value = target.textValue();
    if (value.isBlank()) {
      throw new Rejected(dimension + " has the value " + quote(target) + ", which is blank");
    }
    if (value.length() > MAX_DIMENSION_VALUE_LENGTH) {
      throw new Rejected(
          dimension
              + " has a value of "
              + value.length()
              + " characters, more than "
              + MAX_DIMENSION_VALUE_LENGTH);
    }
    requireAscii(value, dimension + "'s value");
    return new Dimension(name, value);
  }

  private static List<Double> values(JsonNode root, String name, String where) {
    JsonNode target = root.get(name);
    String metric = "metric " + quote(name) + " (" + where + ")";
    if (target == null) {
      throw new Rejected(metric + " has no value: the record has no member " + quote(name));
    }
    List<Double> values = new ArrayList<>();
    if (target.isNumber()) {
      values.add(value(target, metric));
    } else if (target.isArray()) {
      if (target.isEmpty()) {
        throw new Rejected(metric + " has an empty array of values");
      }
      if (target.size() > MAX_VALUES_PER_METRIC) {
        throw new Rejected(
            metric + " has " + target.size() + " values, more than " + MAX_VALUES_PER_METRIC);
      }
      for (int i = 0; i < target.size(); i++) {
        JsonNode element = target.get(i);
        if (!element.isNumber()) {
          throw new Rejected(
              metric + " has the value " + quote(element) + " at [" + i + "], expected a number");
        }
        values.add(value(element, metric));
      }
    } else {
      throw new Rejected(
          metric
              + " has the value "
              + quote(target)
              + ", expected a number or an array of numbers");
    }
    return values;
  }

  private static double value(JsonNode number, String metric) {
    double v = number.doubleValue();
    if (!Double.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
      throw new Rejected(
          metric
              + " has the value "
              + quote(number)
              + ", outside CloudWatch's range of -2^360 to 2^360");
    }
    return v;
  }

  private static String unit(JsonNode unit, String where) {
    if (unit == null) {
      return "None";
    }
    if (!unit.isTextual() || !UNITS.contains(unit.textValue())) {
      throw new Rejected(
          where + ".Unit is " + quote(unit) + ", not a CloudWatch unit (" + UNITS + ")");
    }
    return unit.textValue();
  }

  private static int resolution(JsonNode resolution, String where) {
    if (resolution == null) {
      return DEFAULT_RESOLUTION;
    }
    if (resolution.isIntegralNumber()
        && (resolution.asLong() == 1 || resolution.asLong() == DEFAULT_RESOLUTION)) {
      return resolution.intValue();
    }
    throw new Rejected(where + ".StorageResolution is " + quote(resolution) + ", expected 1 or 60");
  }

  private static String text(JsonNode owner, String member, String where) {
    JsonNode node = owner.get(member);
    if (node == null) {
      throw new Rejected(where + " has no " + member);
    }
    if (!node.isTextual()) {
      throw new Rejected(where + "." + member + " is " + quote(node) + ", expected a string");
    }
    checkName(node.textValue(), where + "." + member, member);
    return node.textValue();
  }

  private static void checkName(String name, String where, String what) {
    if (name.isBlank()) {
      throw new Rejected(where + " is " + quote(name) + ": a " + what + " cannot be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new Rejected(
          where
              + " is a "
              + what
              + " of "
              + name.length()
              + " characters, more than "
              + MAX_NAME_LENGTH);
    }
  }

  /** CloudWatch takes printable ASCII only in namespaces and dimensions. */
  private static void requireAscii(String text, String where) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new Rejected(
            where
                + " "
                + quote(text)
                + " has the character U+"
                + String.format("%04X", (int) c)
                + " at "
                + i
                + "; CloudWatch takes printable ASCII only");
      }
    }
  }

  private static String quote(String text) {
    return quote(TextNode.valueOf(text));
  }

  private static String quote(JsonNode node) {
    String json = node.toString();
    return json.length() <= QUOTED_VALUE_LIMIT
        ? json
        : json.substring(0, QUOTED_VALUE_LIMIT) + "... (" + json.length() + " characters)";
  }

  /** Why a record is rejected; carries no stack trace, it is a value. */
  private static final class Rejected extends RuntimeException {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
