package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.contract.Handlers;
import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.adapters.dynamodb.DynamoDbAnswerTally;
import dev.brownout.functions.adapters.dynamodb.DynamoDbReplayLedger;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusHistory;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusStore;
import dev.brownout.functions.api.status.StatusPageReads;
import dev.brownout.functions.replay.ReplayLedger;
import dev.brownout.functions.workflow.PlanJson;
import dev.brownout.functions.workflow.WorkflowPlan;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Each function, and the workflow, may touch only the status-table items it uses: the actions it
 * calls, on the partition keys it calls them on ({@code dynamodb:LeadingKeys}). The second half
 * runs the functions' own DynamoDB adapters against a client that records every call, so a grant
 * too narrow for a real call fails here rather than in an AWS account (the local cloud does not
 * enforce IAM).
 */
class StatusTableGrantsTest {
  private static final Catalog CATALOG = CatalogLoader.load(Path.of("..", "brownout.yaml"));
  private static final Template TEMPLATE = Template.fromStack(Stacks.example(Map.of()));
  private static final String HEALTH = Handlers.HEALTH_CHECK;
  private static final String EVALUATOR = Handlers.EVALUATOR;
  private static final String API = Handlers.API;
  private static final String REPLAY = Handlers.REPLAY;
  private static final String WORKFLOW = "the workflow's state machine";

  static Stream<Arguments> whatEachMayDo() {
    Set<String> written = new TreeSet<>(Set.of("STATUS"));
    CATALOG.dependencies().forEach(d -> written.add("HISTORY#" + d.name()));
    Map<String, Set<String>> board =
        Map.of("dynamodb:Query", Set.of("STATUS"), "dynamodb:GetItem", Set.of("LEVEL"));
    Set<String> pageQueries = new TreeSet<>(Set.of("STATUS", "AUDIT", "ANSWERS"));
    CATALOG.dependencies().forEach(d -> pageQueries.add("HISTORY#" + d.name()));
    return Stream.of(
        Arguments.of(
            HEALTH, Map.of("dynamodb:GetItem", Set.of("STATUS"), "dynamodb:PutItem", written)),
        Arguments.of(EVALUATOR, board),
        Arguments.of(
            API,
            Map.of(
                "dynamodb:Query", pageQueries,
                "dynamodb:GetItem", Set.of("LEVEL"),
                "dynamodb:UpdateItem", Set.of("ANSWERS"))),
        Arguments.of(
            REPLAY,
            Map.of(
                "dynamodb:Query", Set.of("STATUS"),
                "dynamodb:GetItem", Set.of("LEVEL", "REPLAY"),
                "dynamodb:UpdateItem", Set.of("REPLAY"))),
        Arguments.of(WORKFLOW, Map.of("dynamodb:PutItem", Set.of("LEVEL", "AUDIT"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whatEachMayDo")
  void eachFunctionMayOnlyCallTheActionsItUsesOnThePartitionsItUses(
      String who, Map<String, Set<String>> expected) {
    assertThat(Grants.of(who).byAction).isEqualTo(new TreeMap<>(expected));
  }

  @Test
  void theHealthCheckWritesTheStatusOfEveryDependencyAndItsHistory() {
    var calls = new Recorder();
    var store = new DynamoDbStatusStore(calls.client(), "status", Duration.ofDays(7));
    for (Dependency d : CATALOG.dependencies()) {
      store.record(d, CheckResult.success(Duration.ofMillis(5), Instant.EPOCH), "check-1");
    }

    assertThat(calls.made).isNotEmpty().allSatisfy(Grants.of(HEALTH)::allows);
  }

  @Test
  void theStatusBoardReadsOfTheEvaluatorTheApiAndTheReplayAreAllowed() {
    var calls = new Recorder();
    new DynamoDbStatusBoard(calls.client(), "status").read();

    assertThat(calls.made).hasSize(2);
    for (String who : List.of(EVALUATOR, API, REPLAY)) {
      assertThat(calls.made).as(who).allSatisfy(Grants.of(who)::allows);
    }
  }

  @Test
  void everyReadOfTheStatusPageAndTheAnswerTallysWriteAreAllowedToTheApi() {
    var calls = new Recorder();
    var reads =
        new StatusPageReads(
            CATALOG,
            new DynamoDbStatusBoard(calls.client(), "status"),
            new DynamoDbStatusHistory(calls.client(), "status"),
            new DynamoDbAnswerTally(calls.client(), "status"),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    assertThat(reads.current().unavailable()).isEmpty();
    new DynamoDbAnswerTally(calls.client(), "status")
        .add(new AnswerTally.Minute(Instant.EPOCH, Map.of(ServedFrom.PRIMARY, 1L)));

    assertThat(calls.made)
        .hasSize(StatusPageReads.calls(CATALOG, DynamoDbStatusHistory.AUDIT_PAGES) + 1)
        .allSatisfy(Grants.of(API)::allows);
  }

  @Test
  void theReplayLedgerReadsLeasesSettlesAndReopensWithinTheReplayGrant() {
    var calls = new Recorder();
    var ledger = new DynamoDbReplayLedger(calls.client(), "status");
    ledger.read("key-1");
    var lease = ledger.lease("key-1", "fingerprint-1", Instant.EPOCH, Duration.ofMinutes(1));
    ledger.settle(
        "key-1",
        "fingerprint-1",
        lease,
        ReplayLedger.State.DELIVERED,
        Optional.empty(),
        Instant.EPOCH);
    ledger.reopen("key-1", "fingerprint-1", Instant.EPOCH);

    assertThat(calls.made).hasSize(4).allSatisfy(Grants.of(REPLAY)::allows);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWorkflowsLevelRecordAndAuditWritesAreAllowed() {
    WorkflowPlan plan =
        new WorkflowPlan(
            true,
            true,
            Level.REDUCED,
            Level.FULL,
            Instant.EPOCH,
            List.of("orders down"),
            List.of(),
            3,
            Optional.empty(),
            "LEVEL_CHANGE",
            "execution-1",
            Instant.EPOCH,
            Optional.empty());
    List<Map<String, Object>> writes =
        (List<Map<String, Object>>) PlanJson.of(plan, "shop", "status").get("record");

    assertThat(writes)
        .hasSize(2)
        .allSatisfy(
            write -> {
              var item =
                  (Map<String, Map<String, Object>>)
                      ((Map<String, Object>) write.get("Put")).get("Item");
              Grants.of(WORKFLOW)
                  .allows(new Call("dynamodb:PutItem", (String) item.get("pk").get("S")));
            });
  }

  /** One item-level call: the IAM action and the partition key it names. */
  record Call(String action, String partition) {}

  /** A DynamoDB client that records each call on the status table and answers it emptily. */
  static final class Recorder {
    // The status page reads its parts at once, on several threads.
    final List<Call> made = java.util.Collections.synchronizedList(new ArrayList<>());

    DynamoDbClient client() {
      InvocationHandler handler =
          (proxy, method, args) -> {
            Object request = args == null || args.length == 0 ? null : args[0];
            // The SDK's operations are default methods too: only the ones taking a builder
            // or making a paginator are left to their default, which calls back in here.
            if (method.getName().endsWith("Paginator")
                || request instanceof java.util.function.Consumer<?>) {
              return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (request) {
              case GetItemRequest get -> {
                made.add(new Call("dynamodb:GetItem", get.key().get("pk").s()));
                yield GetItemResponse.builder().build();
              }
              case QueryRequest query -> {
                made.add(
                    new Call("dynamodb:Query", query.expressionAttributeValues().get(":pk").s()));
                assertThat(query.keyConditionExpression()).startsWith("pk = :pk");
                // The audit always has more: its reads go through every page of their budget.
                yield query.expressionAttributeValues().get(":pk").s().equals(StatusTableKeys.AUDIT)
                    ? QueryResponse.builder()
                        .lastEvaluatedKey(
                            Map.of(
                                "pk", AttributeValue.fromS(StatusTableKeys.AUDIT),
                                "sk", AttributeValue.fromS("1970")))
                        .build()
                    : QueryResponse.builder().build();
              }
              case UpdateItemRequest update -> {
                made.add(new Call("dynamodb:UpdateItem", update.key().get("pk").s()));
                yield UpdateItemResponse.builder()
                    .attributes(Map.of("attempts", AttributeValue.fromN("1")))
                    .build();
              }
              case TransactWriteItemsRequest transaction -> {
                transaction
                    .transactItems()
                    .forEach(
                        t -> {
                          assertThat(t.put()).as("only puts in %s", t).isNotNull();
                          made.add(new Call("dynamodb:PutItem", t.put().item().get("pk").s()));
                        });
                yield TransactWriteItemsResponse.builder().build();
              }
              case null, default ->
                  throw new AssertionError("unexpected DynamoDB call " + method.getName());
            };
          };
      return (DynamoDbClient)
          Proxy.newProxyInstance(
              DynamoDbClient.class.getClassLoader(),
              new Class<?>[] {DynamoDbClient.class},
              handler);
    }
  }

  @Test
  void theApiFunctionMayOnlyGetAndPutCacheItems() {
    String cache =
        TEMPLATE.findResources("AWS::DynamoDB::Table").keySet().stream()
            .filter(id -> !id.equals(Grants.statusTable()))
            .findFirst()
            .orElseThrow();
    Set<String> actions = new TreeSet<>();
    for (Map<String, Object> statement : Grants.statementsOf(Grants.roleOf(API))) {
      if (String.valueOf(statement.get("Resource")).contains(cache)) {
        actions.addAll(Grants.actions(statement));
      }
    }

    assertThat(actions).containsExactly("dynamodb:GetItem", "dynamodb:PutItem");
  }

  /** What a role's policies allow on the status table: action to partition keys, or "*". */
  record Grants(Map<String, Set<String>> byAction) {
    void allows(Call call) {
      assertThat(byAction)
          .as("%s on partition %s", call.action(), call.partition())
          .hasEntrySatisfying(
              call.action(), keys -> assertThat(keys).containsAnyOf(call.partition(), "*"));
    }

    static Grants of(String who) {
      String role = roleOf(who);
      String table = statusTable();
      Map<String, Set<String>> byAction = new TreeMap<>();
      for (Map<String, Object> statement : statementsOf(role)) {
        if (!String.valueOf(statement.get("Resource")).contains(table)) {
          continue;
        }
        Set<String> keys = leadingKeys(statement);
        for (String action : actions(statement)) {
          byAction.computeIfAbsent(action, a -> new TreeSet<>()).addAll(keys);
        }
      }
      return new Grants(byAction);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> leadingKeys(Map<String, Object> statement) {
      var condition = (Map<String, Map<String, Object>>) statement.get("Condition");
      if (condition == null) {
        return Set.of("*");
      }
      assertThat(condition)
          .as("condition of %s", statement)
          .containsOnlyKeys("ForAllValues:StringEquals");
      Object keys = condition.get("ForAllValues:StringEquals").get("dynamodb:LeadingKeys");
      return keys instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.toSet())
          : Set.of(String.valueOf(keys));
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
      Object actions = statement.get("Action");
      return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    private static String statusTable() {
      return TEMPLATE.findResources("AWS::DynamoDB::Table").entrySet().stream()
          .filter(e -> String.valueOf(e.getValue()).contains("AttributeName=sk"))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String roleOf(String who) {
      var found =
          who.equals(WORKFLOW)
              ? TEMPLATE.findResources("AWS::StepFunctions::StateMachine")
              : TEMPLATE.findResources(
                  "AWS::Lambda::Function", Map.of("Properties", Map.of("Handler", who)));
      assertThat(found).as(who).hasSize(1);
      var properties = (Map<String, Object>) found.values().iterator().next().get("Properties");
      var role =
          (Map<String, List<String>>) properties.get(who.equals(WORKFLOW) ? "RoleArn" : "Role");
      return role.get("Fn::GetAtt").get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(String role) {
      List<Map<String, Object>> statements = new ArrayList<>();
      TEMPLATE
          .findResources("AWS::IAM::Policy")
          .values()
          .forEach(
              policy -> {
                var properties = (Map<String, Object>) policy.get("Properties");
                if (String.valueOf(properties.get("Roles")).contains("Ref=" + role + "}")) {
                  var document = (Map<String, Object>) properties.get("PolicyDocument");
                  statements.addAll((List<Map<String, Object>>) document.get("Statement"));
                }
              });
      assertThat(statements).as("statements of %s", role).isNotEmpty();
      return statements;
    }
  }
}
