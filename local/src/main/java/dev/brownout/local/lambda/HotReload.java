package dev.brownout.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/**
 * Hot reload: watched jars (the functions jar that {@code ./mvnw package} rebuilds) are polled, and
 * once a rebuilt jar has stopped changing and opens as a zip, a copy of it becomes the newest
 * build. A deployed package whose jar is any earlier build of a watched jar then runs with the
 * newest build (see {@link CodeStore}): new invocations use the new code, without a redeploy.
 * Runtimes already running finish what they are doing and are replaced.
 *
 * <p>A jar caught half-written is not taken: it must be the same size and time on two polls in a
 * row and be a readable zip. A watched jar that disappears keeps its last build.
 */
public final class HotReload implements AutoCloseable {
  public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

  /** A build of a watched jar, copied aside so that a rebuild in progress cannot touch it. */
  public record Build(Path jar, String sha256) {}

  private record Seen(long size, FileTime modified) {}

  private final Map<Path, Build> newest = new ConcurrentHashMap<>();
  private final Map<String, Path> formerHashes = new ConcurrentHashMap<>();
  private final Map<Path, Seen> lastSeen = new ConcurrentHashMap<>();
  private final Map<Path, Seen> taken = new ConcurrentHashMap<>();
  private final Path builds;
  private final Consumer<String> console;
  private final Thread poller;
  private volatile boolean running = true;

  /**
   * @param watched the jars to watch; each must exist now (its current build is the first)
   * @param builds where builds are copied
   */
  public HotReload(List<Path> watched, Path builds, Duration poll, Consumer<String> console) {
    this.builds = builds;
    this.console = console;
    for (Path jar : watched) {
      Seen now = seen(jar).orElseThrow(() -> new IllegalArgumentException("no jar at " + jar));
      take(jar.toAbsolutePath(), now);
    }
    this.poller =
        Thread.ofVirtual()
            .name("hot-reload")
            .start(
                () -> {
                  while (running) {
                    sleep(poll);
                    for (Path jar : newest.keySet()) {
                      try {
                        check(jar);
                      } catch (RuntimeException e) {
                        // a jar removed by mvn clean mid-copy, a full disk: try again next poll
                        console.accept("hot reload: " + jar.getFileName() + ": " + e.getMessage());
                      }
                    }
                  }
                });
  }

  /** Watches nothing: every package runs as deployed. */
  public static HotReload off() {
    return new HotReload(List.of(), Path.of("."), Duration.ofDays(1), line -> {});
  }

  /**
   * The newest build of the watched jar that the jar with this hash is a build of, if it is newer.
   */
  public Optional<Build> newerBuildOf(String jarSha256) {
    Path watched = formerHashes.get(jarSha256);
    if (watched == null) {
      return Optional.empty();
    }
    Build build = newest.get(watched);
    return build.sha256().equals(jarSha256) ? Optional.empty() : Optional.of(build);
  }

  /** Polls once (the poller does this every interval). */
  void check(Path jar) {
    Optional<Seen> now = seen(jar);
    if (now.isEmpty() || now.get().equals(taken.get(jar))) {
      return;
    }
    Seen before = lastSeen.put(jar, now.get());
    if (now.get().equals(before) && isZip(jar)) {
      take(jar, now.get());
    }
  }

  private void take(Path jar, Seen seen) {
    try {
      Files.createDirectories(builds);
      Path copy = Files.createTempFile(builds, "build-", ".jar");
      Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
      if (!seen(jar).equals(Optional.of(seen)) || !isZip(copy)) {
        Files.deleteIfExists(copy); // a rebuild began while it was copied: the next poll sees it
        return;
      }
      String sha = CodeStore.sha256(copy);
      Path named = builds.resolve(sha + ".jar");
      Files.move(copy, named, StandardCopyOption.REPLACE_EXISTING);
      boolean first = !newest.containsKey(jar);
      newest.put(jar, new Build(named, sha));
      formerHashes.put(sha, jar);
      taken.put(jar, seen);
      if (!first) {
        console.accept(
            "hot reload: "
                + jar.getFileName()
                + " was rebuilt; new invocations run the new build "
                + sha.substring(0, 12));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + jar + " for hot reload", e);
    }
  }

  /** The jars watched. */
  public Set<Path> watched() {
    return newest.keySet();
  }

  private static Optional<Seen> seen(Path jar) {
    try {
      return Optional.of(new Seen(Files.size(jar), Files.getLastModifiedTime(jar)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isZip(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.size() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
