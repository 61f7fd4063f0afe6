package dev.brownout.local.metrics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs data points into CloudWatch {@code PutMetricData} calls in the Query protocol (the form
 * body of {@code POST /}), within CloudWatch's limits: one namespace per call, at most 1000 {@code
 * MetricData} members and 1 MB of body, at most 150 values per member. Pure.
 */
final class PutMetricDataCalls {
  static final int MAX_MEMBERS_PER_CALL = 1000;
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final int MAX_VALUES_PER_MEMBER = 150;

  private PutMetricDataCalls() {}

  /**
   * One call.
   *
   * @param dataPoints how many values it carries
   * @param body the form-encoded body, ASCII
   */
  record Call(String namespace, int members, int dataPoints, String body) {}

  /** The calls that publish {@code data}, namespaces in the order they first appear. */
  static List<Call> of(List<MetricDatum> data) {
    Map<String, List<MetricDatum>> byNamespace = new LinkedHashMap<>();
    for (MetricDatum datum : data) {
      byNamespace.computeIfAbsent(datum.namespace(), n -> new ArrayList<>()).add(datum);
    }
    List<Call> calls = new ArrayList<>();
    byNamespace.forEach((namespace, inNamespace) -> pack(namespace, inNamespace, calls));
    return calls;
  }

  private static void pack(String namespace, List<MetricDatum> data, List<Call> calls) {
    String head = "Action=PutMetricData&Version=2010-08-01&Namespace=" + encode(namespace);
    StringBuilder body = new StringBuilder(head);
    int members = 0;
    int dataPoints = 0;
    for (MetricDatum datum : data) {
      List<Double> values = datum.values();
      for (int from = 0; from < values.size(); from += MAX_VALUES_PER_MEMBER) {
        List<Double> chunk =
            values.subList(from, Math.min(values.size(), from + MAX_VALUES_PER_MEMBER));
        String member = member(members + 1, datum, chunk);
        if (members > 0
            && (members == MAX_MEMBERS_PER_CALL
                || body.length() + member.length() > MAX_BODY_BYTES)) {
          calls.add(new Call(namespace, members, dataPoints, body.toString()));
          body = new StringBuilder(head);
          members = 0;
          dataPoints = 0;
          member = member(1, datum, chunk);
        }
        body.append(member);
        members++;
        dataPoints += chunk.size();
      }
    }
    if (members > 0) {
      calls.add(new Call(namespace, members, dataPoints, body.toString()));
    }
  }

  /** One {@code MetricData.member.N}, starting with its {@code &}. */
  static String member(int n, MetricDatum datum, List<Double> values) {
    String p = "&MetricData.member." + n + ".";
    StringBuilder s = new StringBuilder();
    s.append(p).append("MetricName=").append(encode(datum.name()));
    for (int m = 0; m < datum.dimensions().size(); m++) {
      MetricDatum.Dimension d = datum.dimensions().get(m);
      String q = p + "Dimensions.member." + (m + 1) + ".";
      s.append(q).append("Name=").append(encode(d.name()));
      s.append(q).append("Value=").append(encode(d.value()));
    }
    if (values.size() == 1) {
      s.append(p).append("Value=").append(values.get(0));
    } else {
      for (int k = 0; k < values.size(); k++) {
        s.append(p).append("Values.member.").append(k + 1).append('=').append(values.get(k));
      }
    }
    s.append(p).append("Unit=").append(encode(datum.unit()));
    s.append(p)
        .append("Timestamp=")
        .append(
            encode(
                DateTimeFormatter.ISO_INSTANT.format(
                    datum.timestamp().truncatedTo(ChronoUnit.MILLIS))));
    s.append(p).append("StorageResolution=").append(datum.storageResolution());
    return s.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
