package dev.brownout.core.catalog;

import dev.brownout.core.catalog.internal.CatalogParser;
import dev.brownout.core.catalog.internal.Findings;
import dev.brownout.core.catalog.internal.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and validates a catalog file: the one place that decides whether a catalog is fit to use,
 * for {@code cdk synth} and for every function at start alike.
 */
public final class CatalogLoader {
  /** Far larger than any real catalog; a bigger file is a mistake, not a catalog. */
  public static final int MAX_BYTES = 1 << 20;

  private CatalogLoader() {}

  /**
   * @throws CatalogException listing every problem, if the file is missing, unreadable or invalid
   */
  public static Catalog load(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw refused(source, "the file is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw refused(source, "no such file");
    } catch (IOException e) {
      throw refused(source, "cannot read the file: " + e.getMessage());
    }
    return parse(source, bytes);
  }

  /** Reads a catalog shipped inside a jar, such as a function's deployment package. */
  public static Catalog loadResource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw refused("classpath:" + name, "no such resource");
      }
      return parse("classpath:" + name, in.readNBytes(MAX_BYTES + 1));
    } catch (IOException e) {
      throw refused("classpath:" + name, "cannot read the resource: " + e.getMessage());
    }
  }

  public static Catalog parse(String source, byte[] utf8) {
    if (utf8.length > MAX_BYTES) {
      throw refused(source, "the catalog is larger than " + MAX_BYTES + " bytes");
    }
    try {
      return parse(
          source,
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(utf8))
              .toString());
    } catch (CharacterCodingException e) {
      throw refused(source, "the file is not UTF-8 text");
    }
  }

  /**
   * @param source how to name the catalog in problems, usually its file name
   * @throws CatalogException listing every problem, if there is any
   */
  public static Catalog parse(String source, String yaml) {
    CatalogParser parser = new CatalogParser();
    var catalog = parser.parse(yaml);
    List<Problem> problems = new ArrayList<>(parser.problems().list());
    catalog.ifPresent(
        c -> problems.addAll(located(CatalogValidator.problems(c), problems, parser)));
    if (!problems.isEmpty()) {
      // In file order; problems with no line (a missing key) last.
      problems.sort(Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
      throw new CatalogException(source, problems);
    }
    return catalog.orElseThrow();
  }

  /**
   * The validator's problems with their lines, less those the parser already explained: a value the
   * parser could not read is absent to the validator, which would call it required.
   */
  private static List<Problem> located(
      List<Problem> judged, List<Problem> read, CatalogParser parser) {
    return judged.stream()
        .filter(
            j ->
                read.stream()
                    .noneMatch(
                        r ->
                            r.path().equals(j.path())
                                || (j.message().equals(Findings.REQUIRED)
                                    && Paths.within(r.path(), j.path()))))
        .map(j -> new Problem(j.path(), parser.problems().lineOf(j.path()), j.message()))
        .toList();
  }

  private static CatalogException refused(String source, String message) {
    return CatalogException.whole(source, message);
  }
}
