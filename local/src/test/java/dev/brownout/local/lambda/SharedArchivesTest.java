package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedArchivesTest {
  @TempDir Path dir;
  private Path runtimeDir;
  private Path archives;
  private SharedArchives shared;

  @BeforeEach
  void runtimeJars() throws IOException {
    runtimeDir = Files.createDirectories(dir.resolve("lambda-runtime"));
    Files.writeString(runtimeDir.resolve("aws-lambda-java-core-1.4.0.jar"), "jar");
    archives = dir.resolve("cds");
    shared = new SharedArchives(archives);
  }

  private static FunctionConfig function(String handler) {
    return new FunctionConfig(
        "shop-api",
        "arn:aws:lambda:us-east-1:123456789012:function:shop-api",
        handler,
        "java21",
        1024,
        Duration.ofSeconds(29),
        Map.of(),
        "abc.zip",
        "sha");
  }

  private RuntimeSettings settings(Optional<SharedArchives> shared) {
    return new RuntimeSettings(
        Path.of("/usr/lib/jvm/jdk-25/bin/java"),
        runtimeDir,
        new LambdaEnvironment.Cloud("us-east-1", URI.create("http://localhost:4566"), "test"),
        "/usr/bin:/bin",
        4,
        Duration.ofMinutes(15),
        List.of(),
        shared);
  }

  private FunctionRuntime.Launch launch(String handler, String version) {
    return FunctionRuntime.launch(
        function(handler),
        new CodeStore.TaskRoot(dir.resolve("code"), version),
        settings(Optional.of(shared)));
  }

  private static final String API = "dev.brownout.functions.api.ApiHandler::handleRequest";
  private static final String CHECK = "dev.brownout.functions.health.HealthCheckHandler::handle";

  private static Optional<String> option(FunctionRuntime.Launch launch, String prefix) {
    return launch.command().stream().filter(o -> o.startsWith(prefix)).findFirst();
  }

  @Test
  void withArchivesOnARuntimeMapsOrWritesAnArchiveOfItsOwnFunctionJarBeforeTheClassPath() {
    FunctionRuntime.Launch launch = launch(API, "abc.zip");

    Path published = launch.archive().orElseThrow().published();
    assertThat(published.getParent()).isEqualTo(archives);
    assertThat(published.getFileName().toString()).matches("ApiHandler-[0-9a-f]{16}\\.jsa");
    assertThat(launch.command()).contains("-XX:+AutoCreateSharedArchive");
    assertThat(option(launch, "-XX:SharedArchiveFile="))
        .hasValueSatisfying(o -> assertThat(o).startsWith("-XX:SharedArchiveFile=" + published));
    assertThat(launch.command().indexOf("-XX:+AutoCreateSharedArchive"))
        .isLessThan(launch.command().indexOf("-cp"));
  }

  @Test
  void withArchivesOffNoArchiveOptionIsPassed() {
    FunctionRuntime.Launch launch =
        FunctionRuntime.launch(
            function(API),
            new CodeStore.TaskRoot(dir.resolve("code"), "abc.zip"),
            settings(Optional.empty()));

    assertThat(launch.archive()).isEmpty();
    assertThat(launch.command())
        .noneMatch(o -> o.contains("SharedArchive") || o.contains("Xlog:cds"))
        .contains("-Xshare:auto");
  }

  @Test
  void eachFunctionJarAndHandlerHasAnArchiveOfItsOwnAndTheSameOneKeepsItsArchive() {
    Path api = launch(API, "abc.zip").archive().orElseThrow().published();

    assertThat(launch(API, "abc.zip").archive().orElseThrow().published()).isEqualTo(api);
    assertThat(launch(API, "def.zip").archive().orElseThrow().published()).isNotEqualTo(api);
    assertThat(launch(API, "abc.zip+0123456789ab").archive().orElseThrow().published())
        .isNotEqualTo(api);
    assertThat(launch(CHECK, "abc.zip").archive().orElseThrow().published())
        .isNotEqualTo(api)
        .hasFileName(
            launch(CHECK, "abc.zip").archive().orElseThrow().published().getFileName().toString())
        .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("HealthCheckHandler-"));
  }

  @Test
  void aRuntimeJarOfAnotherTimeOrSizeNamesAnotherArchive() throws IOException {
    Path before = launch(API, "abc.zip").archive().orElseThrow().published();
    Path jar = runtimeDir.resolve("aws-lambda-java-core-1.4.0.jar");

    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    Path touched = launch(API, "abc.zip").archive().orElseThrow().published();
    Files.writeString(jar, "a longer jar");
    Path rewritten = launch(API, "abc.zip").archive().orElseThrow().published();

    assertThat(List.of(before, touched, rewritten)).doesNotHaveDuplicates();
  }

  @Test
  void concurrentRuntimesEachGetAFileOfTheirOwnLinkedToThePublishedArchive() throws IOException {
    SharedArchives.RuntimeArchive trainer = archive(API);
    written(trainer, "archive one");
    trainer.exited(143);

    SharedArchives.RuntimeArchive a = archive(API);
    SharedArchives.RuntimeArchive b = archive(API);

    Path ownA = own(a);
    Path ownB = own(b);
    assertThat(ownA).isNotEqualTo(ownB);
    assertThat(Files.isSameFile(ownA, a.published())).isTrue();
    assertThat(Files.isSameFile(ownB, a.published())).isTrue();
  }

  @Test
  void anArchiveWrittenByAJvmThatRanItsExitIsPublishedAndTheHandlersOlderArchiveRemoved()
      throws IOException {
    Path older = Files.createDirectories(archives).resolve("ApiHandler-00000000000000ff.jsa");
    Files.writeString(older, "an older build's archive");
    Path otherHandler = archives.resolve("HealthCheckHandler-00000000000000ff.jsa");
    Files.writeString(otherHandler, "another function's archive");
    SharedArchives.RuntimeArchive archive = archive(API);
    written(archive, "new archive");

    archive.exited(143); // its exit on SIGTERM

    assertThat(archive.published()).hasContent("new archive");
    assertThat(older).doesNotExist();
    assertThat(otherHandler).exists();
    assertThat(files()).containsExactlyInAnyOrder(archive.published(), otherHandler);
  }

  @Test
  void anArchiveOfAKilledOrCrashedJvmIsDroppedAndThePublishedOneKept() throws IOException {
    SharedArchives.RuntimeArchive trainer = archive(API);
    written(trainer, "good archive");
    trainer.exited(0);

    for (int status : new int[] {137, 134, 139}) {
      SharedArchives.RuntimeArchive killed = archive(API);
      written(killed, "half an archive");
      killed.exited(status);
    }

    assertThat(trainer.published()).hasContent("good archive");
    assertThat(files()).containsExactly(trainer.published());
  }

  @Test
  void aRuntimeThatMappedThePublishedArchiveLeavesItAsItWas() throws IOException {
    SharedArchives.RuntimeArchive trainer = archive(API);
    written(trainer, "archive");
    trainer.exited(143);
    Object inode = Files.getAttribute(trainer.published(), "unix:ino");

    archive(API).exited(143);

    assertThat(Files.getAttribute(trainer.published(), "unix:ino")).isEqualTo(inode);
    assertThat(files()).containsExactly(trainer.published());
  }

  @Test
  void filesOfRuntimesAnEarlierLocalCloudLeftBehindAreRemoved() throws IOException {
    SharedArchives.RuntimeArchive trainer = archive(API);
    written(trainer, "archive");
    trainer.exited(143);
    SharedArchives.RuntimeArchive orphan = archive(API); // its local cloud was killed

    new SharedArchives(archives);

    assertThat(own(orphan)).doesNotExist();
    assertThat(files()).containsExactly(trainer.published());
  }

  private SharedArchives.RuntimeArchive archive(String handler) {
    return shared.forRuntime(
        Path.of("/jdk/bin/java"), List.of("-XX:+UseSerialGC"), runtimeDir, handler, "v1");
  }

  private static Path own(SharedArchives.RuntimeArchive archive) {
    String option =
        archive.options().stream()
            .filter(o -> o.startsWith("-XX:SharedArchiveFile="))
            .findFirst()
            .orElseThrow();
    return Path.of(option.substring("-XX:SharedArchiveFile=".length()));
  }

  /** As the JVM writes at exit: unlinks the file, creates it again. */
  private static void written(SharedArchives.RuntimeArchive archive, String content)
      throws IOException {
    Files.deleteIfExists(own(archive));
    Files.writeString(own(archive), content);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(archives)) {
      return files.toList();
    }
  }
}
