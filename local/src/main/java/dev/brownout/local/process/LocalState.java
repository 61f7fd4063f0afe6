package dev.brownout.local.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a running local cloud left on disk so that {@code ./brownout down} can stop it in any state,
 * even when its own process was killed: the pid of {@code up}'s process and of every process it
 * started (moto, each function's JVM, the CDK CLI), each with its start time so that a pid reused
 * by the system is never taken for one of ours. The file is rewritten whole (write, then rename)
 * whenever a process starts or ends.
 */
public final class LocalState implements ProcessRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A process of the local cloud: the pid is ours while the process under it started when ours did
   * (to clock-tick precision) or, should the system clock have been stepped since, still runs the
   * same command line.
   */
  public record Entry(String what, long pid, Instant started, String commandLine) {
    boolean isAlive() {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (handle.isEmpty()) {
        return false;
      }
      ProcessHandle.Info info = handle.get().info();
      boolean sameStart =
          info.startInstant()
              .map(s -> Duration.between(s, started).abs().toMillis() < 1000)
              .orElse(false);
      boolean sameCommand =
          !commandLine.isEmpty() && info.commandLine().map(commandLine::equals).orElse(false);
      return sameStart || sameCommand;
    }

    Optional<ProcessHandle> handle() {
      return isAlive() ? ProcessHandle.of(pid) : Optional.empty();
    }
  }

  private final Path file;
  private final Entry owner;
  private final Map<Long, Entry> children = new LinkedHashMap<>();

  private LocalState(Path file, Entry owner) {
    this.file = file;
    this.owner = owner;
  }

  /** Records this process as the running local cloud. */
  public static LocalState claim(Path file) {
    LocalState state = new LocalState(file, entryOf("up", ProcessHandle.current()));
    state.write();
    return state;
  }

  /** The local cloud recorded in {@code file}, if its {@code up} process still runs. */
  public static Optional<Entry> running(Path file) {
    return read(file).flatMap(s -> s.owner.isAlive() ? Optional.of(s.owner) : Optional.empty());
  }

  @Override
  public synchronized void started(String what, ProcessHandle process) {
    children.put(process.pid(), entryOf(what, process));
    write();
  }

  @Override
  public synchronized void ended(ProcessHandle process) {
    if (children.remove(process.pid()) != null) {
      write();
    }
  }

  /** Removes the file: nothing of this local cloud runs any more. */
  public synchronized void release() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale file names processes that are gone: down and up both ignore it
    }
  }

  /**
   * Stops the local cloud recorded in {@code file}: asks {@code up} to stop (its own shutdown stops
   * what it started), waits up to {@code grace}, then kills every recorded process still alive and
   * their descendants, and removes the file.
   *
   * @return the processes that had to be killed
   */
  public static List<Entry> stop(Path file, Duration grace, Consumer<String> console) {
    Optional<LocalState> state = read(file);
    if (state.isEmpty()) {
      return List.of();
    }
    LocalState s = state.get();
    s.owner.handle().ifPresent(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(grace);
    while (s.owner.isAlive() && Instant.now().isBefore(deadline)) {
      pause();
    }
    List<Entry> killed = new ArrayList<>();
    List<ProcessHandle> dying = new ArrayList<>();
    // re-read: up may have started or ended processes meanwhile
    LocalState latest = read(file).orElse(s);
    List<Entry> all = new ArrayList<>(latest.children.values());
    all.add(latest.owner);
    for (Entry entry : all) {
      entry
          .handle()
          .ifPresent(
              handle -> {
                handle.descendants().forEach(dying::add);
                dying.add(handle);
                killed.add(entry);
                console.accept("killed " + entry.what() + " (pid " + entry.pid() + ")");
              });
    }
    dying.forEach(ProcessHandle::destroyForcibly);
    // down returns when they are gone, not merely signalled
    for (ProcessHandle handle : dying) {
      try {
        handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        console.accept("pid " + handle.pid() + " did not end within 10 s of SIGKILL");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
    return killed;
  }

  private static Optional<LocalState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      LocalState state = new LocalState(file, entry(root.path("up")));
      for (JsonNode child : root.path("processes")) {
        Entry e = entry(child);
        state.children.put(e.pid(), e);
      }
      return Optional.of(state);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: treated as absent, and overwritten by the next up
    }
  }

  private static Entry entryOf(String what, ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    return new Entry(
        what,
        process.pid(),
        info.startInstant().orElse(Instant.now()),
        info.commandLine().orElse(""));
  }

  private static Entry entry(JsonNode node) {
    return new Entry(
        node.path("what").asText(),
        node.path("pid").asLong(),
        Instant.parse(node.path("started").asText()),
        node.path("commandLine").asText(""));
  }

  private void write() {
    ObjectNode root = JSON.createObjectNode();
    root.set("up", node(owner));
    ArrayNode processes = root.putArray("processes");
    children.values().forEach(e -> processes.add(node(e)));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static ObjectNode node(Entry e) {
    return JSON.createObjectNode()
        .put("what", e.what())
        .put("pid", e.pid())
        .put("started", e.started().toString())
        .put("commandLine", e.commandLine());
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
