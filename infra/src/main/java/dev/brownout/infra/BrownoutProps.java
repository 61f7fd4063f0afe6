package dev.brownout.infra;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.infra.internal.FunctionPackage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;

/**
 * What a {@link Brownout} needs: the catalog and the functions' deployment jar, and the choices
 * that have sensible defaults.
 *
 * @param catalogFile the catalog as a file, packaged with the functions
 * @param functionsJar the shaded jar that {@code ./mvnw package} builds in {@code functions/target}
 * @param snapStart SnapStart on published versions behind a {@code live} alias (true on AWS); false
 *     targets the unqualified functions, as a local cloud needs
 * @param apiRateLimit steady requests per second the API stage accepts
 * @param apiBurstLimit requests the API stage accepts in a burst
 * @param logRetentionDays how long function, workflow and access logs are kept
 * @param statusEndpointAccess who may call {@code GET /_brownout/status} and the status page:
 *     {@link StatusEndpointAccess#IAM} by default, since it shows the app's dependencies, their
 *     errors and its flags
 * @param webAclArn a WAFv2 web ACL (scope REGIONAL, in the stack's region) that sees every request
 *     before the API does; none by default. Its ARN, or a token such as {@code
 *     CfnWebACL.getAttrArn()}
 * @param cloudWatchRole whether this construct sets API Gateway's CloudWatch role for the account
 *     and region (true by default, so the stage's logs work in a fresh account); there is one such
 *     role per account and region, so set false where it is managed elsewhere or where another
 *     Brownout in the account already sets it
 */
public record BrownoutProps(
    Catalog catalog,
    Path catalogFile,
    Path functionsJar,
    boolean snapStart,
    int apiRateLimit,
    int apiBurstLimit,
    int logRetentionDays,
    StatusEndpointAccess statusEndpointAccess,
    Optional<String> webAclArn,
    boolean cloudWatchRole) {

  public static final int DEFAULT_API_RATE_LIMIT = 100;
  public static final int DEFAULT_API_BURST_LIMIT = 200;
  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
  public static final StatusEndpointAccess DEFAULT_STATUS_ENDPOINT_ACCESS =
      StatusEndpointAccess.IAM;

  private static final Pattern WEB_ACL_ARN =
      Pattern.compile("arn:[a-z-]+:wafv2:[a-z0-9-]+:\\d{12}:regional/webacl/[^/]+/[^/]+");

  public BrownoutProps {
    Objects.requireNonNull(
        catalog,
        "BrownoutProps.catalog is required: give catalogFile(path) or catalog(catalog, file)");
    Objects.requireNonNull(catalogFile, "BrownoutProps.catalogFile is required");
    Objects.requireNonNull(functionsJar, "BrownoutProps.functionsJar is required");
    Objects.requireNonNull(statusEndpointAccess, "BrownoutProps.statusEndpointAccess is required");
    Objects.requireNonNull(webAclArn, "webAclArn");
    webAclArn
        .filter(arn -> !Token.isUnresolved(arn) && !WEB_ACL_ARN.matcher(arn).matches())
        .ifPresent(
            arn -> {
              throw new IllegalArgumentException(
                  "webAclArn must be the ARN of a regional WAFv2 web ACL"
                      + " (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>), got \""
                      + arn
                      + "\"");
            });
    if (apiRateLimit <= 0 || apiBurstLimit <= 0) {
      throw new IllegalArgumentException(
          "API limits must be positive, got rate " + apiRateLimit + " and burst " + apiBurstLimit);
    }
    // Refused now, with the days CloudWatch Logs offers, rather than at synthesis.
    FunctionPackage.retention(logRetentionDays);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the props; the catalog, its file and the functions jar are required. */
  public static final class Builder {
    private Catalog catalog;
    private Path catalogFile;
    private Path functionsJar;
    private boolean snapStart = true;
    private int apiRateLimit = DEFAULT_API_RATE_LIMIT;
    private int apiBurstLimit = DEFAULT_API_BURST_LIMIT;
    private int logRetentionDays = DEFAULT_LOG_RETENTION_DAYS;
    private StatusEndpointAccess statusEndpointAccess = DEFAULT_STATUS_ENDPOINT_ACCESS;
    private String webAclArn;
    private boolean cloudWatchRole = true;

    /**
     * The catalog file, read and validated now.
     *
     * @throws dev.brownout.core.catalog.CatalogException listing every problem of the file
     */
    public Builder catalogFile(Path file) {
      return catalog(CatalogLoader.load(file), file);
    }

    /** A catalog already read from {@code file} (which is packaged with the functions). */
    public Builder catalog(Catalog catalog, Path file) {
      this.catalog = catalog;
      this.catalogFile = file;
      return this;
    }

    public Builder functionsJar(Path jar) {
      this.functionsJar = jar;
      return this;
    }

    public Builder snapStart(boolean snapStart) {
      this.snapStart = snapStart;
      return this;
    }

    public Builder apiLimits(int ratePerSecond, int burst) {
      this.apiRateLimit = ratePerSecond;
      this.apiBurstLimit = burst;
      return this;
    }

    public Builder logRetentionDays(int days) {
      this.logRetentionDays = days;
      return this;
    }

    /**
     * Who may call {@code GET /_brownout/status} and the status page; {@link
     * StatusEndpointAccess#IAM} by default.
     */
    public Builder statusEndpointAccess(StatusEndpointAccess access) {
      this.statusEndpointAccess = access;
      return this;
    }

    /**
     * A WAFv2 web ACL of scope REGIONAL, in the stack's region, to associate with the API's stage:
     * its ARN or a token such as {@code CfnWebACL.getAttrArn()}.
     */
    public Builder webAclArn(String arn) {
      this.webAclArn = arn;
      return this;
    }

    /**
     * Whether this construct sets API Gateway's one CloudWatch role of the account and region (true
     * by default); false where it is managed elsewhere or another Brownout already sets it.
     */
    public Builder cloudWatchRole(boolean cloudWatchRole) {
      this.cloudWatchRole = cloudWatchRole;
      return this;
    }

    public BrownoutProps build() {
      return new BrownoutProps(
          catalog,
          catalogFile,
          functionsJar,
          snapStart,
          apiRateLimit,
          apiBurstLimit,
          logRetentionDays,
          statusEndpointAccess,
          Optional.ofNullable(webAclArn),
          cloudWatchRole);
    }
  }
}
