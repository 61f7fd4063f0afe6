package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.functions.config.Environment;
import dev.brownout.functions.handlers.ApiSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The replay queue, its dead-letter queue, the replay function, the credentials key and the
 * dead-letter alarm come with a {@code queue} step and only with one: the example catalog has one,
 * the same catalog without its {@code POST /orders} route has none.
 */
class QueuedWritesTest {
  private static final String ORDERS_ROUTE_START = "  - method: POST\n    path: /orders\n";

  @TempDir static Path dir;

  private static final Map<Boolean, Stack> STACKS = new HashMap<>();

  private static Stack synthesize(boolean queueStep) {
    return STACKS.computeIfAbsent(queueStep, QueuedWritesTest::synthesizeOnce);
  }

  /** The example catalog, or the same without its one route with a {@code queue} step. */
  private static Stack synthesizeOnce(boolean queueStep) {
    if (queueStep) {
      return Stacks.example(Map.of());
    }
    try {
      String example = Files.readString(Path.of("..", "brownout.yaml"));
      int start = example.indexOf(ORDERS_ROUTE_START);
      int end = example.indexOf("\npolicy:", start);
      assertThat(start).as("the example's POST /orders route").isPositive();
      assertThat(example.substring(start, end)).contains("- queue:");
      Path withoutQueue = dir.resolve("no-queue.yaml");
      Files.writeString(withoutQueue, example.substring(0, start) + example.substring(end));
      return BrownoutApp.synthesize(Stacks.app(withoutQueue.toString(), Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "queue step {0}")
  @ValueSource(booleans = {true, false})
  void theReplayResourcesAndTheirAlarmExistExactlyWhenARouteHasAQueueStep(boolean queueStep) {
    Template template = Template.fromStack(synthesize(queueStep));

    // The schedules' dead-letter queue is there either way.
    template.resourceCountIs("AWS::SQS::Queue", queueStep ? 3 : 1);
    template.resourceCountIs("AWS::KMS::Key", queueStep ? 1 : 0);
    template.resourceCountIs("AWS::Lambda::Function", queueStep ? 4 : 3);
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", queueStep ? 1 : 0);
    assertThat(
            template.findResources(
                "AWS::Lambda::Function",
                Map.of(
                    "Properties",
                    Map.of(
                        "Handler",
                        "dev.brownout.functions.handlers.ReplayHandler::handleRequest"))))
        .hasSize(queueStep ? 1 : 0);
    template.resourceCountIs("AWS::CloudWatch::Alarm", queueStep ? 3 : 2);
    assertThat(
            template.findResources(
                "AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("MetricName", "ApproximateNumberOfMessagesVisible"))))
        .hasSize(queueStep ? 1 : 0);
  }

  @ParameterizedTest(name = "queue step {0}")
  @ValueSource(booleans = {true, false})
  void theApiFunctionIsGivenTheQueueAndKeyOnlyWithAQueueStepAndItsSettingsReadEitherWay(
      boolean queueStep) {
    Template template = Template.fromStack(synthesize(queueStep));
    Map<String, Object> variables = apiVariables(template);

    assertThat(variables.containsKey("BROWNOUT_QUEUE_URL")).isEqualTo(queueStep);
    assertThat(variables.containsKey("BROWNOUT_CREDENTIALS_KEY")).isEqualTo(queueStep);
    Map<String, String> values = new HashMap<>();
    variables.forEach(
        (name, value) ->
            values.put(name, value instanceof String text ? text : "deployed-" + name));
    ApiSettings settings = ApiSettings.from(new Environment(values));
    assertThat(settings.queueUrl().isPresent()).isEqualTo(queueStep);
    assertThat(settings.credentialsKey().isPresent()).isEqualTo(queueStep);
    String policies = String.valueOf(template.findResources("AWS::IAM::Policy"));
    assertThat(policies.contains("sqs:SendMessage")).isEqualTo(queueStep);
    // The workflow may use KMS too (its topic's AWS managed key): only grants on this key count.
    assertThat(policies.contains("QueuedCredentialsKey")).isEqualTo(queueStep);
  }

  @ParameterizedTest(name = "queue step {0}")
  @ValueSource(booleans = {true, false})
  void cdkNagReportsNoUnsuppressedErrorWithOrWithoutAQueueStep(boolean queueStep) {
    assertThat(
            Annotations.fromStack(synthesize(queueStep))
                .findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*")))
        .isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> apiVariables(Template template) {
    List<Map<String, Object>> api =
        template
            .findResources(
                "AWS::Lambda::Function",
                Map.of(
                    "Properties",
                    Map.of("Handler", "dev.brownout.functions.handlers.ApiHandler::handleRequest")))
            .values()
            .stream()
            .map(f -> (Map<String, Object>) f.get("Properties"))
            .toList();
    assertThat(api).hasSize(1);
    return (Map<String, Object>)
        ((Map<String, Object>) api.get(0).get("Environment")).get("Variables");
  }
}
