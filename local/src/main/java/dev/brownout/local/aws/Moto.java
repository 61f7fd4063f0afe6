package dev.brownout.local.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto's server, started through {@code moto_launcher.py} (kept in this jar) so that Step Functions
 * executions really run: the launcher closes moto 5.2.1's Step Functions gaps in the loaded
 * modules, never in moto's installed files. Listens on loopback only.
 *
 * <p>{@code MOTO_PORT} is set to the edge's port: moto's workflow engine sends every AWS call of a
 * state machine (Lambda tasks included) to {@code localhost:$MOTO_PORT}, so the edge answers them.
 */
public final class Moto implements AutoCloseable {
  private static final Pattern SKIPPED =
      Pattern.compile("No Moto CloudFormation support for (\\S+)");
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private Moto(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * Starts moto and waits until it answers.
   *
   * @param python an interpreter that can {@code import moto.server}
   * @param edgePort where moto's workflow engine should send its AWS calls
   * @param workDir where the launcher and moto's log are written
   * @throws IllegalStateException if it cannot start or does not answer within a minute, with the
   *     end of its log
   */
  public static Moto start(String python, int port, int edgePort, Path workDir) {
    return start(python, port, edgePort, workDir, process -> {});
  }

  /**
   * As {@link #start(String, int, int, Path)}, telling {@code started} of the process as soon as it
   * runs (before it answers), so that nothing can leave it behind unrecorded.
   */
  public static Moto start(
      String python,
      int port,
      int edgePort,
      Path workDir,
      java.util.function.Consumer<ProcessHandle> started) {
    try {
      Files.createDirectories(workDir);
      Path launcher = workDir.resolve("moto_launcher.py");
      try (InputStream in = Moto.class.getResourceAsStream("moto_launcher.py")) {
        Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
      }
      Path log = workDir.resolve("moto.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  python, launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("MOTO_PORT", Integer.toString(edgePort));
      // moto answers as this account; any key works.
      builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
      builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot start moto with "
                + python
                + " (is moto installed with its server, pip install 'moto[server]'?): "
                + e.getMessage(),
            e);
      }
      Moto moto = new Moto(process, URI.create("http://127.0.0.1:" + port), log);
      try {
        started.accept(process.toHandle());
      } catch (RuntimeException e) {
        moto.close();
        throw e;
      }
      moto.awaitReady();
      return moto;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare moto's directory " + workDir, e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto exited at start (status " + process.exitValue() + "):\n" + tailOfLog());
      }
      try {
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
    }
    close();
    throw new IllegalStateException(
        "moto did not answer within " + READY_WITHIN.toSeconds() + " s:\n" + tailOfLog());
  }

  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The CloudFormation resource types moto skipped so far (it logs each and goes on). */
  public Set<String> skippedResourceTypes() {
    Set<String> types = new LinkedHashSet<>();
    for (String line : logLines()) {
      Matcher m = SKIPPED.matcher(line);
      if (m.find()) {
        types.add(m.group(1));
      }
    }
    return types;
  }

  private List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      return List.of();
    }
  }

  private String tailOfLog() {
    List<String> lines = logLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
