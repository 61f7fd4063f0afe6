package dev.brownout.functions.config;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import java.nio.file.Path;

/**
 * Where a function finds its catalog: {@code classpath:brownout.yaml} (inside the deployment
 * package, the default) or a file path.
 */
public final class CatalogSource {
  public static final String VARIABLE = "BROWNOUT_CATALOG";
  public static final String DEFAULT = "classpath:brownout.yaml";
  private static final String CLASSPATH = "classpath:";

  private CatalogSource() {}

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
