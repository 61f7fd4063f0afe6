package dev.brownout.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./brownout down} stops, with real processes standing in for the local cloud's. */
class LocalStateIT {
  @TempDir Path dir;
  private final List<Process> spawned = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    spawned.forEach(
        p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
  }

  private Process spawn(String... command) throws IOException {
    Process p = new ProcessBuilder(command).start();
    spawned.add(p);
    return p;
  }

  private static String entry(String what, long pid, Instant started) {
    return "{\"what\":\"" + what + "\",\"pid\":" + pid + ",\"started\":\"" + started + "\"}";
  }

  private static Instant startOf(Process p) {
    return p.info().startInstant().orElseThrow();
  }

  private Path stateFile(String up, String... processes) throws IOException {
    Path file = dir.resolve("state.json");
    Files.writeString(
        file, "{\"up\":" + up + ",\"processes\":[" + String.join(",", processes) + "]}");
    return file;
  }

  @Test
  void theRunningLocalCloudIsFoundByItsPidAndStartTime() {
    Path file = dir.resolve("state.json");
    LocalState.claim(file);

    assertThat(LocalState.running(file))
        .hasValueSatisfying(e -> assertThat(e.pid()).isEqualTo(ProcessHandle.current().pid()));
  }

  @Test
  void stopKillsUpEveryRecordedProcessAndTheirChildrenAndRemovesTheFile() throws Exception {
    Process up = spawn("sleep", "300");
    Process moto = spawn("sh", "-c", "sleep 300 & sleep 300");
    Thread.sleep(200); // let the shell start its children
    List<ProcessHandle> children = moto.descendants().toList();
    assertThat(children).isNotEmpty();
    Path file =
        stateFile(entry("up", up.pid(), startOf(up)), entry("moto", moto.pid(), startOf(moto)));

    List<LocalState.Entry> killed = LocalState.stop(file, Duration.ofMillis(200), line -> {});

    assertThat(up.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(moto.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(killed).extracting(LocalState.Entry::what).contains("moto");
    assertThat(file).doesNotExist();
  }

  @Test
  void whenUpWasKilledStopStillKillsWhatItStarted() throws Exception {
    Process upThatDied = spawn("true");
    upThatDied.waitFor();
    Process orphan = spawn("sleep", "300");
    Path file =
        stateFile(
            entry("up", upThatDied.pid(), Instant.parse("2020-01-01T00:00:00Z")),
            entry("moto", orphan.pid(), startOf(orphan)));

    assertThat(LocalState.running(file)).isEmpty();
    LocalState.stop(file, Duration.ZERO, line -> {});

    assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(file).doesNotExist();
  }

  @Test
  void aPidTheSystemGaveToAnotherProcessSinceIsNeverKilled() throws Exception {
    Process unrelated = spawn("sleep", "300");
    // recorded with another start time: the pid was reused since
    Path file =
        stateFile(
            entry("up", unrelated.pid(), Instant.parse("2020-01-01T00:00:00Z")),
            entry("moto", unrelated.pid(), startOf(unrelated).minusSeconds(3600)));

    assertThat(LocalState.running(file)).isEmpty();
    LocalState.stop(file, Duration.ZERO, line -> {});

    assertThat(unrelated.isAlive()).isTrue();
  }

  @Test
  void aCorruptStateFileStandsForNoLocalCloud() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\"up\": not json");

    assertThat(LocalState.running(file)).isEmpty();
    assertThat(LocalState.stop(file, Duration.ZERO, line -> {})).isEmpty();
  }

  @Test
  void processesThatEndedAreNoLongerRecorded() throws Exception {
    Path file = dir.resolve("state.json");
    LocalState state = LocalState.claim(file);
    Process function = spawn("sleep", "300");

    state.started("function f", function.toHandle());
    assertThat(Files.readString(file)).contains("\"function f\"");
    state.ended(function.toHandle());

    assertThat(Files.readString(file)).doesNotContain("\"function f\"");
    state.release();
    assertThat(file).doesNotExist();
  }
}
