package dev.brownout.functions.config;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.contract.FunctionEnvironment;
import java.nio.file.Path;

/**
 * Where a function finds its catalog: {@code BROWNOUT_CATALOG}, either {@code
 * classpath:brownout.yaml} (inside the functions jar, the default) or a file path. A relative path
 * names a file of the deployment package: it is resolved against the package's root, {@code
 * LAMBDA_TASK_ROOT} ({@code /var/task} in AWS, wherever the local cloud unpacked it locally).
 */
public final class CatalogSource {
  public static final String DEFAULT = "classpath:brownout.yaml";
  private static final String CLASSPATH = "classpath:";

  private CatalogSource() {}

  /** The catalog's location as the environment gives it, relative paths resolved. */
  public static String location(Environment env) {
    String location = env.or(FunctionEnvironment.CATALOG, DEFAULT);
    if (location.startsWith(CLASSPATH) || Path.of(location).isAbsolute()) {
      return location;
    }
    return env.optional(FunctionEnvironment.TASK_ROOT)
        .map(root -> Path.of(root).resolve(location).toString())
        .orElse(location);
  }

  /**
   * @throws dev.brownout.core.catalog.CatalogException listing every problem of the catalog
   */
  public static Catalog load(String location) {
    if (location.startsWith(CLASSPATH)) {
      return CatalogLoader.loadResource(
          CatalogSource.class.getClassLoader(), location.substring(CLASSPATH.length()));
    }
    return CatalogLoader.load(Path.of(location));
  }
}
