package dev.brownout.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.handlers.EvaluatorHandler;
import dev.brownout.functions.handlers.EvaluatorSettings;
import dev.brownout.functions.testing.LambdaContext;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.MutableClock;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The degradation workflow's real definition ({@code infra/.../degradation.asl.json}) executed by
 * moto's Step Functions interpreter; its Evaluate task is answered by the evaluator running in this
 * JVM (through the edge in front of moto), with a clock the test moves. Assertions read SSM,
 * DynamoDB and the SNS topic (through an SQS subscription) in moto.
 */
class DegradationWorkflowIT {
  private static final MotoServer MOTO = MotoServer.get();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEFINITION =
      Path.of("..", "infra", "src", "main", "resources", "workflow", "degradation.asl.json");
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String EVALUATOR =
      "arn:aws:lambda:us-east-1:123456789012:function:shop-evaluator";

  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(MOTO.endpoint()));
  private final SsmClient ssm = AwsClients.ssm(Optional.of(MOTO.endpoint()));
  private static final java.util.concurrent.atomic.AtomicLong ACCOUNTS =
      new java.util.concurrent.atomic.AtomicLong(200_000_000_000L);
  private final SqsClient sqs = AwsClients.sqs(Optional.of(MOTO.endpoint()));
  private final SnsClient sns =
      SnsClient.builder()
          .httpClientBuilder(
              software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
          .endpointOverride(MOTO.endpoint())
          .build();
  private final MutableClock clock = new MutableClock(T0);

  /** Moved forward after each evaluation: the time an execution's Wait state lets pass. */
  private Duration betweenEvaluations = Duration.ZERO;

  private EvaluatorHandler evaluator;
  private StatusTable table;
  private String definition;
  private String notices;

  @BeforeEach
  void world() throws IOException {
    MOTO.reset();
    MOTO.executeStateMachines();
    table = StatusTable.create(dynamoDb, "shop-status");
    String topic = sns.createTopic(t -> t.name("shop-level-changes")).topicArn();
    notices = sqs.createQueue(q -> q.queueName("shop-notices")).queueUrl();
    String noticesArn =
        sqs.getQueueAttributes(a -> a.queueUrl(notices).attributeNamesWithStrings("QueueArn"))
            .attributesAsStrings()
            .get("QueueArn");
    sns.subscribe(
        s ->
            s.topicArn(topic)
                .protocol("sqs")
                .endpoint(noticesArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    evaluator =
        new EvaluatorHandler(
            new EvaluatorSettings(
                Path.of("..", "brownout.yaml").toString(),
                "shop-status",
                Optional.of(MOTO.endpoint())),
            clock);
    MOTO.edge()
        .function(
            "shop-evaluator",
            payload -> {
              try {
                Map<String, Object> input = JSON.readValue(payload, new TypeReference<>() {});
                byte[] plan =
                    JSON.writeValueAsBytes(
                        evaluator.handleRequest(input, LambdaContext.of("shop-evaluator")));
                clock.advance(betweenEvaluations);
                return plan;
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    definition =
        Files.readString(DEFINITION)
            .replace("${EvaluatorFunctionArn}", EVALUATOR)
            .replace("${TopicArn}", topic);
  }

  /**
   * Step Functions in an account of its own for one execution. moto 5.2.1 cannot start an execution
   * while any execution it interpreted exists in the same account and region (it deep-copies the
   * state machine with its backend, whose finished executions hold thread locks: HTTP 500). Its
   * workflow engine makes every AWS call as the default account, so the tables, parameters and
   * topic all stay shared in 123456789012, as in one real account.
   */
  private SfnClient stepFunctionsOfNewAccount() {
    String account = Long.toString(ACCOUNTS.incrementAndGet());
    // moto maps credentials to an account only when STS issued them for a role of that account.
    var credentials =
        software.amazon.awssdk.services.sts.StsClient.builder()
            .httpClientBuilder(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .endpointOverride(MOTO.endpoint())
            .build()
            .assumeRole(
                r ->
                    r.roleArn("arn:aws:iam::" + account + ":role/workflow-test")
                        .roleSessionName("test"))
            .credentials();
    return SfnClient.builder()
        .httpClientBuilder(
            software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .endpointOverride(MOTO.endpoint())
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                    credentials.accessKeyId(),
                    credentials.secretAccessKey(),
                    credentials.sessionToken())))
        .build();
  }

  private void dependencies(Set<String> unhealthy) {
    for (String name :
        List.of("product-db", "catalog-service", "pricing", "orders", "recommendations")) {
      boolean healthy = !unhealthy.contains(name);
      table.put(
          Map.of(
              "pk", AttributeValue.fromS("STATUS"),
              "sk", AttributeValue.fromS(name),
              "healthy", AttributeValue.fromBool(healthy),
              "consecutiveFailures", AttributeValue.fromN(healthy ? "0" : "3"),
              "consecutiveSuccesses", AttributeValue.fromN(healthy ? "2" : "0")));
    }
  }

  private ExecutionStatus run() {
    SfnClient stepFunctions = stepFunctionsOfNewAccount();
    String machine =
        stepFunctions
            .createStateMachine(
                s ->
                    s.name("shop-degradation")
                        .roleArn("arn:aws:iam::123456789012:role/workflow")
                        .definition(definition))
            .stateMachineArn();
    String execution =
        stepFunctions
            .startExecution(
                s ->
                    s.stateMachineArn(machine)
                        // moto names every unnamed execution "None"
                        .name("run-" + java.util.UUID.randomUUID())
                        .input("{\"trigger\":\"schedule\"}"))
            .executionArn();
    return await(stepFunctions, execution);
  }

  private ExecutionStatus await(SfnClient stepFunctions, String execution) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      ExecutionStatus status =
          stepFunctions.describeExecution(d -> d.executionArn(execution)).status();
      if (status != ExecutionStatus.RUNNING) {
        return status;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("execution " + execution + " still running after 60s");
  }

  private Map<String, String> parameters() {
    Map<String, String> values = new HashMap<>();
    ssm.getParametersByPath(p -> p.path("/brownout/shop").recursive(true))
        .parameters()
        .forEach(p -> values.put(p.name(), p.value()));
    return values;
  }

  private Map<String, AttributeValue> levelRecord() {
    return dynamoDb
        .getItem(
            g ->
                g.tableName("shop-status")
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("LEVEL"),
                            "sk",
                            AttributeValue.fromS("CURRENT"))))
        .item();
  }

  private List<Map<String, AttributeValue>> audit() {
    return dynamoDb
        .query(
            q ->
                q.tableName("shop-status")
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT"))))
        .items();
  }

  private List<Message> notices() {
    return sqs.receiveMessage(r -> r.queueUrl(notices).maxNumberOfMessages(10)).messages();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEvaluatorAnswersTheSampleInputWithAPlanAndEmitsItsMetrics() throws IOException {
    dependencies(Set.of("product-db"));
    Map<String, Object> input =
        JSON.readValue(
            Path.of("..", "events", "evaluator", "scheduled-input.json").toFile(),
            new TypeReference<>() {});
    Map<String, Object> plan;
    List<com.fasterxml.jackson.databind.JsonNode> emf = new java.util.ArrayList<>();
    try (var out = new dev.brownout.functions.testing.StdoutCapture()) {
      plan = evaluator.handleRequest(input, LambdaContext.of("shop-evaluator"));
      for (String line : out.lines()) {
        if (line.contains("\"_aws\"")) {
          emf.add(JSON.readTree(line));
        }
      }
    }

    assertThat(plan)
        .containsEntry("level", "EMERGENCY")
        .containsEntry("apply", true)
        .containsEntry("changed", true);
    Map<String, Object> put =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<Object>) plan.get("record")).get(0)).get("Put");
    assertThat(put).containsEntry("ConditionExpression", "attribute_not_exists(pk)");
    assertThat(((Map<String, Map<String, String>>) put.get("Item")).get("updatedBy").get("S"))
        .isEqualTo(
            "arn:aws:states:us-east-1:123456789012:execution:brownout-shop-degradation:7bf73129-1428-4cd3-a780-95db273d1602");
    assertThat(emf)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("DegradationLevel").asInt()).isEqualTo(3);
              assertThat(e.path("LevelTransitions").asInt()).isEqualTo(1);
              assertThat(e.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                  .isEqualTo("Brownout/shop");
            });
  }

  @Test
  void allHealthyIsFullWithEveryFlagOn() {
    dependencies(Set.of());

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "FULL")
        .containsEntry("/brownout/shop/flags/recommendations", "on")
        .containsEntry("/brownout/shop/flags/personalised-banners", "on")
        .containsEntry("/brownout/shop/flags/live-prices", "on")
        .containsEntry("/brownout/shop/flags/checkout", "on");
    assertThat(levelRecord().get("level").s()).isEqualTo("FULL");
    assertThat(levelRecord().get("version").n()).isEqualTo("1");
    assertThat(notices()).isEmpty();
  }

  @Test
  void oneImportantDownIsReducedWithItsFeaturesOffAndANotice() {
    dependencies(Set.of("pricing"));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "REDUCED")
        .containsEntry("/brownout/shop/flags/live-prices", "off")
        .containsEntry("/brownout/shop/flags/personalised-banners", "off")
        .containsEntry("/brownout/shop/flags/checkout", "on");
    Map<String, AttributeValue> record = levelRecord();
    assertThat(record.get("level").s()).isEqualTo("REDUCED");
    assertThat(record.get("reasons").l())
        .anySatisfy(r -> assertThat(r.s()).contains("pricing is unhealthy -> REDUCED"));
    assertThat(audit())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.get("from").s()).isEqualTo("FULL");
              assertThat(a.get("to").s()).isEqualTo("REDUCED");
              assertThat(a.get("kind").s()).isEqualTo("transition");
              assertThat(a.get("executionId").s()).startsWith("arn:aws:states:");
            });
    assertThat(notices())
        .singleElement()
        .satisfies(m -> assertThat(m.body()).startsWith("shop: FULL -> REDUCED"));
  }

  @Test
  void criticalDownIsEmergency() {
    dependencies(Set.of("product-db"));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "EMERGENCY")
        .containsEntry("/brownout/shop/flags/checkout", "off");
  }

  @Test
  void recoveryInsideTheDwellTimeDoesNotStepDownAndAfterItDoes() {
    dependencies(Set.of("pricing"));
    run();
    dependencies(Set.of());

    clock.advance(Duration.ofMinutes(1));
    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parameters()).containsEntry("/brownout/shop/level", "REDUCED");

    clock.advance(Duration.ofMinutes(1));
    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "FULL")
        .containsEntry("/brownout/shop/flags/live-prices", "on");
    assertThat(audit())
        .filteredOn(a -> a.get("kind").s().equals("transition"))
        .extracting(a -> a.get("to").s())
        .containsExactly("REDUCED", "FULL");
  }

  @Test
  void aRecoveryHeldByTheDwellIsTakenWhenTheDwellEndsInTheSameExecution() {
    dependencies(Set.of("pricing"));
    run();
    dependencies(Set.of());
    clock.advance(Duration.ofMinutes(1));
    // the evaluator's clock passes the dwell's end while the execution waits for it
    betweenEvaluations = Duration.ofMinutes(1);

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "FULL")
        .containsEntry("/brownout/shop/flags/live-prices", "on");
    assertThat(audit())
        .filteredOn(a -> a.get("kind").s().equals("transition"))
        .extracting(a -> a.get("to").s(), a -> a.get("at").s())
        .containsExactly(
            tuple("REDUCED", T0.toString()),
            tuple("FULL", T0.plus(Duration.ofMinutes(2)).toString()));
  }

  @Test
  void anOverridePinsTheLevelAndItsForcedFeatures() {
    dependencies(Set.of());
    ssm.putParameter(
        p ->
            p.name("/brownout/shop/override")
                .type(ParameterType.STRING)
                .value(
                    "{\"level\":\"MINIMAL\",\"features\":{\"checkout\":false},\"until\":\"2026-11-26T12:00:00Z\",\"reason\":\"load test\"}"));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters())
        .containsEntry("/brownout/shop/level", "MINIMAL")
        .containsEntry("/brownout/shop/flags/checkout", "off");
    assertThat(levelRecord().get("override").s()).contains("load test");
  }

  @Test
  void anExpiredOverrideIsIgnoredAndItsEndIsAudited() {
    dependencies(Set.of());
    ssm.putParameter(
        p ->
            p.name("/brownout/shop/override")
                .type(ParameterType.STRING)
                .value("{\"level\":\"MINIMAL\",\"until\":\"2026-11-26T10:30:00Z\"}"));
    run();

    clock.advance(Duration.ofHours(1));
    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters()).containsEntry("/brownout/shop/level", "FULL");
    assertThat(levelRecord().get("override")).isNull();
    assertThat(audit())
        .last()
        .satisfies(
            a ->
                assertThat(a.get("reasons").l())
                    .anySatisfy(
                        r -> assertThat(r.s()).contains("expired at 2026-11-26T10:30:00Z")));
  }

  @Test
  void aMalformedOverrideIsReportedAndIgnoredWhole() {
    dependencies(Set.of("pricing"));
    ssm.putParameter(
        p ->
            p.name("/brownout/shop/override")
                .type(ParameterType.STRING)
                .value("{\"level\":\"SOMETIMES\",\"features\":{\"checkout\":true}}"));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(parameters()).containsEntry("/brownout/shop/level", "REDUCED");
    assertThat(levelRecord().get("reasons").l())
        .anySatisfy(r -> assertThat(r.s()).contains("the override is malformed"));
  }

  @Test
  void aFlagChangedByHandIsSetBackAndARerunChangesNothing() {
    dependencies(Set.of());
    run();
    ssm.putParameter(
        p ->
            p.name("/brownout/shop/flags/checkout")
                .type(ParameterType.STRING)
                .value("off")
                .overwrite(true));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parameters()).containsEntry("/brownout/shop/flags/checkout", "on");
    assertThat(audit()).last().satisfies(a -> assertThat(a.get("kind").s()).isEqualTo("flags"));
    int audits = audit().size();

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(audit()).hasSize(audits);
    assertThat(levelRecord().get("version").n()).isEqualTo("2");
  }

  @Test
  void aLevelRecordThatCannotBeReadIsReplacedNotABlockForEver() {
    dependencies(Set.of("pricing"));
    table.put(
        Map.of(
            "pk", AttributeValue.fromS("LEVEL"),
            "sk", AttributeValue.fromS("CURRENT"),
            "level", AttributeValue.fromS("SOMETIMES")));

    assertThat(run()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(levelRecord().get("level").s()).isEqualTo("REDUCED");
    assertThat(levelRecord().get("version").n()).isEqualTo("1");
    assertThat(levelRecord().get("reasons").l())
        .anySatisfy(r -> assertThat(r.s()).contains("the level record is malformed"));
    assertThat(parameters()).containsEntry("/brownout/shop/flags/live-prices", "off");
  }

  @Test
  void twoExecutionsAtOnceConvergeOnOneTransition() {
    dependencies(Set.of("orders"));

    CompletableFuture<ExecutionStatus> a = CompletableFuture.supplyAsync(this::run);
    CompletableFuture<ExecutionStatus> b = CompletableFuture.supplyAsync(this::run);

    assertThat(List.of(a.join(), b.join())).containsOnly(ExecutionStatus.SUCCEEDED);
    assertThat(levelRecord().get("level").s()).isEqualTo("REDUCED");
    assertThat(levelRecord().get("version").n()).isEqualTo("1");
    assertThat(audit()).filteredOn(x -> x.get("kind").s().equals("transition")).hasSize(1);
  }
}
