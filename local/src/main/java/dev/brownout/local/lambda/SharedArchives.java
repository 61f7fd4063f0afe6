package dev.brownout.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Class-data sharing archives, one per function jar: a runtime's JVM maps its function's archive,
 * or, while there is none, writes one as it exits ({@code -XX:+AutoCreateSharedArchive}), so that
 * later cold starts take the classes the first one loaded ready-parsed from the archive.
 *
 * <p>An archive is named after everything the JVM checks it against and the package's content: the
 * {@code java} executable, the JVM options, the handler, the package version, and the name, size
 * and time of each jar of the runtime interface client (the JVM's class path). The JVM's own check
 * is not enough: JDK 25 refuses an archive whose class-path jars changed time, or whose header is
 * damaged, and then, {@code AutoCreateSharedArchive} notwithstanding, runs without one and never
 * writes a new one (seen). The function jar is not on the class path (the client's own class loader
 * reads it), and the JVM checks each archived class of it against the class file's size and CRC, so
 * a rebuilt jar never runs stale code either way.
 *
 * <p>No JVM writes the published archive: the JVM writes by unlinking the file and creating it
 * again, so two runtimes of a function exiting together could write into one file, and a runtime
 * starting meanwhile could map half an archive. Each runtime gets a file of its own instead, a hard
 * link to the published archive when there is one; what a runtime wrote is published by an atomic
 * rename once its JVM ran its exit, and the function's older archives are removed.
 *
 * <p>Failure behaviour: only speed is at stake. An archive that cannot be linked or published is
 * left out (the runtime starts without it and writes one at exit); the file of a JVM that was
 * killed or crashed is deleted unpublished.
 */
public final class SharedArchives {
  private static final String SUFFIX = ".jsa";
  // a runtime's own file: <published>.runtime-<id>
  private static final String OWN = ".runtime-";

  private final Path dir;

  /**
   * @param dir where archives are kept; files of runtimes that an earlier local cloud left behind
   *     (killed before their JVMs exited) are removed
   */
  public SharedArchives(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*" + OWN + "*")) {
        for (Path leftover : leftovers) {
          Files.deleteIfExists(leftover);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + dir + " for class-data sharing archives", e);
    }
  }

  /**
   * The archive file of one runtime about to start.
   *
   * @param jvmOptions the JVM's other options (a change of them names another archive)
   * @param runtimeDir the runtime interface client's jars, the JVM's class path
   * @param version the package's content (a {@link CodeStore.TaskRoot#version()})
   */
  public RuntimeArchive forRuntime(
      Path javaExecutable,
      List<String> jvmOptions,
      Path runtimeDir,
      String handler,
      String version) {
    List<String> key = new ArrayList<>();
    key.add(javaExecutable.toString());
    key.addAll(jvmOptions);
    key.add(handler);
    key.add(version);
    key.addAll(classPathStamps(runtimeDir));
    Path published = dir.resolve(className(handler) + "-" + hash(key) + SUFFIX);
    Path own = published.resolveSibling(published.getFileName() + OWN + UUID.randomUUID());
    try {
      Files.createLink(own, published);
    } catch (IOException | UnsupportedOperationException e) {
      // no archive yet (or no hard links here): this runtime writes one
    }
    return new RuntimeArchive(published, own);
  }

  /** One runtime's archive file, and what becomes of it when the runtime's JVM has exited. */
  public static final class RuntimeArchive {
    private final Path published;
    private final Path own;

    private RuntimeArchive(Path published, Path own) {
      this.published = published;
      this.own = own;
    }

    /** The archive everyone of this function jar maps once published. */
    public Path published() {
      return published;
    }

    /**
     * The JVM's options: map the archive, or write it at exit. The JVM's remarks on archives stay
     * out of the function's log: at each dump it lists the classes it left out, and JDK 25 reports
     * at error level on every start that maps an archive that {@code --enable-native-access} was
     * not recorded at dump time (it disables module-graph sharing, which a dynamic archive lacks
     * anyway). An archive that cannot be used costs only its speed.
     */
    public List<String> options() {
      return List.of(
          "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + own, "-Xlog:cds*=off");
    }

    /**
     * Publishes the archive the JVM wrote, if it wrote one and ran its exit (an exit status of its
     * own, or its exit on SIGTERM, SIGINT or SIGHUP); else only removes this runtime's file.
     */
    public void exited(int exitStatus) {
      boolean ranItsExit =
          exitStatus >= 0
              && (exitStatus < 128
                  || exitStatus == 128 + 15
                  || exitStatus == 128 + 2
                  || exitStatus == 128 + 1);
      try {
        boolean wrote =
            Files.isRegularFile(own)
                && !(Files.exists(published) && Files.isSameFile(own, published));
        if (wrote && ranItsExit) {
          Files.move(own, published, StandardCopyOption.ATOMIC_MOVE);
          removeOlderArchives();
        } else {
          Files.deleteIfExists(own);
        }
      } catch (IOException e) {
        discard();
      }
    }

    /** Removes this runtime's file: its JVM never started. */
    public void discard() {
      try {
        Files.deleteIfExists(own);
      } catch (IOException e) {
        // a leftover is removed when the next local cloud starts
      }
    }

    // Older builds' archives of this handler: a hot reload or a rebuild would pile them up.
    private void removeOlderArchives() throws IOException {
      String handler = published.getFileName().toString();
      String prefix = handler.substring(0, handler.lastIndexOf('-') + 1);
      try (DirectoryStream<Path> archives =
          Files.newDirectoryStream(published.getParent(), prefix + "*" + SUFFIX)) {
        for (Path archive : archives) {
          if (!archive.equals(published)) {
            Files.deleteIfExists(archive);
          }
        }
      }
    }
  }

  // Each class-path jar as the JVM checks it: name, size, time.
  private static List<String> classPathStamps(Path runtimeDir) {
    List<String> stamps = new ArrayList<>();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(runtimeDir, "*.jar")) {
      for (Path jar : jars) {
        stamps.add(
            jar.getFileName()
                + " "
                + Files.size(jar)
                + " "
                + Files.getLastModifiedTime(jar).toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runtime's jars in " + runtimeDir, e);
    }
    stamps.sort(null);
    return stamps;
  }

  /** The handler's class, for a file name a person can tell apart: {@code ApiHandler}. */
  private static String className(String handler) {
    String type = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String simple = type.substring(type.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9_$]", "_");
    return simple.isEmpty() ? "handler" : simple;
  }

  private static String hash(List<String> key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : key) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
