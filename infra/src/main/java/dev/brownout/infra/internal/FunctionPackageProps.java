package dev.brownout.infra.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link FunctionPackage} is made of, and how its functions are deployed. Built with {@link
 * #builder()}; a required value left out is named in the error.
 *
 * @param functionsJar the shaded jar that {@code ./mvnw package} builds in {@code functions/target}
 * @param catalogFile the catalog, packaged beside the jar as {@code brownout.yaml}
 * @param snapStart SnapStart on published versions behind a {@code live} alias; false targets the
 *     unqualified functions, as a local cloud needs
 * @param logRetentionDays how long the functions' logs are kept
 */
public record FunctionPackageProps(
    Path functionsJar, Path catalogFile, boolean snapStart, int logRetentionDays) {

  public FunctionPackageProps {
    Objects.requireNonNull(functionsJar, "FunctionPackageProps.functionsJar is required");
    Objects.requireNonNull(catalogFile, "FunctionPackageProps.catalogFile is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link FunctionPackageProps}, naming the first required value left out, in the order
   * above.
   */
  public static final class Builder {
    private Path functionsJar;
    private Path catalogFile;
    private Boolean snapStart;
    private Integer logRetentionDays;

    private Builder() {}

    public Builder functionsJar(Path functionsJar) {
      this.functionsJar = functionsJar;
      return this;
    }

    public Builder catalogFile(Path catalogFile) {
      this.catalogFile = catalogFile;
      return this;
    }

    public Builder snapStart(boolean snapStart) {
      this.snapStart = snapStart;
      return this;
    }

    public Builder logRetentionDays(int logRetentionDays) {
      this.logRetentionDays = logRetentionDays;
      return this;
    }

    public FunctionPackageProps build() {
      return new FunctionPackageProps(
          Objects.requireNonNull(functionsJar, "FunctionPackageProps.functionsJar is required"),
          Objects.requireNonNull(catalogFile, "FunctionPackageProps.catalogFile is required"),
          Objects.requireNonNull(snapStart, "FunctionPackageProps.snapStart is required"),
          Objects.requireNonNull(
              logRetentionDays, "FunctionPackageProps.logRetentionDays is required"));
    }
  }
}
