package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import java.util.Objects;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What {@link HealthChecks} needs. Built with {@link #builder()}; a required value left out is
 * named in the error.
 *
 * @param catalog the dependencies to check
 * @param functions the package the health-check function is made from
 * @param storage where statuses and check history go
 * @param scheduleDeadLetters where the schedule puts invocations it could not deliver
 */
public record HealthChecksProps(
    Catalog catalog, FunctionPackage functions, Storage storage, IQueue scheduleDeadLetters) {

  public HealthChecksProps {
    Objects.requireNonNull(catalog, "HealthChecksProps.catalog is required");
    Objects.requireNonNull(functions, "HealthChecksProps.functions is required");
    Objects.requireNonNull(storage, "HealthChecksProps.storage is required");
    Objects.requireNonNull(
        scheduleDeadLetters, "HealthChecksProps.scheduleDeadLetters is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link HealthChecksProps}, naming the first required value left out, in the order above.
   */
  public static final class Builder {
    private Catalog catalog;
    private FunctionPackage functions;
    private Storage storage;
    private IQueue scheduleDeadLetters;

    private Builder() {}

    public Builder catalog(Catalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder functions(FunctionPackage functions) {
      this.functions = functions;
      return this;
    }

    public Builder storage(Storage storage) {
      this.storage = storage;
      return this;
    }

    public Builder scheduleDeadLetters(IQueue scheduleDeadLetters) {
      this.scheduleDeadLetters = scheduleDeadLetters;
      return this;
    }

    public HealthChecksProps build() {
      return new HealthChecksProps(
          Objects.requireNonNull(catalog, "HealthChecksProps.catalog is required"),
          Objects.requireNonNull(functions, "HealthChecksProps.functions is required"),
          Objects.requireNonNull(storage, "HealthChecksProps.storage is required"),
          Objects.requireNonNull(
              scheduleDeadLetters, "HealthChecksProps.scheduleDeadLetters is required"));
    }
  }
}
