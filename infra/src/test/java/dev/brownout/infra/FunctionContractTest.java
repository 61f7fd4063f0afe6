package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.brownout.core.contract.Handlers;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.handlers.ApiSettings;
import dev.brownout.functions.handlers.EvaluatorSettings;
import dev.brownout.functions.handlers.HealthCheckSettings;
import dev.brownout.functions.handlers.ReplaySettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * What the construct deploys is what the functions expect, read from the example app's template:
 * every function's handler is a method of a class in the functions jar that Lambda can call, and
 * its environment is one that function's settings accept at cold start (every required variable
 * set, every value well formed, no Brownout variable it does not read). A name changed on one side
 * only fails here instead of at a cold start in AWS.
 */
class FunctionContractTest {
  private static final Template TEMPLATE = Template.fromStack(Stacks.example(Map.of()));

  /** Each handler's settings, read as the handler reads them at cold start. */
  private static final Map<String, Consumer<Environment>> SETTINGS =
      Map.of(
          Handlers.API, ApiSettings::from,
          Handlers.REPLAY, ReplaySettings::from,
          Handlers.HEALTH_CHECK, HealthCheckSettings::from,
          Handlers.EVALUATOR, EvaluatorSettings::from);

  /** A function of the template: its logical id, handler and environment variables as written. */
  record Deployed(String id, String handler, Map<String, Object> variables) {
    @Override
    public String toString() {
      return id;
    }
  }

  @SuppressWarnings("unchecked")
  static Stream<Deployed> functions() {
    return TEMPLATE.findResources("AWS::Lambda::Function").entrySet().stream()
        .map(
            e -> {
              var properties = (Map<String, Object>) e.getValue().get("Properties");
              var environment =
                  (Map<String, Object>) properties.getOrDefault("Environment", Map.of());
              return new Deployed(
                  e.getKey(),
                  (String) properties.get("Handler"),
                  (Map<String, Object>) environment.getOrDefault("Variables", Map.of()));
            });
  }

  static Stream<Arguments> eachFunction() {
    return functions().map(Arguments::of);
  }

  @Test
  void theAppDeploysOneFunctionOfEachHandler() {
    assertThat(functions().map(Deployed::handler))
        .containsExactlyInAnyOrderElementsOf(SETTINGS.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachFunction")
  void itsHandlerIsAPublicMethodOfAClassLambdaCanMake(Deployed function) throws Exception {
    String[] parts = function.handler().split("::", -1);
    assertThat(parts).as("the handler %s is class::method", function.handler()).hasSize(2);
    Class<?> type = Class.forName(parts[0], false, getClass().getClassLoader());
    List<Method> methods =
        Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(parts[1])).toList();

    assertThat(Modifier.isAbstract(type.getModifiers())).as("%s is abstract", type).isFalse();
    assertThat(methods).as("public methods %s of %s", parts[1], type).isNotEmpty();
    if (methods.stream().noneMatch(m -> Modifier.isStatic(m.getModifiers()))) {
      assertThatCode(type::getConstructor)
          .as("the public no-argument constructor of %s", type)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachFunction")
  void itsEnvironmentIsOneItsSettingsAccept(Deployed function) {
    assertThat(SETTINGS)
        .as("the settings of %s (%s)", function.id(), function.handler())
        .containsKey(function.handler());
    Map<String, String> variables =
        function.variables().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> placeholder(e.getValue()), (a, b) -> a, TreeMap::new));

    Environment environment = new Environment(variables);

    assertThatCode(() -> SETTINGS.get(function.handler()).accept(environment))
        .as("the environment of %s: %s", function.id(), variables)
        .doesNotThrowAnyException();
    assertThat(environment.unread())
        .as("Brownout variables %s sets that its function does not read", function.id())
        .isEmpty();
  }

  /**
   * A value as the function would see it once deployed: a {@code Ref} or {@code Fn::GetAtt} is
   * replaced by a value of the form it resolves to (a queue's URL, a table's name, an ARN).
   */
  @SuppressWarnings("unchecked")
  private static String placeholder(Object value) {
    if (value instanceof String text) {
      return text;
    }
    var intrinsic = (Map<String, Object>) value;
    String target;
    if (intrinsic.get("Ref") instanceof String ref) {
      target = ref;
    } else if (intrinsic.get("Fn::GetAtt") instanceof List<?> attribute) {
      target = (String) attribute.get(0);
    } else {
      return "resolved:" + intrinsic;
    }
    var resources = (Map<String, Map<String, Object>>) TEMPLATE.toJSON().get("Resources");
    String type = (String) resources.get(target).get("Type");
    if (intrinsic.containsKey("Ref") && type.equals("AWS::SQS::Queue")) {
      return "https://sqs.eu-west-1.amazonaws.com/123456789012/" + target;
    }
    if (intrinsic.containsKey("Ref") && type.equals("AWS::DynamoDB::Table")) {
      return target;
    }
    String service = type.split("::")[1].toLowerCase(java.util.Locale.ROOT);
    return "arn:aws:" + service + ":eu-west-1:123456789012:" + target;
  }
}
