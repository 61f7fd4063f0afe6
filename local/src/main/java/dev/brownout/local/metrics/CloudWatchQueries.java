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
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The reading side of CloudWatch (moto) in the Query protocol: what a dashboard asks. Each call
 * waits at most 30 s ({@link QueryApi}); answers are read whole (moto's are small: a dashboard body
 * is at most 1 MB, a GetMetricStatistics answer one datapoint per period).
 *
 * <p>Failure behaviour: no answer, an error status or an unreadable answer throws {@link
 * CloudWatchException} naming the action and quoting CloudWatch's error; the one expected error, an
 * unknown dashboard, is {@link Optional#empty()}.
 */
public final class CloudWatchQueries {
  private static final int QUOTED_ANSWER = 300;

  private final QueryApi api;

  /**
   * @param endpoint moto (or the edge in front of it)
   * @param region the region asked
   */
  public CloudWatchQueries(URI endpoint, String region) {
    this.api = new QueryApi(endpoint, region);
  }

  /** A call that failed. */
  public static final class CloudWatchException extends RuntimeException {
    CloudWatchException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One datapoint of GetMetricStatistics: the statistics asked that CloudWatch answered. */
  public record Datapoint(Instant timestamp, Map<String, Double> statistics, String unit) {}

  /** One metric of ListMetrics: its name and dimensions (name to value). */
  public record Listed(String namespace, String name, Map<String, String> dimensions) {}

  /**
   * GetMetricStatistics.
   *
   * @param dimensions name to value, in the order sent
   * @param statistics of {@code Sum}, {@code Average}, {@code Minimum}, {@code Maximum}, {@code
   *     SampleCount}
   */
  public List<Datapoint> getMetricStatistics(
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
    int m = 1;
    for (Map.Entry<String, String> d : dimensions.entrySet()) {
      form.append("&Dimensions.member.").append(m).append(".Name=").append(encode(d.getKey()));
      form.append("&Dimensions.member.").append(m).append(".Value=").append(encode(d.getValue()));
      m++;
    }
    for (int i = 0; i < statistics.size(); i++) {
      form.append("&Statistics.member.")
          .append(i + 1)
          .append('=')
          .append(encode(statistics.get(i)));
    }
    List<Datapoint> datapoints = new ArrayList<>();
    for (Element member : members(call("GetMetricStatistics", form.toString()), "Datapoints")) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (String statistic : statistics) {
        String text = child(member, statistic);
        if (text != null) {
          values.put(statistic, value(statistic, text));
        }
      }
      datapoints.add(
          new Datapoint(Instant.parse(child(member, "Timestamp")), values, child(member, "Unit")));
    }
    return datapoints;
  }

  /**
   * A statistic's value as CloudWatch (moto) writes it: Python's {@code inf}, {@code -inf} and
   * {@code nan} are its values beyond a double (a Sum of two 1.7E308), read as Java's.
   */
  static double value(String statistic, String text) {
    return switch (text.strip()) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new CloudWatchException(
              "GetMetricStatistics: CloudWatch answered the " + statistic + " " + cut(text), e);
        }
      }
    };
  }

  public List<Listed> listMetrics(String namespace) {
    Element result =
        call("ListMetrics", "Action=ListMetrics&Version=2010-08-01&Namespace=" + encode(namespace));
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

  /** The names of the dashboards, in CloudWatch's order (the first page of ListDashboards). */
  public List<String> listDashboards() {
    List<String> names = new ArrayList<>();
    for (Element member :
        members(
            call("ListDashboards", "Action=ListDashboards&Version=2010-08-01"),
            "DashboardEntries")) {
      names.add(child(member, "DashboardName"));
    }
    return names;
  }

  /** The body of the dashboard, or empty when there is no dashboard of that name. */
  public Optional<String> getDashboard(String name) {
    String form = "Action=GetDashboard&Version=2010-08-01&DashboardName=" + encode(name);
    QueryApi.Response response = send("GetDashboard", form);
    if (response.status() == 404 && response.body().contains("<Code>ResourceNotFound</Code>")) {
      return Optional.empty();
    }
    return Optional.ofNullable(child(read("GetDashboard", response), "DashboardBody"));
  }

  private Element call(String action, String form) {
    return read(action, send(action, form));
  }

  private QueryApi.Response send(String action, String form) {
    try {
      return api.call(form);
    } catch (IOException e) {
      throw new CloudWatchException(
          action + ": no answer from CloudWatch at " + api.endpoint() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudWatchException(action + ": interrupted", e);
    }
  }

  private static Element read(String action, QueryApi.Response response) {
    if (!response.ok()) {
      throw new CloudWatchException(
          action + ": CloudWatch answered HTTP " + response.status() + ": " + cut(response.body()),
          null);
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // the answer is data: no DTDs, no external entities
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      NodeList results = root.getElementsByTagName(action + "Result");
      return results.getLength() == 0 ? root : (Element) results.item(0);
    } catch (ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
      throw new CloudWatchException(
          action + ": unreadable answer from CloudWatch: " + cut(response.body()), e);
    }
  }

  private static String cut(String body) {
    String text = body.strip();
    return text.length() <= QUOTED_ANSWER
        ? text
        : text.substring(0, QUOTED_ANSWER) + "... (" + text.length() + " characters)";
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
