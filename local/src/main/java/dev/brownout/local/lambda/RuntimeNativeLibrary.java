package dev.brownout.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The runtime interface client's native library, unpacked once per local cloud and named to every
 * function's JVM. Left to itself, the client unpacks it at each start to the one fixed path {@code
 * /tmp/.libaws-lambda-jni.so}, overwriting the file while other functions' JVMs have it mapped:
 * when several environments start together one of them can die with SIGBUS in {@code
 * JniHelper.unpackAndLoad} (seen in chaos runs). In Lambda each environment has a {@code /tmp} of
 * its own.
 */
final class RuntimeNativeLibrary {
  /** The system property the client loads the library from instead of unpacking it. */
  static final String PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static final Map<Path, Optional<Path>> UNPACKED = new ConcurrentHashMap<>();

  private RuntimeNativeLibrary() {}

  /**
   * The JVM option naming the library unpacked from the client's jar in {@code runtimeDir}; empty
   * when the jar or a library for this platform is not there (the client then unpacks its own).
   */
  static Optional<String> option(Path runtimeDir) {
    return UNPACKED
        .computeIfAbsent(runtimeDir.toAbsolutePath().normalize(), RuntimeNativeLibrary::unpack)
        .map(path -> "-D" + PROPERTY + "=" + path);
  }

  /** The library's name in the jar for this platform, as the client picks it (glibc Linux). */
  static Optional<String> entryFor(String osName, String osArch) {
    if (!osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
      return Optional.empty();
    }
    return switch (osArch) {
      case "amd64", "x86_64" -> Optional.of("jni/libaws-lambda-jni.linux-x86_64.so");
      case "aarch64" -> Optional.of("jni/libaws-lambda-jni.linux-aarch_64.so");
      default -> Optional.empty();
    };
  }

  private static Optional<Path> unpack(Path runtimeDir) {
    Optional<String> entryName =
        entryFor(System.getProperty("os.name"), System.getProperty("os.arch"));
    Optional<Path> jar = clientJar(runtimeDir);
    if (entryName.isEmpty() || jar.isEmpty()) {
      return Optional.empty();
    }
    try (JarFile file = new JarFile(jar.get().toFile())) {
      ZipEntry entry = file.getEntry(entryName.get());
      if (entry == null) {
        return Optional.empty();
      }
      Path library = Files.createTempFile("brownout-lambda-jni-", ".so");
      library.toFile().deleteOnExit();
      try (InputStream in = file.getInputStream(entry)) {
        Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
      }
      return Optional.of(library);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the runtime client's native library", e);
    }
  }

  private static Optional<Path> clientJar(Path runtimeDir) {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(runtimeDir, "aws-lambda-java-runtime-interface-client-*.jar")) {
      for (Path jar : jars) {
        return Optional.of(jar);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
