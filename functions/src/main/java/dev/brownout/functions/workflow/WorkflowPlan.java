package dev.brownout.functions.workflow;

import dev.brownout.core.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the workflow is to do after an evaluation, as the state machine reads it.
 *
 * @param apply whether anything differs: the level, a flag, or the override in force
 * @param changed whether the level changed (the workflow notifies)
 * @param flagWrites the parameters whose value differs from the plan, with the planned value
 * @param expectedVersion the level record's version that was read, the write's condition; 0 for no
 *     record, {@link #UNREADABLE} for one that could not be read (it is replaced)
 * @param override the override in force, as stored, if one applied
 * @param kind for the audit: {@code transition}, {@code override} or {@code flags}
 * @param heldUntil when the minimum dwell holds a step back up, the moment the workflow waits for
 *     before it evaluates again (whole seconds, rounded up: the state machine's timestamp)
 */
public record WorkflowPlan(
    boolean apply,
    boolean changed,
    Level level,
    Level previous,
    Instant since,
    List<String> reasons,
    List<FlagWrite> flagWrites,
    long expectedVersion,
    Optional<String> override,
    String kind,
    String executionId,
    Instant at,
    Optional<Instant> heldUntil) {

  public static final long UNREADABLE = -1;

  public record FlagWrite(String name, String value) {}

  public WorkflowPlan {
    reasons = List.copyOf(reasons);
    flagWrites = List.copyOf(flagWrites);
  }
}
