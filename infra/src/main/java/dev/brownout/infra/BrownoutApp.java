package dev.brownout.infra;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogException;
import dev.brownout.core.catalog.CatalogLoader;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The example CDK app: deploys the catalog named by the {@code catalog} context value ({@code
 * cdk.json}, or {@code cdk synth -c catalog=path}). A catalog with problems stops the synth with
 * the validator's list of problems and nothing else.
 */
public final class BrownoutApp {
  static final String CATALOG_CONTEXT = "catalog";

  private BrownoutApp() {}

  public static void main(String[] args) {
    App app = new App();
    try {
      synthesize(app);
    } catch (CatalogException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  static Stack synthesize(App app) {
    Catalog catalog = CatalogLoader.load(catalogPath(app));
    // The resources arrive with the infrastructure issue; today the stack only names the app.
    Stack stack = new Stack(app, "Brownout-" + catalog.app());
    app.synth();
    return stack;
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
}
