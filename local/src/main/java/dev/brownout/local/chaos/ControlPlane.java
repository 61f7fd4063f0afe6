package dev.brownout.local.chaos;

import dev.brownout.core.Level;
import dev.brownout.core.contract.StatusTableKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads the app's control plane as an operator would: the level and flags from SSM ({@code
 * GetParametersByPath} under the app's prefix), each dependency's health ({@code pk=STATUS}) and
 * the audited level transitions ({@code pk=AUDIT}) from the status table.
 *
 * <p>Failure behaviour: {@link #read} never throws; a part it cannot read (SSM, or the status table
 * while a scenario makes it unreachable) comes back empty. {@link #transitions} throws the SDK's
 * exception.
 */
final class ControlPlane {
  private final SsmClient ssm;
  private final DynamoDbClient dynamo;
  private final String prefix;
  private final String statusTable;
  private final Clock clock;

  ControlPlane(
      SsmClient ssm, DynamoDbClient dynamo, String prefix, String statusTable, Clock clock) {
    this.ssm = ssm;
    this.dynamo = dynamo;
    this.prefix = prefix;
    this.statusTable = statusTable;
    this.clock = clock;
  }

  Observed read() {
    Instant at = clock.instant();
    Optional<Level> level = Optional.empty();
    Map<String, String> flags = new HashMap<>();
    try {
      for (Parameter p :
          ssm.getParametersByPathPaginator(r -> r.path(prefix).recursive(true)).stream()
              .flatMap(page -> page.parameters().stream())
              .toList()) {
        String name = p.name().substring(prefix.length());
        if (name.equals("/level")) {
          level = Level.named(p.value());
        } else if (name.startsWith("/flags/")) {
          flags.put(name.substring("/flags/".length()), p.value());
        }
      }
    } catch (SdkException e) {
      level = Optional.empty();
      flags.clear();
    }
    Map<String, Boolean> healthy = new HashMap<>();
    try {
      dynamo
          .queryPaginator(
              r ->
                  r.tableName(statusTable)
                      .keyConditionExpression("pk = :pk")
                      .expressionAttributeValues(Map.of(":pk", s(StatusTableKeys.STATUS))))
          .items()
          .forEach(
              item -> {
                AttributeValue h = item.get("healthy");
                if (item.containsKey("sk") && h != null && h.bool() != null) {
                  healthy.put(item.get("sk").s(), h.bool());
                }
              });
    } catch (SdkException e) {
      healthy.clear();
    }
    return new Observed(at, level, flags, healthy);
  }

  /** The audited level transitions decided between {@code from} and {@code to}. */
  List<Transition> transitions(Instant from, Instant to) {
    List<Transition> transitions = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(statusTable)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", s(StatusTableKeys.AUDIT),
                            ":from", s(from.toString()),
                            ":to", s(to.toString() + "~"))))
        .items()
        .forEach(
            item -> {
              if (!"transition".equals(text(item, "kind"))) {
                return;
              }
              Optional<Level> f = Level.named(text(item, "from"));
              Optional<Level> t = Level.named(text(item, "to"));
              if (f.isPresent() && t.isPresent() && item.containsKey("at")) {
                transitions.add(new Transition(Instant.parse(text(item, "at")), f.get(), t.get()));
              }
            });
    return transitions;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
