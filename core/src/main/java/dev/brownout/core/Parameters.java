package dev.brownout.core;

import dev.brownout.core.catalog.Catalog;

/**
 * The SSM Parameter Store names of an app, all under {@code /brownout/<app>/}: one parameter per
 * feature flag ({@code flags/<feature>}, {@code on} or {@code off}), the level ({@code level}) and
 * the manual override ({@code override}, JSON).
 */
public final class Parameters {
  public static final String FLAGS = "flags/";
  public static final String LEVEL = "level";
  public static final String OVERRIDE = "override";
  public static final String ON = "on";
  public static final String OFF = "off";

  private Parameters() {}

  public static String prefix(Catalog catalog) {
    return catalog.parameterPrefix();
  }

  public static String flag(Catalog catalog, String feature) {
    return prefix(catalog) + "/" + FLAGS + feature;
  }

  public static String level(Catalog catalog) {
    return prefix(catalog) + "/" + LEVEL;
  }

  public static String override(Catalog catalog) {
    return prefix(catalog) + "/" + OVERRIDE;
  }
}
