package dev.brownout.core.catalog;

import dev.brownout.core.catalog.internal.DependencyChecks;
import dev.brownout.core.catalog.internal.FeatureChecks;
import dev.brownout.core.catalog.internal.Findings;
import dev.brownout.core.catalog.internal.PolicyChecks;
import dev.brownout.core.catalog.internal.RouteChecks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a catalog as a whole: required values, ranges, names that refer to each other, and a
 * policy that contradicts itself. Each section has its checks (in {@code internal}), all adding to
 * one list, so every problem is reported at once, each with its path.
 */
public final class CatalogValidator {
  private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  private CatalogValidator() {}

  /** Every problem with {@code catalog}; empty if it is fit to use. */
  public static List<Problem> problems(Catalog catalog) {
    Findings findings = new Findings();
    app(findings, catalog.app());
    Map<String, Dependency> dependencies =
        new DependencyChecks(findings).check(catalog.dependencies());
    Set<String> features =
        new FeatureChecks(findings).check(catalog.features(), dependencies.keySet());
    new RouteChecks(findings).check(catalog.routes(), dependencies.keySet(), features);
    new PolicyChecks(findings).check(catalog.policy(), dependencies);
    return findings.list();
  }

  /**
   * @throws CatalogException listing every problem, if there is any
   */
  public static Catalog validate(Catalog catalog) {
    List<Problem> found = problems(catalog);
    if (!found.isEmpty()) {
      throw new CatalogException("(built in code)", found);
    }
    return catalog;
  }

  private static void app(Findings findings, String app) {
    if (app == null) {
      findings.add("app", Findings.REQUIRED);
    } else if (!APP.matcher(app).matches()) {
      findings.add(
          "app",
          "must be 1-40 lowercase letters, digits or -, starting with a letter (it names tables, SSM paths and metrics), got \""
              + app
              + "\"");
    }
  }
}
