package dev.brownout.local.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * What a rule's target receives for an event, by its {@code Input}, {@code InputPath} or {@code
 * InputTransformer} (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html">API_Target</a>,
 * <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html">eb-transform-target-input</a>).
 * At most one of the three is set; with none the target receives the event itself.
 */
public sealed interface TargetInput {

  /**
   * The input settings of {@code target}.
   *
   * @throws TargetInputException ({@code INVALID_PARAMETER}) if more than one of {@code Input},
   *     {@code InputPath} and {@code InputTransformer} is set, which AWS refuses
   */
  static TargetInput of(Target target) {
    int set =
        (target.input() != null ? 1 : 0)
            + (target.inputPath() != null ? 1 : 0)
            + (target.inputTransformer() != null ? 1 : 0);
    if (set > 1) {
      throw new TargetInputException(
          "INVALID_PARAMETER",
          "target "
              + target.id()
              + " sets more than one of Input, InputPath and InputTransformer; AWS allows one");
    }
    if (target.input() != null) {
      return new Constant(target.input());
    }
    if (target.inputPath() != null) {
      return new Path(target.inputPath());
    }
    if (target.inputTransformer() != null) {
      return new Transformer(
          target.inputTransformer().inputPathsMap(), target.inputTransformer().inputTemplate());
    }
    return new WholeEvent();
  }

  /**
   * The text the target receives for {@code event}, fired by the rule {@code ruleArn}.
   *
   * @return empty when nothing is to be sent (an {@code InputPath} that selects nothing)
   * @throws TargetInputException if the input cannot be built; its {@link
   *     TargetInputException#errorCode()} says why
   */
  Optional<String> render(ObjectNode event, String ruleArn);

  /** No input settings: the event itself, as JSON. */
  record WholeEvent() implements TargetInput {
    @Override
    public Optional<String> render(ObjectNode event, String ruleArn) {
      return Optional.of(event.toString());
    }
  }

  /**
   * {@code Input}: "Valid JSON text passed to the target. In this case, nothing from the event
   * itself is passed to the target" (API_Target). Sent exactly as written.
   */
  record Constant(String json) implements TargetInput {
    @Override
    public Optional<String> render(ObjectNode event, String ruleArn) {
      return Optional.of(json);
    }
  }

  /**
   * {@code InputPath}: "The value of the JSONPath that is used for extracting part of the matched
   * event when passing it to the target" (API_Target); sent as minified JSON. A path that selects
   * nothing sends nothing.
   */
  record Path(String inputPath) implements TargetInput {
    @Override
    public Optional<String> render(ObjectNode event, String ruleArn) {
      try {
        return JsonPaths.select(event, inputPath).map(JsonNode::toString);
      } catch (IllegalArgumentException e) {
        throw new TargetInputException("INVALID_PARAMETER", "InputPath: " + e.getMessage());
      }
    }
  }

  /**
   * {@code InputTransformer}: each {@code InputPathsMap} entry names a JSON path into the event;
   * {@code InputTemplate} is sent with every {@code <name>} filled in. The rules, from
   * eb-transform-target-input and the {@code InputTemplate} reference (<a
   * href="https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html">API_InputTransformer</a>):
   *
   * <ul>
   *   <li>Predefined, without a path: {@code <aws.events.rule-arn>}, {@code
   *       <aws.events.rule-name>}, {@code <aws.events.event.ingestion-time>} (here the event's
   *       {@code time}), {@code <aws.events.event.json>} (the whole event) and {@code
   *       <aws.events.event>} ("the original event payload as JSON (without the detail field)"; AWS
   *       also renames {@code detail-type} to {@code detailType} in it and orders its keys id,
   *       account, detailType, time, source, region, resources, version, as LocalStack's tests
   *       recorded against AWS show). Map keys may not start with {@code aws.}.
   *   <li>A template that is a JSON object (begins with <code>{</code>): a placeholder outside a
   *       string literal becomes the value's JSON (a string with its quotes); inside a string
   *       literal it becomes the bare text, not escaped ("EventBridge doesn't escape values
   *       extracted by Input Path"). The result must parse as JSON, else nothing is delivered
   *       ({@code INVALID_JSON}); it is sent minified ("The JSON that is passed to the target is
   *       minified").
   *   <li>Any other template is text ("For Strings, quotes are required": write {@code "instance
   *       <instance> is in <state>"} with its quotes to send a JSON string): a placeholder becomes
   *       the bare text of a string, the JSON of a number or boolean, and the JSON of an object or
   *       array with its double quotes removed ({@code {acc_id:0a78,sf_id:baz}}), as AWS does.
   *   <li>"If you specify a variable to match a JSON path that doesn't exist in the event, that
   *       variable isn't created and won't appear in the output": it becomes the empty text, or
   *       {@code ""} where a JSON value stands.
   * </ul>
   */
  record Transformer(Map<String, String> inputPathsMap, String inputTemplate)
      implements TargetInput {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");
    private static final List<String> EVENT_KEYS =
        List.of("id", "account", "detail-type", "time", "source", "region", "resources", "version");
    private static final ObjectMapper STRICT =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Transformer {
      inputPathsMap = Map.copyOf(inputPathsMap == null ? Map.of() : inputPathsMap);
      if (inputTemplate == null) {
        throw new TargetInputException(
            "INVALID_PARAMETER", "InputTransformer has no InputTemplate, which AWS requires");
      }
    }

    @Override
    public Optional<String> render(ObjectNode event, String ruleArn) {
      Map<String, JsonNode> values = values(event, ruleArn);
      boolean json = inputTemplate.strip().startsWith("{");
      StringBuilder out = new StringBuilder();
      Matcher placeholder = PLACEHOLDER.matcher(inputTemplate);
      boolean inString = false;
      int i = 0;
      while (i < inputTemplate.length()) {
        char c = inputTemplate.charAt(i);
        if (c == '<' && placeholder.find(i) && placeholder.start() == i) {
          String name = placeholder.group(1);
          if (!values.containsKey(name) && !inputPathsMap.containsKey(name)) {
            throw new TargetInputException(
                "INVALID_PARAMETER",
                "InputTemplate uses <"
                    + name
                    + ">, which is neither in InputPathsMap nor a predefined aws.events variable");
          }
          out.append(fill(values.get(name), json, inString));
          i = placeholder.end();
          continue;
        }
        out.append(c);
        if (json && inString && c == '\\' && i + 1 < inputTemplate.length()) {
          out.append(inputTemplate.charAt(++i));
        } else if (json && c == '"') {
          inString = !inString;
        }
        i++;
      }
      if (!json) {
        return Optional.of(out.toString());
      }
      try {
        return Optional.of(STRICT.readTree(out.toString()).toString());
      } catch (JsonProcessingException e) {
        throw new TargetInputException(
            "INVALID_JSON",
            "InputTemplate filled in is not JSON: " + out + " (" + e.getOriginalMessage() + ")");
      }
    }

    /** Every variable that has a value: the map's that its path reaches, and the predefined. */
    private Map<String, JsonNode> values(ObjectNode event, String ruleArn) {
      Map<String, JsonNode> values = new HashMap<>();
      for (Map.Entry<String, String> entry : inputPathsMap.entrySet()) {
        if (entry.getKey().toLowerCase(Locale.ROOT).startsWith("aws.")) {
          throw new TargetInputException(
              "INVALID_PARAMETER",
              "InputPathsMap key \""
                  + entry.getKey()
                  + "\" starts with aws., which is reserved for predefined variables");
        }
        try {
          JsonPaths.select(event, entry.getValue())
              .ifPresent(value -> values.put(entry.getKey(), value));
        } catch (IllegalArgumentException e) {
          throw new TargetInputException(
              "INVALID_PARAMETER", "InputPathsMap \"" + entry.getKey() + "\": " + e.getMessage());
        }
      }
      values.put("aws.events.rule-arn", TextNode.valueOf(ruleArn));
      values.put(
          "aws.events.rule-name",
          TextNode.valueOf(ruleArn.substring(ruleArn.lastIndexOf('/') + 1)));
      values.put("aws.events.event.ingestion-time", event.path("time"));
      values.put("aws.events.event", withoutDetail(event));
      values.put("aws.events.event.json", event);
      return values;
    }

    private static ObjectNode withoutDetail(ObjectNode event) {
      Map<String, JsonNode> ordered = new LinkedHashMap<>();
      for (String key : EVENT_KEYS) {
        if (event.has(key)) {
          ordered.put(key.equals("detail-type") ? "detailType" : key, event.get(key));
        }
      }
      event
          .properties()
          .forEach(
              field -> {
                if (!EVENT_KEYS.contains(field.getKey()) && !field.getKey().equals("detail")) {
                  ordered.put(field.getKey(), field.getValue());
                }
              });
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.setAll(ordered);
      return result;
    }

    private static String fill(JsonNode value, boolean json, boolean inString) {
      if (value == null) {
        return json && !inString ? "\"\"" : "";
      }
      if (json && !inString) {
        return value.toString();
      }
      if (value.isTextual()) {
        return value.asText();
      }
      if (value.isContainerNode() && !json) {
        return value.toString().replace("\"", "");
      }
      return value.toString();
    }
  }
}
