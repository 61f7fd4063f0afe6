package dev.brownout.infra.internal;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.infra.StatusEndpointAccess;
import java.util.Objects;

/**
 * What the {@link Api} needs. Built with {@link #builder()}; a required value left out is named in
 * the error.
 *
 * @param catalog the routes, and whether one has a {@code queue} step
 * @param functions the package the API and replay functions are made from
 * @param storage the status and cache tables
 * @param parameters the flags the API function reads
 * @param rateLimit steady requests per second the stage accepts
 * @param burstLimit requests the stage accepts in a burst
 * @param logRetentionDays how long the access logs are kept
 * @param statusAccess who may call the status endpoint and page
 * @param cloudWatchRole whether the REST API sets the account's API Gateway CloudWatch role
 */
public record ApiProps(
    Catalog catalog,
    FunctionPackage functions,
    Storage storage,
    FlagParameters parameters,
    int rateLimit,
    int burstLimit,
    int logRetentionDays,
    StatusEndpointAccess statusAccess,
    boolean cloudWatchRole) {

  public ApiProps {
    Objects.requireNonNull(catalog, "ApiProps.catalog is required");
    Objects.requireNonNull(functions, "ApiProps.functions is required");
    Objects.requireNonNull(storage, "ApiProps.storage is required");
    Objects.requireNonNull(parameters, "ApiProps.parameters is required");
    Objects.requireNonNull(statusAccess, "ApiProps.statusAccess is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ApiProps}, naming the first required value left out, in the order above. */
  public static final class Builder {
    private Catalog catalog;
    private FunctionPackage functions;
    private Storage storage;
    private FlagParameters parameters;
    private Integer rateLimit;
    private Integer burstLimit;
    private Integer logRetentionDays;
    private StatusEndpointAccess statusAccess;
    private Boolean cloudWatchRole;

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

    public Builder parameters(FlagParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder rateLimit(int rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    public Builder burstLimit(int burstLimit) {
      this.burstLimit = burstLimit;
      return this;
    }

    public Builder logRetentionDays(int logRetentionDays) {
      this.logRetentionDays = logRetentionDays;
      return this;
    }

    public Builder statusAccess(StatusEndpointAccess statusAccess) {
      this.statusAccess = statusAccess;
      return this;
    }

    public Builder cloudWatchRole(boolean cloudWatchRole) {
      this.cloudWatchRole = cloudWatchRole;
      return this;
    }

    public ApiProps build() {
      return new ApiProps(
          Objects.requireNonNull(catalog, "ApiProps.catalog is required"),
          Objects.requireNonNull(functions, "ApiProps.functions is required"),
          Objects.requireNonNull(storage, "ApiProps.storage is required"),
          Objects.requireNonNull(parameters, "ApiProps.parameters is required"),
          Objects.requireNonNull(rateLimit, "ApiProps.rateLimit is required"),
          Objects.requireNonNull(burstLimit, "ApiProps.burstLimit is required"),
          Objects.requireNonNull(logRetentionDays, "ApiProps.logRetentionDays is required"),
          Objects.requireNonNull(statusAccess, "ApiProps.statusAccess is required"),
          Objects.requireNonNull(cloudWatchRole, "ApiProps.cloudWatchRole is required"));
    }
  }
}
