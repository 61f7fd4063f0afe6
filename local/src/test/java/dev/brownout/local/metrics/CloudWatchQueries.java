package dev.brownout.local.metrics;

import static dev.brownout.local.metrics.PutMetricDataCalls.encode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The reading side of CloudWatch in the Query protocol, for tests: what a dashboard would ask. */
final class CloudWatchQueries {
  private final QueryApi api;

  CloudWatchQueries(URI endpoint) {
    this.api = new QueryApi(endpoint, "us-east-1");
  }

  /** One datapoint of GetMetricStatistics. */
  record Datapoint(Instant timestamp, Map<String, Double> statistics, String unit) {}

  /** One metric of ListMetrics: its name and dimensions (name to value). */
  record Listed(String namespace, String name, Map<String, String> dimensions) {}

  List<Datapoint> getMetricStatistics(
      String namespace,
      String metric,
      Map<String, String> dimensions,
      Instant start,
      Instant end,
      int period,
      List<String> statistics) {
    StringBuilder form =
        new StringBuilder("Action=GetMetricStatistics&Version=2010-08-01")
            .append("&Namespace=")
            .append(encode(namespace))
            .append("&MetricName=")
            .append(encode(metric))
            .append("&StartTime=")
            .append(encode(DateTimeFormatter.ISO_INSTANT.format(start)))
            .append("&EndTime=")
            .append(encode(DateTimeFormatter.ISO_INSTANT.format(end)))
            .append("&Period=")
            .append(period);
    appendDimensions(form, dimensions);
    for (int i = 0; i < statistics.size(); i++) {
      form.append("&Statistics.member.").append(i + 1).append('=').append(statistics.get(i));
    }
    List<Datapoint> datapoints = new ArrayList<>();
    for (Element member : members(call(form.toString()), "Datapoints")) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (String statistic : statistics) {
        String text = child(member, statistic);
        if (text != null) {
          values.put(statistic, Double.parseDouble(text));
        }
      }
      datapoints.add(
          new Datapoint(Instant.parse(child(member, "Timestamp")), values, child(member, "Unit")));
    }
    return datapoints;
  }

  List<Listed> listMetrics(String namespace) {
    Element result = call("Action=ListMetrics&Version=2010-08-01&Namespace=" + encode(namespace));
    List<Listed> metrics = new ArrayList<>();
    for (Element member : members(result, "Metrics")) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (Element dimension : members(member, "Dimensions")) {
        dimensions.put(child(dimension, "Name"), child(dimension, "Value"));
      }
      metrics.add(new Listed(child(member, "Namespace"), child(member, "MetricName"), dimensions));
    }
    return metrics;
  }

  private static void appendDimensions(StringBuilder form, Map<String, String> dimensions) {
    int m = 1;
    for (Map.Entry<String, String> d : dimensions.entrySet()) {
      form.append("&Dimensions.member.").append(m).append(".Name=").append(encode(d.getKey()));
      form.append("&Dimensions.member.").append(m).append(".Value=").append(encode(d.getValue()));
      m++;
    }
  }

  private Element call(String form) {
    try {
      QueryApi.Response response = api.call(form);
      if (!response.ok()) {
        throw new IllegalStateException(
            "CloudWatch answered " + response.status() + " to " + form + ":\n" + response.body());
      }
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (IOException e) {
      throw new IllegalStateException("no answer from CloudWatch to " + form, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable answer to " + form, e);
    }
  }

  /** The {@code member} children of the first element named {@code list} under {@code parent}. */
  private static List<Element> members(Element parent, String list) {
    List<Element> members = new ArrayList<>();
    NodeList lists = parent.getElementsByTagName(list);
    if (lists.getLength() == 0) {
      return members;
    }
    NodeList children = lists.item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child instanceof Element e && e.getTagName().equals("member")) {
        members.add(e);
      }
    }
    return members;
  }

  private static String child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent();
      }
    }
    return null;
  }
}
