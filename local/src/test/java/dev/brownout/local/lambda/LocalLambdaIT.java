package dev.brownout.local.lambda;

import static dev.brownout.local.testing.TestFunctions.deploy;
import static dev.brownout.local.testing.TestFunctions.handler;
import static dev.brownout.local.testing.TestFunctions.handlersJar;
import static dev.brownout.local.testing.TestFunctions.packageWithJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.process.ProcessRegistry;
import dev.brownout.local.testing.TestFunctions;
import dev.brownout.local.testing.TestMoto;
import dev.brownout.local.testing.handlers.TestHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local Lambda runtime running real deployment packages from moto in JVMs of their own. */
class LocalLambdaIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final List<String> console = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private SqsClient sqs;

  @BeforeEach
  void freshMoto() {
    TestMoto.reset();
    sqs = TestMoto.aws().sqs();
  }

  @AfterEach
  void close() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private LocalLambda lambda(int maxRuntimes, HotReload reload, List<Duration> retryDelays) {
    RuntimeSettings settings =
        new RuntimeSettings(
            TestFunctions.java(),
            TestFunctions.runtimeDir(),
            new LambdaEnvironment.Cloud("us-east-1", TestMoto.endpoint(), "test"),
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            maxRuntimes,
            Duration.ofMinutes(5),
            retryDelays,
            Optional.empty());
    LocalLambda lambda =
        new LocalLambda(
            new DeployedFunctions(TestFunctions.lambda(), Clock.systemUTC()),
            new CodeStore(TestFunctions.s3(), work.resolve("code"), reload),
            settings,
            Clock.systemUTC(),
            (function, line) -> output.add(function + " " + line),
            console::add,
            sqs,
            ProcessRegistry.NONE);
    closing.add(lambda);
    return lambda;
  }

  private LocalLambda lambda() {
    return lambda(2, HotReload.off(), List.of());
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(InvokeResult result) throws IOException {
    return JSON.readTree(result.payload());
  }

  @Test
  void aFunctionRunsItsOwnPackageWithLambdasEnvironmentAndItsOwnVariables() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Echo.class),
            packageWithJar(handlersJar("1")),
            256,
            3,
            Map.of("OWN_SETTING", "from-the-template", "AWS_REGION", "eu-west-3"));

    InvokeResult result = lambda().invoke(name, json("{\"order\":42}"));

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    JsonNode answer = parse(result);
    assertThat(answer.path("input").path("order").asInt()).isEqualTo(42);
    assertThat(answer.path("function").asText()).isEqualTo(name);
    assertThat(answer.path("memory").asInt()).isEqualTo(256);
    assertThat(answer.path("remainingMs").asLong()).isBetween(1L, 3000L);
    // reserved variables win over the function's own, as in Lambda
    assertThat(answer.path("region").asText()).isEqualTo("us-east-1");
    assertThat(answer.path("own").asText()).isEqualTo("from-the-template");
    assertThat(answer.path("endpoint").asText()).isEqualTo(TestMoto.endpoint().toString());
    assertThat(Files.readString(Path.of(answer.path("taskRoot").asText(), "settings.txt")))
        .isEqualTo("packaged");
    // the heap follows the memory setting: 85% of 256 MB
    assertThat(answer.path("maxHeapMb").asLong()).isBetween(200L, 218L);
    assertThat(output).anyMatch(l -> l.startsWith(name + " echo "));
  }

  @Test
  void aWarmEnvironmentIsReusedAndOnlyTheColdStartReportsItsInit() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Echo.class), packageWithJar(handlersJar("1")), 256, 3, Map.of());
    LocalLambda lambda = lambda();

    long first = parse(lambda.invoke(name, json("{}"))).path("pid").asLong();
    long second = parse(lambda.invoke(name, json("{}"))).path("pid").asLong();

    assertThat(second).isEqualTo(first);
    List<String> reports = output.stream().filter(l -> l.contains("REPORT RequestId")).toList();
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0)).contains("Init Duration:");
    assertThat(reports.get(1)).doesNotContain("Init Duration:");
    LocalLambda.FunctionHealth health =
        lambda.health().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    assertThat(health.invocations()).isEqualTo(2);
    assertThat(health.coldStarts()).isEqualTo(1);
    assertThat(health.environments()).isEqualTo(1);
  }

  @Test
  void aHandlerErrorIsAnsweredInLambdasErrorShape() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Fails.class), packageWithJar(handlersJar("1")), 256, 3, Map.of());
    LocalLambda lambda = lambda();

    InvokeResult result = lambda.invoke(name, json("{\"order\":7}"));

    assertThat(result.functionError()).contains("Unhandled");
    JsonNode error = parse(result);
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("the order 7 cannot be read");
    assertThat(
            lambda.health().stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .orElseThrow()
                .lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("cannot be read"));
  }

  @Test
  void anInvocationThatOutlivesTheTimeoutIsEndedAndTheNextOneGetsAFreshEnvironment()
      throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Sleeps.class), packageWithJar(handlersJar("1")), 256, 1, Map.of());
    LocalLambda lambda = lambda();
    lambda.invoke(name, json("{\"ms\":1}")); // warm: the timeout counts the handler only

    Instant before = Instant.now();
    InvokeResult result = lambda.invoke(name, json("{\"ms\":20000}"));

    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(result.functionError()).contains("Unhandled");
    assertThat(parse(result).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(parse(result).path("errorMessage").asText())
        .endsWith("Error: Task timed out after 1.00 seconds");
    InvokeResult next = lambda.invoke(name, json("{\"ms\":1}"));
    assertThat(next.payloadText()).isEqualTo("\"slept\"");
  }

  @Test
  void anInitErrorAnswersWithTheFunctionsOwnMessage() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.FailsAtInit.class),
            packageWithJar(handlersJar("1")),
            256,
            3,
            Map.of());

    InvokeResult result = lambda().invoke(name, json("{}"));

    assertThat(result.functionError()).contains("Unhandled");
    assertThat(result.payloadText()).contains("NEEDED is not set");
  }

  @Test
  void aRuntimeThatDiesMidInvocationAnswersAnExitError() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Exits.class), packageWithJar(handlersJar("1")), 256, 3, Map.of());

    InvokeResult result = lambda().invoke(name, json("{}"));

    assertThat(parse(result).path("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(parse(result).path("errorMessage").asText()).contains("exit status 3");
  }

  @Test
  void concurrentInvocationsGetEnvironmentsOfTheirOwnUpToTheCap() throws Exception {
    String name =
        deploy(
            handler(TestHandlers.Echo.class), packageWithJar(handlersJar("1")), 256, 3, Map.of());
    String sleeper =
        deploy(
            handler(TestHandlers.Sleeps.class), packageWithJar(handlersJar("1")), 256, 5, Map.of());
    LocalLambda lambda = lambda(2, HotReload.off(), List.of());
    lambda.invoke(sleeper, json("{\"ms\":1}"));

    List<CompletableFuture<InvokeResult>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> lambda.invoke(sleeper, json("{\"ms\":1500}"))));
    }
    calls.forEach(CompletableFuture::join);

    assertThat(calls).allSatisfy(c -> assertThat(c.join().payloadText()).isEqualTo("\"slept\""));
    LocalLambda.FunctionHealth health =
        lambda.health().stream().filter(h -> h.name().equals(sleeper)).findFirst().orElseThrow();
    assertThat(health.environments()).isEqualTo(2);
    assertThat(health.coldStarts()).isEqualTo(2);
    assertThat(lambda.invoke(name, json("{}")).failed()).isFalse();
  }

  @Test
  void aRebuiltJarIsRunByTheNextInvocationWithoutARedeploy() throws Exception {
    byte[] v1 = handlersJar("1");
    Path watched = work.resolve("handlers.jar");
    Files.write(watched, v1);
    HotReload reload =
        new HotReload(
            List.of(watched), work.resolve("builds"), Duration.ofMillis(50), console::add);
    closing.add(reload);
    String name = deploy(handler(TestHandlers.Version.class), packageWithJar(v1), 256, 3, Map.of());
    LocalLambda lambda = lambda(2, reload, List.of());
    assertThat(lambda.invoke(name, json("{}")).payloadText()).isEqualTo("\"1\"");

    Files.write(watched, handlersJar("2"));
    Instant deadline = Instant.now().plusSeconds(5);
    while (console.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }

    assertThat(console).anyMatch(l -> l.contains("hot reload: handlers.jar was rebuilt"));
    assertThat(lambda.invoke(name, json("{}")).payloadText()).isEqualTo("\"2\"");
  }

  @Test
  void aFailedAsynchronousInvocationIsRetriedThenRecordedAtItsOnFailureDestination()
      throws Exception {
    String queueUrl = sqs.createQueue(r -> r.queueName("test-failures")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String name =
        deploy(
            handler(TestHandlers.Fails.class), packageWithJar(handlersJar("1")), 256, 3, Map.of());
    TestFunctions.lambda()
        .putFunctionEventInvokeConfig(
            r ->
                r.functionName(name)
                    .maximumRetryAttempts(1)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn))));
    LocalLambda lambda =
        lambda(1, HotReload.off(), List.of(Duration.ofMillis(100), Duration.ofMillis(100)));

    lambda.invokeAsync(name, json("{\"order\":9}"));

    List<Message> messages = List.of();
    Instant deadline = Instant.now().plusSeconds(20);
    while (messages.isEmpty() && Instant.now().isBefore(deadline)) {
      messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
    }
    assertThat(messages).hasSize(1);
    JsonNode record = JSON.readTree(messages.get(0).body());
    assertThat(record.path("requestContext").path("condition").asText())
        .isEqualTo("RetriesExhausted");
    // one attempt and the one retry the configuration allows
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
    assertThat(record.path("requestPayload").path("order").asInt()).isEqualTo(9);
    assertThat(record.path("responseContext").path("functionError").asText())
        .isEqualTo("Unhandled");
    assertThat(record.path("responsePayload").path("errorMessage").asText())
        .isEqualTo("the order 9 cannot be read");
    assertThat(health(lambda, name).invocations()).isEqualTo(2);
  }

  private static LocalLambda.FunctionHealth health(LocalLambda lambda, String name) {
    return lambda.health().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anUnknownFunctionIsNotFound() {
    assertThatThrownBy(() -> lambda().invoke("no-such-function", json("{}")))
        .isInstanceOf(FunctionNotFoundException.class)
        .hasMessageContaining("no-such-function");
  }
}
