package dev.brownout.core.catalog;

/**
 * One thing wrong with a catalog.
 *
 * @param path where in the catalog, e.g. {@code routes[2].fallback[0].cache.maxStaleness}
 * @param line the 1-based line in the file, or 0 when unknown (a catalog built in code)
 * @param message what is wrong, quoting the bad value
 */
public record Problem(String path, int line, String message) {

  public static final String ROOT = "(catalog)";

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
