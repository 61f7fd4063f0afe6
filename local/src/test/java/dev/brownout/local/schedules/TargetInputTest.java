package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.Target;

class TargetInputTest {
  private static final String RULE = "arn:aws:events:us-east-2:123456789012:rule/example";

  /** The EC2 event of eb-transform-target-input, whose examples the first tables replay. */
  private static final ObjectNode EC2 =
      parse(
          """
          {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602",
           "detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",
           "account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
           "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
           "detail":{"instance-id":"i-0123456789","state":"RUNNING"}}
          """);

  private static final Map<String, String> EC2_PATHS =
      Map.of(
          "timestamp", "$.time",
          "instance", "$.detail.instance-id",
          "state", "$.detail.state");

  /** An event with nested values, lists, a boolean and a number. */
  private static final ObjectNode NESTED =
      parse(
          """
          {"version":"0","id":"1","detail-type":"core.update-account-command","source":"core",
           "account":"123456789012","time":"2026-11-27T10:00:00Z","region":"us-east-1",
           "resources":[],
           "detail":{"payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"},"listsingle":["HIGH"],
                     "listmulti":["ACTIVE","INACTIVE"],"valid":true,"count":3,
                     "quoted":"say \\"hi\\""}}
          """);

  private static final Map<String, String> NESTED_PATHS =
      Map.of(
          "userId", "$.detail.payload.acc_id",
          "payload", "$.detail.payload",
          "listsingle", "$.detail.listsingle",
          "listmulti", "$.detail.listmulti",
          "valid", "$.detail.valid",
          "count", "$.detail.count",
          "quoted", "$.detail.quoted",
          "missing", "$.detail.notinevent");

  @Test
  void withoutInputSettingsTheTargetReceivesTheEventItself() {
    ObjectNode event = ScheduledEvents.event("id-1", RULE, Instant.parse("2026-11-27T10:00:00Z"));

    assertThat(TargetInput.of(target().build()).render(event, RULE)).contains(event.toString());
  }

  @Test
  void aConstantInputIsSentExactlyAsWrittenWhateverTheEvent() {
    TargetInput input = TargetInput.of(target().input("{ \"mode\" : \"scheduled\" }").build());

    assertThat(input).isEqualTo(new TargetInput.Constant("{ \"mode\" : \"scheduled\" }"));
    assertThat(input.render(EC2, RULE)).contains("{ \"mode\" : \"scheduled\" }");
  }

  @ParameterizedTest(name = "{0} selects {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$.detail               | {\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}",
        "$.detail.state         | \"RUNNING\"",
        "$.detail.instance-id   | \"i-0123456789\"",
        "$.resources[0]         | \"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"",
        "$.resources[*]         | [\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"]",
        "$.detail.*             | [\"i-0123456789\",\"RUNNING\"]",
        "$.version              | \"0\"",
      })
  void anInputPathSendsTheJsonOfWhatItSelects(String path, String expected) {
    assertThat(TargetInput.of(target().inputPath(path).build()).render(EC2, RULE))
        .contains(expected);
  }

  @Test
  void theInputPathOfTheWholeEventSendsTheWholeEvent() {
    assertThat(new TargetInput.Path("$").render(EC2, RULE)).contains(EC2.toString());
  }

  @Test
  void anInputPathThatSelectsNothingSendsNothing() {
    assertThat(new TargetInput.Path("$.detail.notinevent").render(EC2, RULE)).isEmpty();
    assertThat(new TargetInput.Path("$.resources[3]").render(EC2, RULE)).isEmpty();
    assertThat(new TargetInput.Path("$.detail.state.deeper").render(EC2, RULE)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "detail.state   | JSON path \"detail.state\" does not start with $",
        "$..state       | JSON path \"$..state\" has an empty name at position 2",
        "$.resources[x] | JSON path \"$.resources[x]\" has [x]; only [n] and [*] are supported",
        "$.resources[0  | JSON path \"$.resources[0\" has an unclosed [ at position 11",
        "$detail        | JSON path \"$detail\" has 'd' at position 1, expected . or [",
      })
  void anUnreadableInputPathIsAnInvalidParameterQuotingThePath(String path, String message) {
    assertThatThrownBy(() -> new TargetInput.Path(path).render(EC2, RULE))
        .isInstanceOfSatisfying(
            TargetInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER"))
        .hasMessage("InputPath: " + message);
  }

  /** The examples of eb-transform-target-input and API_InputTransformer, template and output. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"instance <instance> is in <state>\" | \"instance i-0123456789 is in RUNNING\"",
        "\"instance \\\"<instance>\\\" is in <state>\" | \"instance \\\"i-0123456789\\\" is in"
            + " RUNNING\"",
        "<instance> is in state <state> | i-0123456789 is in state RUNNING",
        "`{\"instance\" : <instance>,\n  \"state\": <state>}` |"
            + " {\"instance\":\"i-0123456789\",\"state\":\"RUNNING\"}",
        "{\"instance\" : <instance>, \"state\": \"<state>\", \"instanceStatus\": \"instance"
            + " \\\"<instance>\\\" is in <state>\"} | {\"instance\":\"i-0123456789\","
            + "\"state\":\"RUNNING\",\"instanceStatus\":\"instance \\\"i-0123456789\\\" is in"
            + " RUNNING\"}",
        "{\"instance\" : <instance>, \"state\": [ 9, <state>, true ], \"Transformed\" : \"Yes\"}"
            + " | {\"instance\":\"i-0123456789\",\"state\":[9,\"RUNNING\",true],"
            + "\"Transformed\":\"Yes\"}",
        "{\"timestamp\" : <timestamp>, \"message\": \"instance <instance> is in <state>\"} |"
            + " {\"timestamp\":\"2015-11-11T21:29:54Z\",\"message\":\"instance i-0123456789 is in"
            + " RUNNING\"}",
        "\"<aws.events.rule-name> triggered\" | \"example triggered\"",
        "\"a < b and c > d, <state>\" | \"a < b and c > d, RUNNING\"",
      })
  void anInputTransformerFillsItsTemplateAsTheAwsExamplesShow(String template, String expected) {
    assertThat(new TargetInput.Transformer(EC2_PATHS, template).render(EC2, RULE))
        .contains(expected);
  }

  /**
   * Values that are not plain strings, as AWS delivered them in LocalStack's AWS-validated tests
   * (tests/aws/services/events/test_events_inputs.snapshot.json).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"method\": \"PUT\", \"path\": \"users-service/users/<userId>\", \"bod\": <payload>} |"
            + " {\"method\":\"PUT\",\"path\":\"users-service/users/0a787ecb-4015\","
            + "\"bod\":{\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"}}",
        "\"Payload of <payload> with path users-service/users/<userId> and <userId>\" |"
            + " \"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path"
            + " users-service/users/0a787ecb-4015 and 0a787ecb-4015\"",
        "{\"id\" : <userId>} | {\"id\":\"0a787ecb-4015\"}",
        "{\"id\" : \"<userId>\"} | {\"id\":\"0a787ecb-4015\"}",
        "{\"bod\": [<userId>, \"hardcoded\"]} | {\"bod\":[\"0a787ecb-4015\",\"hardcoded\"]}",
        "{\"singlelistitem\": <listsingle>} | {\"singlelistitem\":[\"HIGH\"]}",
        "\"<listsingle> single list item <listmulti> multiple list items\" | \"[HIGH] single list"
            + " item [ACTIVE,INACTIVE] multiple list items\"",
        "{\"multi\": \"users/<userId>/second/<userId>\"} |"
            + " {\"multi\":\"users/0a787ecb-4015/second/0a787ecb-4015\"}",
        "\"Command is <valid>!\" | \"Command is true!\"",
        "{\"count\": <count>, \"label\": \"n=<count>\", \"valid\": <valid>} |"
            + " {\"count\":3,\"label\":\"n=3\",\"valid\":true}",
        "{\"escaped\": \"x \\\" <userId>\"} | {\"escaped\":\"x \\\" 0a787ecb-4015\"}",
        "{\"quoted\": <quoted>} | {\"quoted\":\"say \\\"hi\\\"\"}",
        "\"Event with <missing> value\" | \"Event with  value\"",
        "{\"command\": <missing>, \"text\": \"[<missing>]\"} | {\"command\":\"\",\"text\":\"[]\"}",
      })
  void anInputTransformerFillsInObjectsListsNumbersBooleansAndMissingValuesAsAwsDoes(
      String template, String expected) {
    assertThat(new TargetInput.Transformer(NESTED_PATHS, template).render(NESTED, RULE))
        .contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"payload\": \"<payload>\"}",
        "{\"singlelistitem\": \"<listsingle>\"}",
        "{\"not_valid\": \"users-service/users/<payload>\", \"bod\": <payload>}",
        "{\"unescaped\": \"<quoted>\"}",
        "{\"trailing\": 1} and more",
      })
  void aJsonTemplateThatIsNoJsonOnceFilledInIsInvalidJson(String template) {
    assertThatThrownBy(
            () -> new TargetInput.Transformer(NESTED_PATHS, template).render(NESTED, RULE))
        .isInstanceOfSatisfying(
            TargetInputException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_JSON"))
        .hasMessageStartingWith("InputTemplate filled in is not JSON: ");
  }

  @Test
  void thePredefinedVariablesNameTheRuleAndGiveTheEventWithAndWithoutItsDetail() {
    ObjectNode event =
        ScheduledEvents.event(
            "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", RULE, Instant.parse("2026-11-27T10:00:00Z"));
    String template =
        "{\"ruleArn\": <aws.events.rule-arn>, \"ruleName\": <aws.events.rule-name>,"
            + " \"at\": <aws.events.event.ingestion-time>, \"originalEvent\": <aws.events.event>,"
            + " \"originalEventJson\": <aws.events.event.json>}";

    assertThat(new TargetInput.Transformer(Map.of(), template).render(event, RULE))
        .contains(
            "{\"ruleArn\":\""
                + RULE
                + "\",\"ruleName\":\"example\",\"at\":\"2026-11-27T10:00:00Z\","
                + "\"originalEvent\":{\"id\":\"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa\","
                + "\"account\":\"123456789012\",\"detailType\":\"Scheduled Event\","
                + "\"time\":\"2026-11-27T10:00:00Z\",\"source\":\"aws.events\","
                + "\"region\":\"us-east-2\",\"resources\":[\""
                + RULE
                + "\"],\"version\":\"0\"},\"originalEventJson\":"
                + event
                + "}");
  }

  @Test
  void thePredefinedVariablesInTextAreBare() {
    String template =
        "\"Message <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>\"";

    assertThat(new TargetInput.Transformer(null, template).render(EC2, RULE))
        .contains("\"Message " + RULE + " example 2015-11-11T21:29:54Z\"");
  }

  @Test
  void theRuleNameOfARuleOnACustomBusIsItsLastPart() {
    String rule = "arn:aws:events:us-east-1:123456789012:rule/orders/nightly";

    assertThat(new TargetInput.Transformer(null, "<aws.events.rule-name>").render(EC2, rule))
        .contains("nightly");
  }

  @Test
  void aPlaceholderThatNamesNoVariableIsAnInvalidParameterNamingIt() {
    assertThatThrownBy(
            () ->
                new TargetInput.Transformer(EC2_PATHS, "\"<instance> has <notdefined>\"")
                    .render(EC2, RULE))
        .isInstanceOfSatisfying(
            TargetInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER"))
        .hasMessageContaining("<notdefined>")
        .hasMessageContaining("neither in InputPathsMap nor a predefined");
  }

  @Test
  void aPathsMapKeyInTheAwsNamespaceIsAnInvalidParameter() {
    assertThatThrownBy(
            () ->
                new TargetInput.Transformer(
                        Map.of("aws.events.rule-arn", "$.id"), "<aws.events.rule-arn>")
                    .render(EC2, RULE))
        .isInstanceOfSatisfying(
            TargetInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER"))
        .hasMessageContaining("\"aws.events.rule-arn\" starts with aws.");
  }

  @Test
  void aPathsMapEntryWithAnUnreadablePathIsAnInvalidParameterNamingTheEntry() {
    assertThatThrownBy(
            () ->
                new TargetInput.Transformer(Map.of("state", "detail"), "<state>").render(EC2, RULE))
        .isInstanceOf(TargetInputException.class)
        .hasMessage("InputPathsMap \"state\": JSON path \"detail\" does not start with $");
  }

  @Test
  void aTransformerWithoutATemplateIsAnInvalidParameter() {
    assertThatThrownBy(() -> new TargetInput.Transformer(EC2_PATHS, null))
        .isInstanceOfSatisfying(
            TargetInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER"))
        .hasMessageContaining("no InputTemplate");
  }

  @Test
  void theTargetsInputSettingsChooseTheKindOfInput() {
    assertThat(TargetInput.of(target().build())).isEqualTo(new TargetInput.WholeEvent());
    assertThat(TargetInput.of(target().inputPath("$.detail").build()))
        .isEqualTo(new TargetInput.Path("$.detail"));
    assertThat(
            TargetInput.of(
                target()
                    .inputTransformer(
                        InputTransformer.builder()
                            .inputPathsMap(EC2_PATHS)
                            .inputTemplate("<state>")
                            .build())
                    .build()))
        .isEqualTo(new TargetInput.Transformer(EC2_PATHS, "<state>"));
  }

  @Test
  void aTargetWithTwoKindsOfInputIsAnInvalidParameter() {
    assertThatThrownBy(() -> TargetInput.of(target().input("{}").inputPath("$.detail").build()))
        .isInstanceOfSatisfying(
            TargetInputException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER"))
        .hasMessage(
            "target Target0 sets more than one of Input, InputPath and InputTransformer; AWS"
                + " allows one");
  }

  private static Target.Builder target() {
    return Target.builder().id("Target0").arn("arn:aws:lambda:us-east-1:123456789012:function:f");
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
