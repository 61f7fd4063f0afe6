package dev.brownout.infra.internal;

import java.util.Objects;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What the {@link Workflow} needs. Built with {@link #builder()}; a required value left out is
 * named in the error.
 *
 * @param functions the package the evaluator function is made from
 * @param storage the status table the evaluator reads and the workflow writes the level to
 * @param parameters the flags and level the workflow sets
 * @param logRetentionDays how long the state machine's logs are kept
 * @param scheduleDeadLetters where the schedule puts executions it could not start
 */
public record WorkflowProps(
    FunctionPackage functions,
    Storage storage,
    FlagParameters parameters,
    int logRetentionDays,
    IQueue scheduleDeadLetters) {

  public WorkflowProps {
    Objects.requireNonNull(functions, "WorkflowProps.functions is required");
    Objects.requireNonNull(storage, "WorkflowProps.storage is required");
    Objects.requireNonNull(parameters, "WorkflowProps.parameters is required");
    Objects.requireNonNull(scheduleDeadLetters, "WorkflowProps.scheduleDeadLetters is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link WorkflowProps}, naming the first required value left out, in the order above. */
  public static final class Builder {
    private FunctionPackage functions;
    private Storage storage;
    private FlagParameters parameters;
    private Integer logRetentionDays;
    private IQueue scheduleDeadLetters;

    private Builder() {}

    public Builder functions(FunctionPackage functions) {
      this.functions = functions;
      return this;
    }

    public Builder storage(Storage storage) {
      this.storage = storage;
      return this;
    }

    public Builder parameters(FlagParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder logRetentionDays(int logRetentionDays) {
      this.logRetentionDays = logRetentionDays;
      return this;
    }

    public Builder scheduleDeadLetters(IQueue scheduleDeadLetters) {
      this.scheduleDeadLetters = scheduleDeadLetters;
      return this;
    }

    public WorkflowProps build() {
      return new WorkflowProps(
          Objects.requireNonNull(functions, "WorkflowProps.functions is required"),
          Objects.requireNonNull(storage, "WorkflowProps.storage is required"),
          Objects.requireNonNull(parameters, "WorkflowProps.parameters is required"),
          Objects.requireNonNull(logRetentionDays, "WorkflowProps.logRetentionDays is required"),
          Objects.requireNonNull(
              scheduleDeadLetters, "WorkflowProps.scheduleDeadLetters is required"));
    }
  }
}
