package dev.brownout.core.catalog.internal;

/** Catalog paths in the form {@code routes[2].fallback[0].cache.maxStaleness}. */
public final class Paths {
  private Paths() {}

  public static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Whether {@code path} is {@code ancestor} itself or lies below it. */
  public static boolean within(String path, String ancestor) {
    return path.equals(ancestor)
        || path.startsWith(ancestor + ".")
        || path.startsWith(ancestor + "[");
  }
}
