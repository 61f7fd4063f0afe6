package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload driven poll by poll ({@code check}), on files only. */
class HotReloadTest {
  @TempDir Path dir;
  private final List<String> console = new ArrayList<>();
  private HotReload reload;

  @AfterEach
  void close() {
    if (reload != null) {
      reload.close();
    }
  }

  private static byte[] jar(String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("version.txt"));
      zip.write(content.getBytes());
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private Path watched(byte[] content) throws IOException {
    Path jar = dir.resolve("functions.jar");
    Files.write(jar, content);
    reload = new HotReload(List.of(jar), dir.resolve("builds"), Duration.ofDays(1), console::add);
    return jar;
  }

  private static void rewrite(Path jar, byte[] content, int secondsLater) throws IOException {
    Files.write(jar, content);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(secondsLater)));
  }

  @Test
  void aPackageOfTheCurrentBuildRunsAsDeployed() throws IOException {
    Path jar = watched(jar("1"));

    assertThat(reload.newerBuildOf(CodeStore.sha256(jar))).isEmpty();
    assertThat(reload.newerBuildOf("someone-elses-jar")).isEmpty();
  }

  @Test
  void aRebuildIsTakenOnceItHasStoppedChangingAndEarlierBuildsRunIt() throws IOException {
    Path jar = watched(jar("1"));
    String first = CodeStore.sha256(jar);
    rewrite(jar, jar("2"), 5);

    reload.check(jar.toAbsolutePath()); // seen changing: not taken yet
    assertThat(reload.newerBuildOf(first)).isEmpty();
    reload.check(jar.toAbsolutePath()); // the same on the next poll: taken

    HotReload.Build build = reload.newerBuildOf(first).orElseThrow();
    assertThat(build.sha256()).isEqualTo(CodeStore.sha256(jar));
    assertThat(Files.readAllBytes(build.jar())).isEqualTo(Files.readAllBytes(jar));
    assertThat(console).singleElement().asString().contains("functions.jar was rebuilt");
  }

  @Test
  void aJarCaughtHalfWrittenIsNotTaken() throws IOException {
    Path jar = watched(jar("1"));
    String first = CodeStore.sha256(jar);
    rewrite(jar, "PK\u0003\u0004 half a jar".getBytes(), 5);

    reload.check(jar.toAbsolutePath());
    reload.check(jar.toAbsolutePath());

    assertThat(reload.newerBuildOf(first)).isEmpty();
    assertThat(console).isEmpty();
  }

  @Test
  void aBuildTakenIsACopySoTheNextRebuildCannotChangeIt() throws IOException {
    Path jar = watched(jar("1"));
    String first = CodeStore.sha256(jar);
    rewrite(jar, jar("2"), 5);
    reload.check(jar.toAbsolutePath());
    reload.check(jar.toAbsolutePath());
    HotReload.Build second = reload.newerBuildOf(first).orElseThrow();

    rewrite(jar, jar("3"), 10);

    assertThat(CodeStore.sha256(second.jar())).isEqualTo(second.sha256());
  }
}
