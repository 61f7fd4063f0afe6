package dev.brownout.infra;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogException;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.infra.internal.NagFindings;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The example CDK app: one stack, {@code Brownout-<app>}, with a {@link Brownout} for the catalog
 * named by the {@code catalog} context value ({@code cdk.json}, or {@code -c catalog=path}), and
 * the cdk-nag AwsSolutions and Serverless checks. On AWS the API's stage has the {@link
 * ExampleWebAcl}. {@code -c local=true} targets the unqualified functions (no SnapStart) and leaves
 * out the web ACL, as the local cloud needs; {@code -c statusEndpointAccess=public} makes {@code
 * GET /_brownout/status} public (IAM by default). A catalog with problems stops the synth with the
 * validator's list of problems and nothing else.
 */
public final class BrownoutApp {
  static final String CATALOG_CONTEXT = "catalog";
  static final String FUNCTIONS_JAR_CONTEXT = "functionsJar";
  static final String LOCAL_CONTEXT = "local";
  static final String STATUS_ENDPOINT_ACCESS_CONTEXT = "statusEndpointAccess";

  private BrownoutApp() {}

  public static void main(String[] args) {
    App app = new App();
    try {
      synthesize(app);
    } catch (CatalogException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  static Stack synthesize(App app) {
    Path catalogFile = catalogPath(app);
    Catalog catalog = CatalogLoader.load(catalogFile);
    Stack stack = new Stack(app, "Brownout-" + catalog.app());
    boolean local = "true".equals(String.valueOf(app.getNode().tryGetContext(LOCAL_CONTEXT)));
    BrownoutProps.Builder props =
        BrownoutProps.builder()
            .catalog(catalog, catalogFile)
            .functionsJar(functionsJar(app))
            .snapStart(!local)
            .statusEndpointAccess(statusEndpointAccess(app));
    if (!local) {
      props.webAclArn(ExampleWebAcl.create(stack, "WebAcl", catalog.app()).getAttrArn());
    }
    Brownout brownout = new Brownout(stack, "Brownout", props.build());
    if (local) {
      NagSuppressions.addResourceSuppressions(
          brownout.restApi().getDeploymentStage(),
          List.of(
              NagFindings.accept(
                  "AwsSolutions-APIG3",
                  "The local cloud has no AWS WAF in front of its API; on AWS the example app associates its web ACL")));
    }
    checkWithCdkNag(app);
    app.synth();
    return stack;
  }

  /** The cdk-nag rule packs the app is checked with. */
  static void checkWithCdkNag(IConstruct scope) {
    Aspects.of(scope).add(new AwsSolutionsChecks());
    Aspects.of(scope).add(new ServerlessChecks());
  }

  static StatusEndpointAccess statusEndpointAccess(App app) {
    Object value = app.getNode().tryGetContext(STATUS_ENDPOINT_ACCESS_CONTEXT);
    if (value == null) {
      return BrownoutProps.DEFAULT_STATUS_ENDPOINT_ACCESS;
    }
    for (StatusEndpointAccess access : StatusEndpointAccess.values()) {
      if (access.name().equalsIgnoreCase(String.valueOf(value))) {
        return access;
      }
    }
    throw new IllegalStateException(
        "The context value "
            + STATUS_ENDPOINT_ACCESS_CONTEXT
            + " must be iam or public, got \""
            + value
            + "\"");
  }

  static Path catalogPath(App app) {
    Object value = app.getNode().tryGetContext(CATALOG_CONTEXT);
    if (!(value instanceof String path) || path.isBlank()) {
      throw CatalogException.whole(
          "(no catalog)",
          "no catalog given: set the context value \"catalog\" in cdk.json or pass -c catalog=path");
    }
    return Path.of(path);
  }

  /**
   * {@code -c functionsJar=path}, or the one jar {@code ./mvnw package} left in functions/target.
   */
  static Path functionsJar(App app) {
    Object value = app.getNode().tryGetContext(FUNCTIONS_JAR_CONTEXT);
    if (value instanceof String path && !path.isBlank()) {
      return Path.of(path);
    }
    Path target = Path.of("functions", "target");
    List<Path> jars = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(target, "brownout-functions-*-lambda.jar")) {
        found.forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (jars.size() != 1) {
      throw new IllegalStateException(
          "Found "
              + jars.size()
              + " functions jars in "
              + target.toAbsolutePath()
              + ": build exactly one with ./mvnw -q package -DskipTests, or pass -c functionsJar=path");
    }
    return jars.get(0);
  }
}
