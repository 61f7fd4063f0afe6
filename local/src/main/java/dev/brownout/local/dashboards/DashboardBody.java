package dev.brownout.local.dashboards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.brownout.local.dashboards.Dashboard.Dimension;
import dev.brownout.local.dashboards.Dashboard.Expression;
import dev.brownout.local.dashboards.Dashboard.Graph;
import dev.brownout.local.dashboards.Dashboard.MetricSeries;
import dev.brownout.local.dashboards.Dashboard.NotDrawn;
import dev.brownout.local.dashboards.Dashboard.Series;
import dev.brownout.local.dashboards.Dashboard.Widget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CloudWatch dashboard body ("Dashboard Body Structure and Syntax" in the CloudWatch API
 * reference) as {@code GetDashboard} answers it. Pure.
 *
 * <p>Each entry of a metric widget's {@code metrics} array is {@code [namespace, name, dimName,
 * dimValue, ..., {options}]}, with the console's shorthand: {@code "."} repeats the previous
 * entry's element at the same position, and a leading {@code "..."} repeats the previous entry's
 * leading elements so that the entry ends up as long as the previous one. A series' statistic,
 * period and region are its own options, else the widget's {@code properties}, else CloudWatch's
 * defaults ({@code Average}, 300 s, the local region).
 *
 * <p>A body that is not a JSON object with a {@code widgets} array is refused whole ({@link
 * Invalid}); a widget that is malformed becomes {@link NotDrawn} saying what and where, so that one
 * bad widget does not hide the others.
 */
public final class DashboardBody {
  /** CloudWatch takes bodies of up to 1 MB. */
  public static final int MAX_BODY_CHARS = 1024 * 1024;

  public static final int MAX_WIDGETS = 50;
  public static final int MAX_SERIES = 20;

  static final String DEFAULT_STAT = "Average";
  static final int DEFAULT_PERIOD = 300;
  private static final int MAX_PERIOD = 7 * 24 * 3600;
  private static final int QUOTED = 80;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardBody() {}

  /** Why a body cannot be read at all. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * Reads the body of the dashboard {@code name}.
   *
   * @param region the region a widget without one is in
   * @throws Invalid if the body is too large, not JSON, or has no {@code widgets} array
   */
  public static Dashboard parse(String name, String body, String region) {
    if (body.length() > MAX_BODY_CHARS) {
      throw new Invalid(
          "the body of dashboard "
              + quote(name)
              + " has "
              + body.length()
              + " characters, more than CloudWatch's "
              + MAX_BODY_CHARS);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's limits (a number of over 1000 digits, nesting deeper than 1000) have no location
      JsonLocation at = e.getLocation();
      throw new Invalid(
          "the body of dashboard "
              + quote(name)
              + " is not JSON: "
              + e.getOriginalMessage()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (root == null || !root.isObject() || !root.path("widgets").isArray()) {
      throw new Invalid(
          "the body of dashboard "
              + quote(name)
              + " has no \"widgets\" array: "
              + (root == null ? "nothing" : show(root)));
    }
    JsonNode widgets = root.get("widgets");
    List<Widget> read = new ArrayList<>();
    for (int i = 0; i < widgets.size() && i < MAX_WIDGETS; i++) {
      read.add(widget(widgets.get(i), "widgets[" + i + "]", region));
    }
    return new Dashboard(name, read, Math.max(0, widgets.size() - MAX_WIDGETS));
  }

  private static Widget widget(JsonNode widget, String where, String region) {
    JsonNode properties = widget.path("properties");
    String title = properties.path("title").isTextual() ? properties.get("title").asText() : "";
    if (!widget.isObject()) {
      return new NotDrawn(title, "?", where + " is " + show(widget) + ", expected an object");
    }
    String type = widget.path("type").asText("");
    if (!type.equals("metric")) {
      return new NotDrawn(
          title,
          type,
          where
              + " is a widget of type "
              + quote(type)
              + ": only metric widgets are drawn locally");
    }
    try {
      String stat = text(properties, "stat", where + ".properties", DEFAULT_STAT);
      int period = period(properties.get("period"), where + ".properties.period", DEFAULT_PERIOD);
      String widgetRegion = text(properties, "region", where + ".properties", region);
      JsonNode metrics = properties.path("metrics");
      if (!metrics.isArray() || metrics.isEmpty()) {
        throw new Invalid(where + ".properties.metrics: a metric widget needs a metrics array");
      }
      List<Series> series = new ArrayList<>();
      List<String> previous = null;
      for (int m = 0; m < metrics.size() && m < MAX_SERIES; m++) {
        String at = where + ".properties.metrics[" + m + "]";
        JsonNode entry = metrics.get(m);
        if (!entry.isArray() || entry.isEmpty()) {
          throw new Invalid(at + " is " + show(entry) + ", expected an array");
        }
        JsonNode last = entry.get(entry.size() - 1);
        JsonNode options = last.isObject() ? last : JSON.createObjectNode();
        List<String> elements = new ArrayList<>();
        for (int e = 0; e < entry.size() - (last.isObject() ? 1 : 0); e++) {
          if (!entry.get(e).isTextual()) {
            throw new Invalid(
                at
                    + "["
                    + e
                    + "] is "
                    + show(entry.get(e))
                    + ": expected a string (only the last element may be the options object)");
          }
          elements.add(entry.get(e).asText());
        }
        if (elements.isEmpty() && options.has("expression")) {
          series.add(
              new Expression(
                  options.get("expression").asText(),
                  text(options, "label", at, options.path("id").asText("expression"))));
          previous = null;
          continue;
        }
        elements = expand(elements, previous, at);
        previous = elements;
        series.add(metric(elements, options, at, stat, period, widgetRegion));
      }
      if (title.isEmpty()) {
        title = String.join(", ", series.stream().map(Series::label).toList());
      }
      return new Graph(
          title,
          text(properties, "view", where + ".properties", "timeSeries"),
          series,
          Math.max(0, metrics.size() - MAX_SERIES));
    } catch (Invalid e) {
      return new NotDrawn(title, type, e.getMessage());
    }
  }

  /** Resolves {@code "."} and a leading {@code "..."} against the previous entry. */
  static List<String> expand(List<String> elements, List<String> previous, String at) {
    List<String> expanded = new ArrayList<>();
    int from = 0;
    if (!elements.isEmpty() && elements.get(0).equals("...")) {
      int rest = elements.size() - 1;
      if (previous == null || previous.size() < rest) {
        throw new Invalid(
            at
                + "[0] is \"...\", but "
                + (previous == null
                    ? "there is no previous metric to repeat"
                    : "the previous metric has only " + previous.size() + " elements"));
      }
      expanded.addAll(previous.subList(0, previous.size() - rest));
      from = 1;
    }
    for (int e = from; e < elements.size(); e++) {
      String element = elements.get(e);
      if (element.equals(".")) {
        int position = expanded.size();
        if (previous == null || position >= previous.size()) {
          throw new Invalid(
              at + "[" + e + "] is \".\", but the previous metric has no element to repeat there");
        }
        expanded.add(previous.get(position));
      } else if (element.equals("...")) {
        throw new Invalid(at + "[" + e + "] is \"...\", which may only come first");
      } else {
        expanded.add(element);
      }
    }
    return expanded;
  }

  private static MetricSeries metric(
      List<String> elements,
      JsonNode options,
      String at,
      String widgetStat,
      int widgetPeriod,
      String widgetRegion) {
    if (elements.size() < 2) {
      throw new Invalid(
          at
              + " is "
              + show(JSON.valueToTree(elements))
              + ": expected a namespace and a metric name");
    }
    if (elements.size() % 2 != 0) {
      throw new Invalid(
          at + ": the dimension " + quote(elements.get(elements.size() - 1)) + " has no value");
    }
    List<Dimension> dimensions = new ArrayList<>();
    for (int d = 2; d < elements.size(); d += 2) {
      dimensions.add(new Dimension(elements.get(d), elements.get(d + 1)));
    }
    String color = text(options, "color", at, "");
    return new MetricSeries(
        elements.get(0),
        elements.get(1),
        dimensions,
        text(options, "stat", at, widgetStat),
        period(options.get("period"), at + ".period", widgetPeriod),
        text(options, "region", at, widgetRegion),
        text(options, "label", at, elements.get(1)),
        color.matches("#[0-9a-fA-F]{6}") ? Optional.of(color) : Optional.empty(),
        !options.has("visible") || options.get("visible").asBoolean(true));
  }

  private static String text(JsonNode owner, String member, String where, String otherwise) {
    JsonNode node = owner.get(member);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isTextual()) {
      throw new Invalid(where + "." + member + " is " + show(node) + ", expected a string");
    }
    return node.asText();
  }

  private static int period(JsonNode node, String where, int otherwise) {
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.asInt() < 1
        || node.asInt() > MAX_PERIOD) {
      throw new Invalid(
          where + " is " + show(node) + ", expected whole seconds from 1 to " + MAX_PERIOD);
    }
    return node.asInt();
  }

  static String quote(String text) {
    return show(TextNode.valueOf(text));
  }

  /** A JSON value as the body has it, cut short. */
  static String show(JsonNode node) {
    String json = node.toString();
    return json.length() <= QUOTED
        ? json
        : json.substring(0, QUOTED) + "... (" + json.length() + " characters)";
  }
}
