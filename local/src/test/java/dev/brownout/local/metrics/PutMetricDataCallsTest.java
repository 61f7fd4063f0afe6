package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.metrics.MetricDatum.Dimension;
import dev.brownout.local.metrics.PutMetricDataCalls.Call;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PutMetricDataCallsTest {
  private static final Instant AT = Instant.parse("2026-11-27T04:47:04.991Z");

  @Test
  void aDatumWithADimensionAndOneValueUsesTheQueryProtocolsParameterNames() {
    MetricDatum datum =
        new MetricDatum(
            "Brownout/shop",
            "PrimaryLatency",
            List.of(new Dimension("Route", "GET:/products/{id}")),
            "Milliseconds",
            AT,
            List.of(24.0),
            60);

    List<Call> calls = PutMetricDataCalls.of(List.of(datum));

    assertThat(calls)
        .containsExactly(
            new Call(
                "Brownout/shop",
                1,
                1,
                "Action=PutMetricData&Version=2010-08-01&Namespace=Brownout%2Fshop"
                    + "&MetricData.member.1.MetricName=PrimaryLatency"
                    + "&MetricData.member.1.Dimensions.member.1.Name=Route"
                    + "&MetricData.member.1.Dimensions.member.1.Value=GET%3A%2Fproducts%2F%7Bid%7D"
                    + "&MetricData.member.1.Value=24.0"
                    + "&MetricData.member.1.Unit=Milliseconds"
                    + "&MetricData.member.1.Timestamp=2026-11-27T04%3A47%3A04.991Z"
                    + "&MetricData.member.1.StorageResolution=60"));
  }

  @Test
  void severalValuesGoInValuesMembersAndSeveralDimensionsInDimensionsMembers() {
    MetricDatum datum =
        new MetricDatum(
            "N",
            "M",
            List.of(new Dimension("A", "a b"), new Dimension("B", "b")),
            "Count",
            AT,
            List.of(1.0, 2.5, -3.0),
            1);

    Map<String, String> params = params(PutMetricDataCalls.of(List.of(datum)).get(0).body());

    assertThat(params)
        .containsEntry("MetricData.member.1.Dimensions.member.1.Name", "A")
        .containsEntry("MetricData.member.1.Dimensions.member.1.Value", "a b")
        .containsEntry("MetricData.member.1.Dimensions.member.2.Name", "B")
        .containsEntry("MetricData.member.1.Dimensions.member.2.Value", "b")
        .containsEntry("MetricData.member.1.Values.member.1", "1.0")
        .containsEntry("MetricData.member.1.Values.member.2", "2.5")
        .containsEntry("MetricData.member.1.Values.member.3", "-3.0")
        .containsEntry("MetricData.member.1.StorageResolution", "1")
        .doesNotContainKey("MetricData.member.1.Value");
  }

  @Test
  void dataOfSeveralNamespacesGoInOneCallPerNamespaceInTheOrderTheyCame() {
    List<Call> calls =
        PutMetricDataCalls.of(List.of(datum("B", "x"), datum("A", "y"), datum("B", "z")));

    assertThat(calls).extracting(Call::namespace).containsExactly("B", "A");
    assertThat(params(calls.get(0).body()))
        .containsEntry("MetricData.member.1.MetricName", "x")
        .containsEntry("MetricData.member.2.MetricName", "z");
  }

  @Test
  void moreThanAThousandDataGoInCallsOfAThousandMembersNumberedFromOne() {
    List<MetricDatum> data = IntStream.range(0, 2500).mapToObj(i -> datum("N", "M" + i)).toList();

    List<Call> calls = PutMetricDataCalls.of(data);

    assertThat(calls).extracting(Call::members).containsExactly(1000, 1000, 500);
    Map<String, String> third = params(calls.get(2).body());
    assertThat(third)
        .containsEntry("MetricData.member.1.MetricName", "M2000")
        .containsEntry("MetricData.member.500.MetricName", "M2499")
        .doesNotContainKey("MetricData.member.501.MetricName");
  }

  @Test
  void callsStayWithinOneMegabyteAndCarryEveryDatum() {
    // 30 dimensions of 1024 characters: about 31 KB a member, so 1 MB comes before 1000 members.
    List<Dimension> wide =
        IntStream.range(0, 30).mapToObj(i -> new Dimension("D" + i, "v".repeat(1024))).toList();
    List<MetricDatum> data =
        IntStream.range(0, 100)
            .mapToObj(i -> new MetricDatum("N", "M" + i, wide, "None", AT, List.of(1.0), 60))
            .toList();

    List<Call> calls = PutMetricDataCalls.of(data);

    assertThat(calls).hasSizeGreaterThan(1);
    assertThat(calls)
        .allSatisfy(
            c ->
                assertThat(c.body().length())
                    .isLessThanOrEqualTo(PutMetricDataCalls.MAX_BODY_BYTES));
    assertThat(calls.stream().mapToInt(Call::members).sum()).isEqualTo(100);
    assertThat(calls.stream().mapToInt(c -> params(c.body()).size()).sum())
        .isEqualTo(calls.size() * 3 + 100 * (1 + 60 + 4));
  }

  @Test
  void moreThan150ValuesAreSplitIntoMembersOf150() {
    List<Double> values = IntStream.range(0, 400).mapToObj(i -> (double) i).toList();
    MetricDatum datum = new MetricDatum("N", "M", List.of(), "None", AT, values, 60);

    Call call = PutMetricDataCalls.of(List.of(datum)).get(0);

    assertThat(call.members()).isEqualTo(3);
    assertThat(call.dataPoints()).isEqualTo(400);
    Map<String, String> params = params(call.body());
    assertThat(params)
        .containsEntry("MetricData.member.2.Values.member.1", "150.0")
        .containsEntry("MetricData.member.3.Values.member.100", "399.0")
        .doesNotContainKey("MetricData.member.3.Values.member.101");
  }

  @Test
  void theTimestampIsSentInUtcToTheMillisecond() {
    MetricDatum datum =
        new MetricDatum(
            "N",
            "M",
            List.of(),
            "None",
            Instant.parse("2026-11-27T04:47:04.991789Z"),
            List.of(1.0),
            60);

    assertThat(params(PutMetricDataCalls.of(List.of(datum)).get(0).body()))
        .containsEntry("MetricData.member.1.Timestamp", "2026-11-27T04:47:04.991Z");
  }

  private static MetricDatum datum(String namespace, String name) {
    return new MetricDatum(namespace, name, List.of(), "Count", AT, List.of(1.0), 60);
  }

  static Map<String, String> params(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (params.put(key, value) != null) {
        duplicates.add(key);
      }
    }
    assertThat(duplicates).as("parameters given twice").isEmpty();
    return params;
  }
}
