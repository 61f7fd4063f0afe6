package dev.brownout.functions.workflow;

import dev.brownout.core.contract.StatusTableKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as the evaluator Lambda returns it to the state machine: plain JSON values, with the level
 * record and audit item already in DynamoDB's attribute-value form, so the workflow passes them to
 * {@code TransactWriteItems} unchanged.
 */
public final class PlanJson {
  private PlanJson() {}

  public static Map<String, Object> of(WorkflowPlan plan, String app, String statusTable) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apply", plan.apply());
    out.put("changed", plan.changed());
    out.put("level", plan.level().name());
    out.put("previousLevel", plan.previous().name());
    out.put("since", plan.since().toString());
    out.put("reasons", plan.reasons());
    List<Map<String, String>> writes = new ArrayList<>();
    plan.flagWrites().forEach(w -> writes.add(Map.of("name", w.name(), "value", w.value())));
    out.put("flagWrites", writes);
    // Present only when the dwell holds a step: the state machine waits for it (IsPresent).
    plan.heldUntil().ifPresent(t -> out.put("heldUntil", t.toString()));
    out.put("record", List.of(levelRecord(plan, statusTable), audit(plan, statusTable)));
    out.put(
        "notice",
        Map.of(
            "subject",
            EvaluationService.headline(app, plan.previous(), plan.level()),
            "message",
            EvaluationService.headline(app, plan.previous(), plan.level())
                + " at "
                + plan.at()
                + "\n"
                + String.join("\n", plan.reasons())));
    return out;
  }

  private static Map<String, Object> levelRecord(WorkflowPlan plan, String table) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", s(StatusTableKeys.LEVEL));
    item.put("sk", s(StatusTableKeys.CURRENT_LEVEL));
    item.put("level", s(plan.level().name()));
    item.put("since", s(plan.since().toString()));
    item.put("reasons", strings(plan.reasons()));
    item.put("version", n(Math.max(plan.expectedVersion(), 0) + 1));
    item.put("updatedBy", s(plan.executionId()));
    plan.override().ifPresent(o -> item.put("override", s(o)));
    Map<String, Object> put = new LinkedHashMap<>();
    put.put("TableName", table);
    put.put("Item", item);
    if (plan.expectedVersion() == WorkflowPlan.UNREADABLE) {
      // An unreadable record must not block every run for good (it would end Superseded each
      // time): it is replaced, as long as it still has no readable version.
      put.put(
          "ConditionExpression",
          "attribute_not_exists(version) OR NOT attribute_type(version, :number)");
      put.put("ExpressionAttributeValues", Map.of(":number", s("N")));
    } else if (plan.expectedVersion() == 0) {
      put.put("ConditionExpression", "attribute_not_exists(pk)");
    } else {
      put.put("ConditionExpression", "version = :read");
      put.put("ExpressionAttributeValues", Map.of(":read", n(plan.expectedVersion())));
    }
    return Map.of("Put", put);
  }

  private static Map<String, Object> audit(WorkflowPlan plan, String table) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", s(StatusTableKeys.AUDIT));
    item.put("sk", s(plan.at() + "#" + plan.executionId()));
    item.put("kind", s(plan.kind()));
    item.put("from", s(plan.previous().name()));
    item.put("to", s(plan.level().name()));
    item.put("reasons", strings(plan.reasons()));
    item.put("executionId", s(plan.executionId()));
    item.put("at", s(plan.at().toString()));
    plan.override().ifPresent(o -> item.put("override", s(o)));
    return Map.of("Put", Map.of("TableName", table, "Item", item));
  }

  private static Map<String, Object> s(String value) {
    return Map.of("S", value);
  }

  private static Map<String, Object> n(long value) {
    return Map.of("N", Long.toString(value));
  }

  private static Map<String, Object> strings(List<String> values) {
    return Map.of("L", values.stream().map(PlanJson::s).toList());
  }
}
