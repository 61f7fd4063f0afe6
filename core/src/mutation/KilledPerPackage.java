import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints PIT's killed share per package as a Markdown table, read from its mutations.xml: PIT's
 * console gives totals only, and its per-package figures are otherwise only in the HTML report.
 * Killed means detected (PIT counts a timeout or a crash of the mutant as killed, as here); test
 * strength leaves out the mutants no test reaches, as PIT's own figure does.
 *
 * <p>Run by the {@code mutation} profile of core; by hand: {@code java
 * core/src/mutation/KilledPerPackage.java core/target/pit-reports/mutations.xml}.
 */
public class KilledPerPackage {

  /** Counts for one package, or for all. */
  static final class Tally {
    int mutants;
    int killed;
    int noCoverage;

    void add(Element mutation) {
      mutants++;
      if (Boolean.parseBoolean(mutation.getAttribute("detected"))) {
        killed++;
      }
      if ("NO_COVERAGE".equals(mutation.getAttribute("status"))) {
        noCoverage++;
      }
    }

    String row(String name) {
      return "| %s | %d | %d | %s | %d | %s |"
          .formatted(
              name, mutants, killed, percent(killed, mutants), noCoverage,
              percent(killed, mutants - noCoverage));
    }

    private static String percent(int part, int whole) {
      return whole == 0 ? "–" : Math.round(100.0 * part / whole) + " %";
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java KilledPerPackage.java <path to PIT's mutations.xml>");
      System.exit(2);
    }
    File report = new File(args[0]);
    if (!report.isFile()) {
      System.err.println(
          "No PIT report at " + report.getAbsolutePath() + ": did pitest-maven run before this?");
      System.exit(1);
    }
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList mutations =
        factory.newDocumentBuilder().parse(report).getElementsByTagName("mutation");

    Map<String, Tally> byPackage = new TreeMap<>();
    Tally all = new Tally();
    for (int i = 0; i < mutations.getLength(); i++) {
      Element mutation = (Element) mutations.item(i);
      String mutatedClass =
          mutation.getElementsByTagName("mutatedClass").item(0).getTextContent().trim();
      String pkg = mutatedClass.substring(0, Math.max(0, mutatedClass.lastIndexOf('.')));
      byPackage.computeIfAbsent(pkg, p -> new Tally()).add(mutation);
      all.add(mutation);
    }

    System.out.println();
    System.out.println("Mutants killed per package (PIT, " + report + ")");
    System.out.println();
    System.out.println("| package | mutants | killed | killed share | no coverage | test strength |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    byPackage.forEach((pkg, tally) -> System.out.println(tally.row("`" + pkg + "`")));
    System.out.println(all.row("all of core"));
    System.out.println();
  }
}
