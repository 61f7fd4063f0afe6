package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;

/**
 * What {@link Monitoring} watches. Built with {@link #builder()}; a required value left out is
 * named in the error.
 *
 * @param catalog the app, its dependencies and routes
 * @param workflow the degradation workflow, whose failures raise an alarm
 * @param replayDeadLetters the replay's dead-letter queue, whose messages raise an alarm; empty
 *     when no route has a {@code queue} step
 * @param alarms the topic the alarms notify
 */
public record MonitoringProps(
    Catalog catalog, IStateMachine workflow, Optional<IQueue> replayDeadLetters, ITopic alarms) {

  public MonitoringProps {
    Objects.requireNonNull(catalog, "MonitoringProps.catalog is required");
    Objects.requireNonNull(workflow, "MonitoringProps.workflow is required");
    Objects.requireNonNull(replayDeadLetters, "MonitoringProps.replayDeadLetters is required");
    Objects.requireNonNull(alarms, "MonitoringProps.alarms is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link MonitoringProps}, naming the first required value left out, in the order above.
   */
  public static final class Builder {
    private Catalog catalog;
    private IStateMachine workflow;
    private Optional<IQueue> replayDeadLetters = Optional.empty();
    private ITopic alarms;

    private Builder() {}

    public Builder catalog(Catalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder workflow(IStateMachine workflow) {
      this.workflow = workflow;
      return this;
    }

    public Builder replayDeadLetters(IQueue replayDeadLetters) {
      this.replayDeadLetters = Optional.of(replayDeadLetters);
      return this;
    }

    public Builder alarms(ITopic alarms) {
      this.alarms = alarms;
      return this;
    }

    public MonitoringProps build() {
      return new MonitoringProps(
          Objects.requireNonNull(catalog, "MonitoringProps.catalog is required"),
          Objects.requireNonNull(workflow, "MonitoringProps.workflow is required"),
          replayDeadLetters,
          Objects.requireNonNull(alarms, "MonitoringProps.alarms is required"));
    }
  }
}
