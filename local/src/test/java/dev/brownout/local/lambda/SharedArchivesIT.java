package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.process.ProcessRegistry;
import dev.brownout.local.testing.TestFunctions;
import dev.brownout.local.testing.handlers.TestHandlers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runtimes (the runtime interface client, the test handlers' jar) with a class-data sharing
 * archive: the first runtime's exit writes it, the next runtime's JVM maps it.
 */
class SharedArchivesIT {
  @TempDir Path dir;
  private final List<FunctionRuntime> started = new ArrayList<>();
  private final List<String> output = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(FunctionRuntime::close);
  }

  private FunctionConfig echo() {
    return function("echo", TestHandlers.Echo.class);
  }

  private static FunctionConfig function(String name, Class<?> handler) {
    return new FunctionConfig(
        name,
        "arn:aws:lambda:us-east-1:123456789012:function:" + name,
        TestFunctions.handler(handler),
        "java21",
        256,
        Duration.ofSeconds(30),
        Map.of(),
        "pkg.zip",
        "sha");
  }

  private CodeStore.TaskRoot taskRoot() throws IOException {
    Path root = dir.resolve("pkg");
    Files.createDirectories(root.resolve("lib"));
    Files.write(root.resolve("lib/handlers.jar"), TestFunctions.handlersJar("v1"));
    return new CodeStore.TaskRoot(root, "pkg.zip");
  }

  private RuntimeSettings settings(Optional<SharedArchives> archives) {
    return new RuntimeSettings(
        TestFunctions.java(),
        TestFunctions.runtimeDir(),
        new LambdaEnvironment.Cloud("us-east-1", URI.create("http://localhost:1"), "t"),
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        4,
        Duration.ofMinutes(1),
        List.of(),
        archives);
  }

  private FunctionRuntime start(RuntimeSettings settings, CodeStore.TaskRoot root) {
    return start(echo(), settings, root);
  }

  private FunctionRuntime start(
      FunctionConfig function, RuntimeSettings settings, CodeStore.TaskRoot root) {
    FunctionRuntime runtime =
        FunctionRuntime.start(
            function,
            root,
            root.version() + "#" + UUID.randomUUID(), // another configuration each time
            settings,
            Clock.systemUTC(),
            (name, line) -> output.add(line),
            ProcessRegistry.NONE);
    started.add(runtime);
    return runtime;
  }

  private static void answers(FunctionRuntime runtime) {
    InvokeResult result =
        runtime.invoke(
            new Invocation(
                UUID.randomUUID().toString(),
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                "Root=1-0-0"));
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.payloadText()).contains("\"n\":1");
  }

  /** The inodes of the files the process has mapped (Linux). */
  private static List<Long> mappedInodes(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")).stream()
        .map(line -> line.trim().split("\\s+"))
        .filter(fields -> fields.length >= 6)
        .map(fields -> Long.parseLong(fields[4]))
        .filter(inode -> inode != 0)
        .toList();
  }

  private static long inode(Path file) throws IOException {
    return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
  }

  private List<Path> files(Path archives) throws IOException {
    try (Stream<Path> files = Files.list(archives)) {
      return files.toList();
    }
  }

  @Test
  void theFirstRuntimesExitWritesTheArchiveAndTheNextRuntimeMapsIt() throws Exception {
    Path archives = dir.resolve("cds");
    RuntimeSettings settings = settings(Optional.of(new SharedArchives(archives)));
    CodeStore.TaskRoot root = taskRoot();
    Path published =
        FunctionRuntime.launch(echo(), root, settings).archive().orElseThrow().published();
    FunctionRuntime first = start(settings, root);
    answers(first);
    assertThat(published).doesNotExist();

    long stopping = System.nanoTime();
    first.close();
    Duration stop = Duration.ofNanos(System.nanoTime() - stopping);

    assertThat(published).isRegularFile();
    assertThat(Files.size(published)).isGreaterThan(1024 * 1024);
    assertThat(files(archives)).containsExactly(published);
    assertThat(stop).isLessThan(FunctionRuntime.STOP_GRACE);
    long archive = inode(published);

    FunctionRuntime second = start(settings, root);
    answers(second);

    assertThat(mappedInodes(second.pid())).contains(archive);
    second.close();
    assertThat(inode(published)).as("a valid archive is not written again").isEqualTo(archive);
    assertThat(files(archives)).containsExactly(published);
    assertThat(output).noneMatch(line -> line.contains("[cds]"));
  }

  @Test
  void aRuntimeBusyWhenTheLocalCloudStopsStillWritesItsArchive() throws Exception {
    Path archives = dir.resolve("cds");
    RuntimeSettings settings = settings(Optional.of(new SharedArchives(archives)));
    CodeStore.TaskRoot root = taskRoot();
    FunctionConfig sleeps = function("sleeps", TestHandlers.Sleeps.class);
    Path published =
        FunctionRuntime.launch(sleeps, root, settings).archive().orElseThrow().published();
    FunctionRuntime runtime = start(sleeps, settings, root);
    List<InvokeResult> results = new CopyOnWriteArrayList<>();
    Thread invoking =
        Thread.ofPlatform()
            .start(
                () ->
                    results.add(
                        runtime.invoke(
                            new Invocation(
                                UUID.randomUUID().toString(),
                                "{\"ms\":20000}".getBytes(StandardCharsets.UTF_8),
                                "Root=1-0-0"))));
    while (runtime.state() != FunctionRuntime.State.BUSY && invoking.isAlive()) {
      Thread.sleep(50);
    }

    // What the local cloud's shutdown does to the threads waiting on invocations.
    invoking.interrupt();
    invoking.join(Duration.ofSeconds(20));

    assertThat(results).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());
    assertThat(published).isRegularFile();
    assertThat(Files.size(published)).isGreaterThan(1024 * 1024);
  }

  @Test
  void runtimesStoppedTogetherPublishOneWholeArchiveThatTheNextRuntimeMaps() throws Exception {
    Path archives = dir.resolve("cds");
    RuntimeSettings settings = settings(Optional.of(new SharedArchives(archives)));
    CodeStore.TaskRoot root = taskRoot();
    FunctionRuntime one = start(settings, root);
    FunctionRuntime two = start(settings, root);
    answers(one);
    answers(two);

    RuntimePool.closeTogether(List.of(one, two));

    List<Path> left = files(archives);
    assertThat(left).hasSize(1);
    FunctionRuntime third = start(settings, root);
    answers(third);
    assertThat(mappedInodes(third.pid())).contains(inode(left.getFirst()));
  }

  @Test
  void withTheSwitchOffNoArchiveIsMappedOrWritten() throws Exception {
    CodeStore.TaskRoot root = taskRoot();
    FunctionRuntime runtime = start(settings(Optional.empty()), root);
    answers(runtime);

    String maps = Files.readString(Path.of("/proc", Long.toString(runtime.pid()), "maps"));
    runtime.close();

    assertThat(maps).doesNotContain(".jsa.runtime-");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(Path::toString)).noneMatch(p -> p.contains(".jsa"));
    }
  }
}
