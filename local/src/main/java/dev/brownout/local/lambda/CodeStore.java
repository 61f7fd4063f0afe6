package dev.brownout.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Deployment packages unpacked on disk, as Lambda unpacks them to {@code /var/task}: one directory
 * per package, fetched once from moto's S3 (the bucket that holds the function's code key: moto
 * reports the key but not the bucket, so every bucket is asked) and reused by every runtime of that
 * package. With {@link HotReload}, a package whose {@code lib/} jar is an earlier build of a
 * watched jar is served with the watched jar's newest build instead.
 *
 * <p>Unpacking refuses entries that would land outside the package's directory; a package is
 * unpacked into a temporary directory and moved into place whole, so a failure leaves nothing
 * half-unpacked behind.
 */
public final class CodeStore {
  private final S3Client s3;
  private final Path root;
  private final HotReload reload;
  private final Map<String, Path> unpacked = new ConcurrentHashMap<>();
  // A package's files never change once unpacked: each jar is hashed once.
  private final Map<Path, String> jarHashes = new ConcurrentHashMap<>();

  public CodeStore(S3Client s3, Path root, HotReload reload) {
    this.s3 = s3;
    this.root = root;
    this.reload = reload;
  }

  /** A package ready to run, and the version runtimes started from it are tied to. */
  public record TaskRoot(Path path, String version) {}

  /**
   * @throws IllegalStateException if no bucket holds the package or it is not a valid zip
   */
  public TaskRoot taskRoot(FunctionConfig function) {
    Path packageDir = unpacked.computeIfAbsent(function.codeKey(), key -> unpack(function));
    return withReloads(function, packageDir);
  }

  private TaskRoot withReloads(FunctionConfig function, Path packageDir) {
    Path lib = packageDir.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return new TaskRoot(packageDir, function.codeKey());
    }
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Optional<HotReload.Build> newer =
            reload.newerBuildOf(jarHashes.computeIfAbsent(jar, CodeStore::sha256));
        if (newer.isPresent()) {
          return reloaded(function, packageDir, jar, newer.get());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read package " + packageDir, e);
    }
    return new TaskRoot(packageDir, function.codeKey());
  }

  private TaskRoot reloaded(FunctionConfig function, Path packageDir, Path jar, HotReload.Build b) {
    String version = function.codeKey() + "+" + b.sha256().substring(0, 12);
    Path dir = root.resolve(safe(version));
    unpacked.computeIfAbsent(
        version,
        v -> {
          Path staging = staging(dir);
          copyTree(packageDir, staging);
          copy(b.jar(), staging.resolve(packageDir.relativize(jar)));
          return moveIntoPlace(staging, dir);
        });
    return new TaskRoot(dir, version);
  }

  private Path unpack(FunctionConfig function) {
    Path dir = root.resolve(safe(function.codeKey()));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path staging = staging(dir);
    try (ResponseInputStream<GetObjectResponse> in = fetch(function)) {
      unzip(in, staging, function);
    } catch (IOException e) {
      deleteTree(staging);
      throw new UncheckedIOException("cannot unpack the package of " + function.name(), e);
    } catch (RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    return moveIntoPlace(staging, dir);
  }

  private ResponseInputStream<GetObjectResponse> fetch(FunctionConfig function) {
    for (Bucket bucket : s3.listBuckets().buckets()) {
      try {
        return s3.getObject(r -> r.bucket(bucket.name()).key(function.codeKey()));
      } catch (NoSuchKeyException e) {
        // not in this bucket
      } catch (S3Exception e) {
        if (e.statusCode() != 404 && e.statusCode() != 403) {
          throw e;
        }
      }
    }
    throw new IllegalStateException(
        "no bucket holds the package "
            + function.codeKey()
            + " of function "
            + function.name()
            + ": was it deployed into this local cloud?");
  }

  private static void unzip(InputStream in, Path target, FunctionConfig function)
      throws IOException {
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path to = target.resolve(entry.getName()).normalize();
        if (!to.startsWith(target)) {
          throw new IllegalStateException(
              "the package of "
                  + function.name()
                  + " has an entry outside its root, refused: "
                  + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
        }
        entries++;
      }
    }
    if (entries == 0) {
      throw new IllegalStateException(
          "the package " + function.codeKey() + " of " + function.name() + " is not a zip file");
    }
  }

  private Path staging(Path dir) {
    try {
      Files.createDirectories(root);
      return Files.createTempDirectory(root, ".unpacking-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + root, e);
    }
  }

  private static Path moveIntoPlace(Path staging, Path dir) {
    try {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      deleteTree(staging); // another thread got there first: same content
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw new UncheckedIOException("cannot move the package to " + dir, e);
      }
      deleteTree(staging);
    }
    return dir;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from, e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover staging directory is harmless; the next start cleans the work directory
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
