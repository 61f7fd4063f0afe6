package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.local.metrics.EmfRecords.Emf;
import dev.brownout.local.metrics.EmfRecords.InvalidEmf;
import dev.brownout.local.metrics.EmfRecords.NotEmf;
import dev.brownout.local.metrics.EmfRecords.Result;
import dev.brownout.local.metrics.MetricDatum.Dimension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmfRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aHealthCheckRecordPublishesEachMetricUnderEachOfItsDimensionSets() {
    List<MetricDatum> data = data(EmfLines.HEALTH_CHECK_PRICING);

    Instant at = Instant.ofEpochMilli(1795754820508L);
    List<Dimension> service = List.of(new Dimension("Service", "health-check"));
    List<Dimension> dependency = List.of(new Dimension("Dependency", "pricing"));
    assertThat(data)
        .containsExactly(
            datum("CheckLatency", service, "Milliseconds", at, 511.0),
            datum("CheckLatency", dependency, "Milliseconds", at, 511.0),
            datum("CheckFailures", service, "Count", at, 1.0),
            datum("CheckFailures", dependency, "Count", at, 1.0),
            datum("DependencyHealthy", service, "Count", at, 1.0),
            datum("DependencyHealthy", dependency, "Count", at, 1.0));
  }

  @Test
  void anApiRecordKeepsTheRouteTemplateAsItsDimensionValue() {
    List<MetricDatum> data = data(EmfLines.API_ROUTE);

    assertThat(data).hasSize(6);
    assertThat(data)
        .filteredOn(d -> d.name().equals("PrimaryLatency"))
        .extracting(MetricDatum::dimensions)
        .containsExactly(
            List.of(new Dimension("Service", "api")),
            List.of(new Dimension("Route", "GET:/products/{id}")));
    assertThat(data).allSatisfy(d -> assertThat(d.namespace()).isEqualTo("Brownout/shop"));
  }

  @Test
  void anEvaluatorRecordWithOnlyTheServiceDimensionGivesOneDatumPerMetric() {
    List<MetricDatum> data = data(EmfLines.EVALUATOR);

    Instant at = Instant.ofEpochMilli(1795754840641L);
    List<Dimension> service = List.of(new Dimension("Service", "evaluator"));
    assertThat(data)
        .containsExactly(
            datum("LevelTransitions", service, "Count", at, 1.0),
            datum("DegradationLevel", service, "None", at, 3.0));
  }

  @Test
  void anArrayTargetBecomesOneDatumWithAllItsValuesInOrder() {
    List<MetricDatum> data = data(EmfLines.API_LATENCIES);

    assertThat(data)
        .filteredOn(d -> d.name().equals("PrimaryLatency"))
        .extracting(MetricDatum::values)
        .containsOnly(List.of(24.0, 31.0, 18.0));
  }

  @Test
  void anEmptyDimensionSetPublishesTheMetricWithoutDimensions() {
    List<MetricDatum> data =
        data(record("{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':'M'}]}", "'M':2"));

    assertThat(data)
        .containsExactly(
            new MetricDatum(
                "N", "M", List.of(), "None", Instant.ofEpochMilli(T), List.of(2.0), 60));
  }

  @Test
  void aHighResolutionMetricKeepsItsStorageResolution() {
    List<MetricDatum> data =
        data(
            record(
                "{'Namespace':'N','Dimensions':[['S']],'Metrics':[{'Name':'M','Unit':'Count',"
                    + "'StorageResolution':1}]}",
                "'S':'x','M':1"));

    assertThat(data).singleElement().extracting(MetricDatum::storageResolution).isEqualTo(1);
  }

  @Test
  void aRecordWithSeveralDirectivesPublishesEachUnderItsOwnNamespace() {
    List<MetricDatum> data =
        data(
            record(
                "{'Namespace':'A','Dimensions':[['S']],'Metrics':[{'Name':'M'}]},"
                    + "{'Namespace':'B','Dimensions':[['S'],[]],'Metrics':[{'Name':'M'}]}",
                "'S':'x','M':1"));

    assertThat(data).extracting(MetricDatum::namespace).containsExactly("A", "B", "B");
  }

  @Test
  void aRecordAfterLambdasTabSeparatedPrefixIsRead() {
    Result result =
        EmfRecords.parse(
            "2026-11-27T04:47:04.991Z\tf5d2a0c4-2b57-4d5e-9b1c-1c2f0f6e1a11\tINFO\t"
                + EmfLines.EVALUATOR);

    assertThat(result).isInstanceOf(Emf.class);
    assertThat(((Emf) result).data()).hasSize(2);
  }

  @Test
  void aRecordThatDeclaresNoDirectivesIsValidAndPublishesNothing() {
    assertThat(EmfRecords.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}}"))
        .isEqualTo(new Emf(List.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "Picked up JAVA_TOOL_OPTIONS: -Xshare:auto",
        "START RequestId: 8f5b Version: $LATEST",
        EmfLines.POWERTOOLS_LOG,
        "[1,2,3]",
        "42",
        "\"_aws\"",
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}",
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}} and then some text",
        "{\"message\":\"the key \\\"_aws\\\" is mentioned, not used\"}",
        "{\"nested\":{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}}}",
        "INFO\tnot json after the tab {\"_aws\":{}}"
      })
  void aLineThatIsNotAJsonObjectWithAnAwsMemberIsAnOrdinaryLogLine(String line) {
    assertThat(EmfRecords.parse(line)).isInstanceOf(NotEmf.class);
  }

  @Test
  void aNullLineIsAnOrdinaryLogLine() {
    assertThat(EmfRecords.parse(null)).isInstanceOf(NotEmf.class);
  }

  static Stream<Arguments> invalidRecords() {
    String metric = "{'Namespace':'N','Dimensions':[['S']],'Metrics':[{'Name':'M'}]}";
    String at = "_aws.CloudWatchMetrics[0]";
    return Stream.of(
        Arguments.of(
            record(metric, "'S':'x'"),
            "metric \"M\" (" + at + ".Metrics[0]) has no value: the record has no member \"M\""),
        Arguments.of(
            record(metric, "'S':'x','M':'fast'"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value \"fast\", expected a number or an array of numbers"),
        Arguments.of(
            record(metric, "'S':'x','M':true"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value true, expected a number or an array of numbers"),
        Arguments.of(
            record(metric, "'S':'x','M':null"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value null, expected a number or an array of numbers"),
        Arguments.of(
            record(metric, "'S':'x','M':{'value':1}"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value {\"value\":1}, expected a number or an array of"
                + " numbers"),
        Arguments.of(
            record(metric, "'S':'x','M':[1,'2',3]"),
            "metric \"M\" (" + at + ".Metrics[0]) has the value \"2\" at [1], expected a number"),
        Arguments.of(
            record(metric, "'S':'x','M':[]"),
            "metric \"M\" (" + at + ".Metrics[0]) has an empty array of values"),
        Arguments.of(
            record(metric, "'S':'x','M':" + numbers(101)),
            "metric \"M\" (" + at + ".Metrics[0]) has 101 values, more than 100"),
        Arguments.of(
            record(metric, "'S':'x','M':1e200"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value 1E+200, outside CloudWatch's range of -2^360 to"
                + " 2^360"),
        Arguments.of(
            record(metric, "'S':'x','M':-1e999"),
            "metric \"M\" ("
                + at
                + ".Metrics[0]) has the value -1E+999, outside CloudWatch's range of -2^360 to"
                + " 2^360"),
        Arguments.of(
            record(metric, "'M':1"),
            "dimension \"S\" ("
                + at
                + ".Dimensions[0][0]) has no value: the record has no member \"S\""),
        Arguments.of(
            record(metric, "'S':404,'M':1"),
            "dimension \"S\" (" + at + ".Dimensions[0][0]) has the value 404, expected a string"),
        Arguments.of(
            record(metric, "'S':'','M':1"),
            "dimension \"S\" (" + at + ".Dimensions[0][0]) has the value \"\", which is blank"),
        Arguments.of(
            record(metric, "'S':'  ','M':1"),
            "dimension \"S\" (" + at + ".Dimensions[0][0]) has the value \"  \", which is blank"),
        Arguments.of(
            record(metric, "'S':'caf\u00e9','M':1"),
            "dimension \"S\" ("
                + at
                + ".Dimensions[0][0])'s value \"caf\u00e9\" has the character U+00E9 at 3;"
                + " CloudWatch takes printable ASCII only"),
        Arguments.of(
            record(metric, "'S':'" + "v".repeat(1025) + "','M':1"),
            "dimension \"S\" ("
                + at
                + ".Dimensions[0][0]) has a value of 1025 characters, more than 1024"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[" + keys(31) + "],'Metrics':[{'Name':'M'}]}",
                members(31) + ",'M':1"),
            at + ".Dimensions[0] names 31 dimensions, more than 30"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[['S','S']],'Metrics':[{'Name':'M'}]}",
                "'S':'x','M':1"),
            at + ".Dimensions[0][1] names the dimension \"S\" a second time"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[['S',7]],'Metrics':[{'Name':'M'}]}",
                "'S':'x','M':1"),
            at + ".Dimensions[0][1] is 7, expected a dimension name"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[[':S']],'Metrics':[{'Name':'M'}]}",
                "':S':'x','M':1"),
            at + ".Dimensions[0][0] is \":S\": a dimension name cannot start with ':'"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[['']],'Metrics':[{'Name':'M'}]}", "'':'x','M':1"),
            at + ".Dimensions[0][0] is \"\": a dimension name cannot be blank"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':['S'],'Metrics':[{'Name':'M'}]}", "'S':'x','M':1"),
            at + ".Dimensions[0] is \"S\", expected an array of dimension names"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[],'Metrics':[{'Name':'M'}]}", "'M':1"),
            at
                + ".Dimensions has no dimension set; a metric without dimensions needs one empty"
                + " set, [[]]"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':'S','Metrics':[{'Name':'M'}]}", "'M':1"),
            at + ".Dimensions is \"S\", expected an array of dimension sets"),
        Arguments.of(
            record("{'Namespace':'N','Metrics':[{'Name':'M'}]}", "'M':1"),
            at + " has no Dimensions"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[[]],'Metrics':" + definitions(101) + "}",
                members(101).replace("'x'", "1")),
            at + ".Metrics has 101 metric definitions, more than 100"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[[]]}", "'M':1"), at + " has no Metrics"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[[]],'Metrics':{'Name':'M'}}", "'M':1"),
            at + ".Metrics is {\"Name\":\"M\"}, expected an array of metric definitions"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[[]],'Metrics':['M']}", "'M':1"),
            at + ".Metrics[0] is \"M\", expected a metric definition"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Unit':'Count'}]}", "'M':1"),
            at + ".Metrics[0] has no Name"),
        Arguments.of(
            record("{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':5}]}", "'M':1"),
            at + ".Metrics[0].Name is 5, expected a string"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':'M','Unit':'ms'}]}",
                "'M':1"),
            at + ".Metrics[0].Unit is \"ms\", not a CloudWatch unit (" + EmfRecords.UNITS + ")"),
        Arguments.of(
            record(
                "{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':'M',"
                    + "'StorageResolution':30}]}",
                "'M':1"),
            at + ".Metrics[0].StorageResolution is 30, expected 1 or 60"),
        Arguments.of(
            record("{'Dimensions':[[]],'Metrics':[{'Name':'M'}]}", "'M':1"),
            at + " has no Namespace"),
        Arguments.of(
            record("{'Namespace':'','Dimensions':[[]],'Metrics':[{'Name':'M'}]}", "'M':1"),
            at + ".Namespace is \"\": a Namespace cannot be blank"),
        Arguments.of(
            record("{'Namespace':['N'],'Dimensions':[[]],'Metrics':[{'Name':'M'}]}", "'M':1"),
            at + ".Namespace is [\"N\"], expected a string"),
        Arguments.of(
            record("{'Namespace':'N\\tX','Dimensions':[[]],'Metrics':[{'Name':'M'}]}", "'M':1"),
            at
                + ".Namespace \"N\\tX\" has the character U+0009 at 1; CloudWatch takes printable"
                + " ASCII only"),
        Arguments.of(record("'N'", "'M':1"), at + " is \"N\", expected a metric directive object"),
        Arguments.of(json("{'_aws':[],'M':1}"), "_aws is [], expected an object"),
        Arguments.of(json("{'_aws':{'CloudWatchMetrics':[]},'M':1}"), "_aws.Timestamp is missing"),
        Arguments.of(
            json("{'_aws':{'Timestamp':'2026-11-27T04:47:04Z','CloudWatchMetrics':[]}}"),
            "_aws.Timestamp is \"2026-11-27T04:47:04Z\", expected whole milliseconds since"
                + " 1970-01-01T00:00:00Z"),
        Arguments.of(
            json("{'_aws':{'Timestamp':-5,'CloudWatchMetrics':[]}}"),
            "_aws.Timestamp is -5, expected whole milliseconds since 1970-01-01T00:00:00Z"),
        Arguments.of(
            json("{'_aws':{'Timestamp':1795754820508.5,'CloudWatchMetrics':[]}}"),
            "_aws.Timestamp is 1795754820508.5, expected whole milliseconds since"
                + " 1970-01-01T00:00:00Z"),
        Arguments.of(json("{'_aws':{'Timestamp':1}}"), "_aws has no CloudWatchMetrics"),
        Arguments.of(
            json("{'_aws':{'Timestamp':1,'CloudWatchMetrics':{}}}"),
            "_aws.CloudWatchMetrics is {}, expected an array of metric directives"));
  }

  @ParameterizedTest
  @MethodSource("invalidRecords")
  void aRecordThatBreaksTheSpecificationIsInvalidAndSaysWhatAndWhere(String line, String reason) {
    assertThat(EmfRecords.parse(line)).isEqualTo(new InvalidEmf(reason));
  }

  @Test
  void aRecordWithOneSoundAndOneBrokenMetricPublishesNeither() {
    Result result =
        EmfRecords.parse(
            record(
                "{'Namespace':'N','Dimensions':[['S']],'Metrics':[{'Name':'Good'},{'Name':'Bad'}]}",
                "'S':'x','Good':1,'Bad':'oops'"));

    assertThat(result)
        .isEqualTo(
            new InvalidEmf(
                "metric \"Bad\" (_aws.CloudWatchMetrics[0].Metrics[1]) has the value \"oops\","
                    + " expected a number or an array of numbers"));
  }

  @Test
  void aRecordWithOneSoundAndOneBrokenDirectivePublishesNeither() {
    Result result =
        EmfRecords.parse(
            record(
                "{'Namespace':'A','Dimensions':[['S']],'Metrics':[{'Name':'M'}]},"
                    + "{'Namespace':'B','Dimensions':[['Missing']],'Metrics':[{'Name':'M'}]}",
                "'S':'x','M':1"));

    assertThat(result).isInstanceOf(InvalidEmf.class);
    assertThat(((InvalidEmf) result).reason()).startsWith("dimension \"Missing\"");
  }

  @Test
  void aRecordOverOneMegabyteIsInvalid() {
    String padding = "p".repeat(EmfRecords.MAX_RECORD_BYTES);
    Result result =
        EmfRecords.parse(
            record(
                "{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':'M'}]}",
                "'M':1,'padding':'" + padding + "'"));

    assertThat(result).isInstanceOf(InvalidEmf.class);
    assertThat(((InvalidEmf) result).reason())
        .matches("the record is \\d+ bytes, more than a log event's 1 MB");
  }

  @Test
  void aLongBadValueIsQuotedShortened() {
    Result result =
        EmfRecords.parse(
            record(
                "{'Namespace':'N','Dimensions':[[]],'Metrics':[{'Name':'M'}]}",
                "'M':'" + "z".repeat(500) + "'"));

    assertThat(((InvalidEmf) result).reason())
        .contains("has the value \"zzzz")
        .contains("... (502 characters)")
        .hasSizeLessThan(250);
  }

  @Test
  void everyGeneratedValidRecordPublishesOneDatumPerMetricAndDimensionSet() {
    Random random = new Random(20261127);
    List<String> mismatches = new ArrayList<>();
    for (int run = 0; run < 500; run++) {
      Generated generated = generate(random);

      Result result = EmfRecords.parse(generated.line());

      if (!(result instanceof Emf(List<MetricDatum> data))) {
        mismatches.add(result + " for " + generated.line());
        continue;
      }
      if (data.size() != generated.expectedData()) {
        mismatches.add(data.size() + " data, expected " + generated.expectedData());
      }
      for (MetricDatum datum : data) {
        if (!datum.values().equals(generated.values().get(datum.name()))
            || !datum.timestamp().equals(generated.timestamp())) {
          mismatches.add(datum + " for " + generated.line());
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyGeneratedRecordWithOneBreakingChangeIsInvalidAndPublishesNothing() {
    Random random = new Random(4566);
    List<Breakage> breakages = List.of(Breakage.values());
    List<String> mismatches = new ArrayList<>();
    for (int run = 0; run < 500; run++) {
      Generated generated = generate(random);
      Breakage breakage = breakages.get(random.nextInt(breakages.size()));

      String broken = breakage.apply(generated, random);
      Result result = EmfRecords.parse(broken);

      if (!(result instanceof InvalidEmf(String reason)) || !reason.contains(breakage.mentions)) {
        mismatches.add(breakage + " gave " + result + " for " + broken);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  // --- helpers ---

  private static final long T = 1795754824991L;

  private static List<MetricDatum> data(String line) {
    Result result = EmfRecords.parse(line);
    assertThat(result).as(line).isInstanceOf(Emf.class);
    return ((Emf) result).data();
  }

  private static MetricDatum datum(
      String name, List<Dimension> dimensions, String unit, Instant at, double value) {
    return new MetricDatum("Brownout/shop", name, dimensions, unit, at, List.of(value), 60);
  }

  /** A record at {@link #T} with these directives and root members; ' stands for ". */
  static String record(String directives, String members) {
    return json(
        "{'_aws':{'Timestamp':"
            + T
            + ",'CloudWatchMetrics':["
            + directives
            + "]},"
            + members
            + "}");
  }

  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static String numbers(int count) {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      n.add(Integer.toString(i));
    }
    return "[" + String.join(",", n) + "]";
  }

  private static String keys(int count) {
    List<String> k = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      k.add("'D" + i + "'");
    }
    return "[" + String.join(",", k) + "]";
  }

  private static String members(int count) {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      m.add("'D" + i + "':'x'");
    }
    return String.join(",", m);
  }

  private static String definitions(int count) {
    List<String> d = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      d.add("{'Name':'D" + i + "'}");
    }
    return "[" + String.join(",", d) + "]";
  }

  /** A random valid record and what it should publish. */
  record Generated(
      ObjectNode root,
      String line,
      int expectedData,
      Map<String, List<Double>> values,
      Instant timestamp) {}

  private static Generated generate(Random random) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    Instant timestamp = Instant.ofEpochMilli(1_600_000_000_000L + random.nextInt(1_000_000_000));
    aws.put("Timestamp", timestamp.toEpochMilli());
    ArrayNode directives = aws.putArray("CloudWatchMetrics");
    Map<String, List<Double>> values = new HashMap<>();
    int expected = 0;
    int directiveCount = 1 + random.nextInt(3);
    for (int d = 0; d < directiveCount; d++) {
      ObjectNode directive = directives.addObject();
      directive.put("Namespace", "Brownout/app" + random.nextInt(3));
      ArrayNode sets = directive.putArray("Dimensions");
      int setCount = 1 + random.nextInt(3);
      for (int s = 0; s < setCount; s++) {
        ArrayNode set = sets.addArray();
        int keys = random.nextInt(4);
        for (int k = 0; k < keys; k++) {
          String key = "Dim" + d + "_" + s + "_" + k;
          set.add(key);
          root.put(key, "value-" + random.nextInt(1000));
        }
      }
      ArrayNode metrics = directive.putArray("Metrics");
      int metricCount = 1 + random.nextInt(5);
      for (int m = 0; m < metricCount; m++) {
        String name = "Metric" + d + "_" + m;
        ObjectNode definition = metrics.addObject().put("Name", name);
        if (random.nextBoolean()) {
          definition.put("Unit", EmfRecords.UNITS.get(random.nextInt(EmfRecords.UNITS.size())));
        }
        if (random.nextInt(4) == 0) {
          definition.put("StorageResolution", random.nextBoolean() ? 1 : 60);
        }
        List<Double> metricValues = new ArrayList<>();
        if (random.nextBoolean()) {
          double v = Math.round(random.nextDouble() * 10_000) / 10.0;
          root.put(name, v);
          metricValues.add(v);
        } else {
          ArrayNode array = root.putArray(name);
          int count = 1 + random.nextInt(EmfRecords.MAX_VALUES_PER_METRIC);
          for (int i = 0; i < count; i++) {
            double v = random.nextInt(100_000) - 50_000;
            array.add(v);
            metricValues.add(v);
          }
        }
        values.put(name, metricValues);
        expected += setCount;
      }
    }
    root.put("function_request_id", "req-" + random.nextInt());
    return new Generated(root, root.toString(), expected, values, timestamp);
  }

  /** One change that breaks a valid record, and what the reason must then mention. */
  enum Breakage {
    METRIC_VALUE_REMOVED("has no value: the record has no member") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        root.remove(aMetricName(root, random));
      }
    },
    METRIC_VALUE_TEXT("expected a number or an array of numbers") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        root.put(aMetricName(root, random), "12 ms");
      }
    },
    METRIC_ARRAY_WITH_TEXT("expected a number") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        root.putArray(aMetricName(root, random)).add(1).add("two");
      }
    },
    METRIC_TOO_MANY_VALUES("values, more than 100") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        ArrayNode array = root.putArray(aMetricName(root, random));
        for (int i = 0; i <= EmfRecords.MAX_VALUES_PER_METRIC; i++) {
          array.add(i);
        }
      }
    },
    DIMENSION_VALUE_REMOVED("has no value: the record has no member") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        root.remove(aDimensionName(root, random));
      }
    },
    DIMENSION_VALUE_NUMBER("expected a string") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        root.put(aDimensionName(root, random), 404);
      }
    },
    TOO_MANY_DIMENSIONS("dimensions, more than 30") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        ArrayNode set = aDirective(root, random).withArray("Dimensions").addArray();
        for (int i = 0; i <= EmfRecords.MAX_DIMENSIONS_PER_SET; i++) {
          set.add("Extra" + i);
          root.put("Extra" + i, "x");
        }
      }
    },
    TOO_MANY_METRICS("metric definitions, more than 100") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        ArrayNode metrics = aDirective(root, random).withArray("Metrics");
        for (int i = 0; i <= EmfRecords.MAX_METRICS_PER_DIRECTIVE; i++) {
          metrics.addObject().put("Name", "Extra" + i);
          root.put("Extra" + i, i);
        }
      }
    },
    BAD_UNIT("not a CloudWatch unit") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        ArrayNode metrics = aDirective(root, random).withArray("Metrics");
        ((ObjectNode) metrics.get(random.nextInt(metrics.size()))).put("Unit", "Furlongs");
      }
    },
    NAMESPACE_REMOVED("has no Namespace") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        aDirective(root, random).remove("Namespace");
      }
    },
    TIMESTAMP_TEXT("_aws.Timestamp is") {
      @Override
      void breakIt(ObjectNode root, Random random) {
        ((ObjectNode) root.get("_aws")).put("Timestamp", "yesterday");
      }
    };

    final String mentions;

    Breakage(String mentions) {
      this.mentions = mentions;
    }

    abstract void breakIt(ObjectNode root, Random random);

    String apply(Generated generated, Random random) {
      ObjectNode copy = generated.root().deepCopy();
      breakIt(copy, random);
      return copy.toString();
    }

    static ObjectNode aDirective(ObjectNode root, Random random) {
      ArrayNode directives = (ArrayNode) root.get("_aws").get("CloudWatchMetrics");
      return (ObjectNode) directives.get(random.nextInt(directives.size()));
    }

    static String aMetricName(ObjectNode root, Random random) {
      ArrayNode metrics = (ArrayNode) aDirective(root, random).get("Metrics");
      return metrics.get(random.nextInt(metrics.size())).get("Name").asText();
    }

    /** A dimension some set names; adds one (with its value) if the record has none. */
    static String aDimensionName(ObjectNode root, Random random) {
      ObjectNode directive = aDirective(root, random);
      List<String> names = new ArrayList<>();
      directive.get("Dimensions").forEach(set -> set.forEach(k -> names.add(k.asText())));
      if (names.isEmpty()) {
        ((ArrayNode) directive.get("Dimensions")).addArray().add("Added");
        root.put("Added", "x");
        return "Added";
      }
      return names.get(random.nextInt(names.size()));
    }
  }
}
