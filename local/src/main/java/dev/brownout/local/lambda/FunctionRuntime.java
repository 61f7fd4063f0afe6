package dev.brownout.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.brownout.local.process.ProcessRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One execution environment: a JVM running the function's handler through the official runtime
 * interface client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) in the
 * package's directory, and the Lambda Runtime API it polls, served here on a loopback port of its
 * own. It runs one invocation at a time, as Lambda's environments do.
 *
 * <p>Failure behaviour, as Lambda's: an invocation still running at the function's timeout ends the
 * process and is answered {@code Sandbox.Timedout}; a process that dies holding an invocation
 * answers {@code Runtime.ExitError}; an init error ({@code /runtime/init/error}) answers the
 * invocation waiting for the environment with the function's own error document. Init may take up
 * to the function's timeout, at least 10 s (Lambda retries a slow init within the timeout). A
 * runtime that failed is {@link State#DEAD} and never used again.
 */
final class FunctionRuntime implements AutoCloseable {
  private static final String API = "/2018-06-01/runtime";
  private static final Pattern INVOCATION =
      Pattern.compile(API + "/invocation/([^/]+)/(response|error)");
  private static final Duration MIN_INIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(50);
  // Writing an archive at exit took 0.9-2.7 s (2 CPUs, loaded), exiting without 0.35 s; a JVM
  // that takes longer is killed, so that ./brownout down (which waits 20 s) never hangs on one.
  static final Duration STOP_GRACE = Duration.ofSeconds(8);
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);
  // Lambda's limit for a synchronous answer.
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
  // CloudWatch Logs' largest event: longer output is cut into lines of this size.
  static final int MAX_LINE_CHARS = 256 * 1024;

  enum State {
    STARTING,
    IDLE,
    BUSY,
    DEAD
  }

  /** What a runtime reports when an invocation ends, for the console and the health page. */
  record Report(
      String requestId,
      Duration duration,
      Optional<Duration> init,
      long maxRssMb,
      boolean failed) {}

  private final FunctionConfig function;
  private final String version;
  private final Clock clock;
  private final HttpServer api;
  private final Process process;
  private final Instant startedAt;
  // One invocation at a time: the pool leases a runtime to one caller.
  private final LinkedBlockingQueue<Invocation> pending = new LinkedBlockingQueue<>(1);
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
  private volatile Invocation current;
  private volatile InvokeResult initError;
  private volatile Duration initDuration;
  // completes once the process ended and its archive was dealt with
  private volatile CompletableFuture<Void> exited;

  private FunctionRuntime(
      FunctionConfig function, String version, Clock clock, HttpServer api, Process process) {
    this.function = function;
    this.version = version;
    this.clock = clock;
    this.api = api;
    this.process = process;
    this.startedAt = clock.instant();
  }

  /**
   * Starts the process; it initialises in the background and takes its first invocation when one is
   * handed to {@link #invoke}.
   *
   * @param root the package, whose version (its content) names its class-data sharing archive
   * @param version what the runtime is tied to: the package and the function's configuration
   * @param output receives each line the process prints
   * @throws UncheckedIOException if the process or its Runtime API cannot start
   */
  static FunctionRuntime start(
      FunctionConfig function,
      CodeStore.TaskRoot root,
      String version,
      RuntimeSettings settings,
      Clock clock,
      FunctionOutput output,
      ProcessRegistry processes) {
    HttpServer api;
    try {
      api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a Runtime API port", e);
    }
    Launch launch = launch(function, root, settings);
    String logStreamId = Long.toHexString(System.nanoTime());
    ProcessBuilder builder =
        new ProcessBuilder(launch.command())
            .directory(root.path().toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(
        LambdaEnvironment.of(
            function,
            root.path(),
            settings.runtimeDir(),
            "127.0.0.1:" + api.getAddress().getPort(),
            settings.cloud(),
            logStreamId,
            settings.path()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      api.stop(0);
      launch.archive().ifPresent(SharedArchives.RuntimeArchive::discard);
      throw new UncheckedIOException(
          "cannot start " + settings.javaExecutable() + " for " + function, e);
    }
    try {
      processes.started("function " + function.name(), process.toHandle());
    } catch (RuntimeException e) {
      process.destroyForcibly();
      api.stop(0);
      throw e;
    }
    FunctionRuntime runtime = new FunctionRuntime(function, version, clock, api, process);
    api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    api.createContext(API, runtime::serve);
    api.start();
    Thread.ofVirtual()
        .name("output-" + function.name())
        .start(() -> runtime.pump(process.getInputStream(), output));
    runtime.exited =
        process
            .onExit()
            .thenRun(
                () -> {
                  runtime.died();
                  launch.archive().ifPresent(a -> a.exited(process.exitValue()));
                  processes.ended(process.toHandle());
                });
    return runtime;
  }

  /** A runtime's command line, and its class-data sharing archive when those are on. */
  record Launch(List<String> command, Optional<SharedArchives.RuntimeArchive> archive) {}

  static Launch launch(FunctionConfig function, CodeStore.TaskRoot root, RuntimeSettings settings) {
    List<String> jvmOptions = LambdaEnvironment.jvmOptions(function.memoryMb());
    Optional<SharedArchives.RuntimeArchive> archive =
        settings
            .archives()
            .map(
                a ->
                    a.forRuntime(
                        settings.javaExecutable(),
                        jvmOptions,
                        settings.runtimeDir(),
                        function.handler(),
                        root.version()));
    List<String> command = new ArrayList<>();
    command.add(settings.javaExecutable().toString());
    command.addAll(jvmOptions);
    archive.ifPresent(a -> command.addAll(a.options()));
    RuntimeNativeLibrary.option(settings.runtimeDir()).ifPresent(command::add);
    command.add("-cp");
    command.add(settings.runtimeDir().resolve("*").toString());
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(function.handler());
    return new Launch(List.copyOf(command), archive);
  }

  State state() {
    return state.get();
  }

  /** Moves from {@code from} to {@code to}; a dead runtime stays dead. */
  private void transition(State from, State to) {
    state.compareAndSet(from, to);
  }

  private void markDead() {
    state.set(State.DEAD);
  }

  String version() {
    return version;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Runs one invocation in this environment. Never throws for the function's failures: they come
   * back as Lambda reports them. The invocation waits for the runtime to ask for it: a starting
   * runtime has until its init deadline, a warm one the function's timeout (a runtime that does not
   * come back for work that long is stuck, and is ended); then the function's timeout counts from
   * the moment the runtime took it.
   */
  InvokeResult invoke(Invocation invocation) {
    Duration timeout = function.timeout();
    boolean starting = state.get() == State.STARTING;
    Instant pickupDeadline =
        starting
            ? startedAt.plus(timeout.compareTo(MIN_INIT) > 0 ? timeout : MIN_INIT)
            : clock.instant().plus(timeout);
    if (!pending.offer(invocation)) {
      return LambdaErrors.exited(invocation.requestId, "the environment already has an invocation");
    }
    try {
      while (!invocation.started.isDone()) {
        if (initError != null && pending.remove(invocation)) {
          markDead();
          return initError;
        }
        if (state.get() == State.DEAD && pending.remove(invocation)) {
          return LambdaErrors.exited(invocation.requestId, exitDescription());
        }
        if (clock.instant().isAfter(pickupDeadline) && pending.remove(invocation)) {
          kill();
          return LambdaErrors.timedOut(invocation.requestId, timeout);
        }
        try {
          invocation.started.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          // not taken yet: look again
        }
      }
      Duration ran = Duration.between(invocation.started.join(), clock.instant());
      long left = Math.max(1, timeout.minus(ran).toMillis());
      return invocation.result.get(left, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      kill();
      return LambdaErrors.timedOut(invocation.requestId, timeout);
    } catch (ExecutionException e) {
      return LambdaErrors.exited(invocation.requestId, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      // The local cloud is stopping: end the runtime as a shutdown does, with SIGTERM, so that its
      // JVM still writes its class-data sharing archive (a runtime busy at `down`, such as the
      // health check's for most of each minute, wrote none when this was a SIGKILL).
      close();
      Thread.currentThread().interrupt();
      return LambdaErrors.exited(invocation.requestId, "the local cloud is stopping");
    }
  }

  /** How long init took, once the runtime asked for its first invocation. */
  Optional<Duration> initDuration() {
    return Optional.ofNullable(initDuration);
  }

  /** The process's peak resident memory so far, in MB (Linux; 0 where unknown). */
  long maxRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return 0;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (exchange.getRequestMethod().equals("GET") && path.equals(API + "/invocation/next")) {
        next(exchange);
        return;
      }
      if (exchange.getRequestMethod().equals("POST") && path.equals(API + "/init/error")) {
        initError = InvokeResult.unhandled(body);
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      Matcher m = INVOCATION.matcher(path);
      if (exchange.getRequestMethod().equals("POST") && m.matches()) {
        Invocation invocation = current;
        if (invocation == null || !invocation.requestId.equals(m.group(1))) {
          respond(
              exchange,
              400,
              "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        InvokeResult result;
        if (m.group(2).equals("error")) {
          result = InvokeResult.unhandled(body);
        } else if (body.length > MAX_RESPONSE_BYTES) {
          result =
              LambdaErrors.error(
                  "Function.ResponseSizeTooLarge",
                  "Response payload size exceeded maximum allowed payload size ("
                      + MAX_RESPONSE_BYTES
                      + " bytes).");
        } else {
          result = InvokeResult.success(body);
        }
        current = null;
        transition(State.BUSY, State.IDLE);
        invocation.result.complete(result);
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      respond(
          exchange,
          404,
          LambdaErrors.error("InvalidPath", "Unknown Runtime API path " + path).payloadText());
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    if (initDuration == null) {
      initDuration = Duration.between(startedAt, clock.instant());
    }
    transition(State.STARTING, State.IDLE);
    Invocation invocation = null;
    try {
      while (invocation == null) {
        if (state.get() == State.DEAD) {
          return;
        }
        invocation = pending.poll(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    current = invocation;
    // died() reads current after marking the runtime dead: one of the two completes it
    if (state.get() == State.DEAD) {
      invocation.result.complete(LambdaErrors.exited(invocation.requestId, exitDescription()));
      current = null;
      invocation.started.complete(clock.instant());
      return;
    }
    transition(State.IDLE, State.BUSY);
    Instant now = clock.instant();
    invocation.started.complete(now);
    var headers = exchange.getResponseHeaders();
    // The client's native part crashes the JVM on an answer without a Content-Type.
    headers.add("Content-Type", "application/json");
    headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    headers.add(
        "Lambda-Runtime-Deadline-Ms", Long.toString(now.plus(function.timeout()).toEpochMilli()));
    headers.add("Lambda-Runtime-Invoked-Function-Arn", function.arn());
    headers.add("Lambda-Runtime-Trace-Id", invocation.traceId);
    exchange.sendResponseHeaders(
        200, invocation.payload.length == 0 ? -1 : invocation.payload.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(invocation.payload);
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Each line the process prints; a line longer than CloudWatch's event limit is split. */
  private void pump(InputStream stdout, FunctionOutput output) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0; c = in.read()) {
        if (c == '\n') {
          output.line(function.name(), line.toString());
          line.setLength(0);
        } else if (c != '\r') {
          line.append((char) c);
          if (line.length() >= MAX_LINE_CHARS) {
            output.line(function.name(), line.toString());
            line.setLength(0);
          }
        }
      }
      if (!line.isEmpty()) {
        output.line(function.name(), line.toString());
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private void died() {
    markDead();
    Invocation invocation = current;
    if (invocation != null) {
      invocation.result.complete(LambdaErrors.exited(invocation.requestId, exitDescription()));
    }
    api.stop(0);
  }

  private String exitDescription() {
    if (process.isAlive()) {
      return "the runtime stopped answering";
    }
    int status = process.exitValue();
    return status > 128 ? "signal: " + (status - 128) : "exit status " + status;
  }

  /**
   * Stops the runtime as a shutdown should: SIGTERM, so that its JVM runs its exit (where it writes
   * its class-data sharing archive), and SIGKILL if it has not ended within {@link #STOP_GRACE}.
   * Returns once the process is gone and its archive published.
   */
  @Override
  public void close() {
    markDead();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!awaitExit(STOP_GRACE)) {
      process.destroyForcibly();
      awaitExit(KILL_GRACE);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    api.stop(0);
  }

  /** Ends the runtime at once, as Lambda ends an environment that timed out. */
  private void kill() {
    markDead();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    awaitExit(KILL_GRACE);
    api.stop(0);
  }

  private boolean awaitExit(Duration within) {
    try {
      exited.get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public String toString() {
    return function.name() + " (pid " + pid() + ", " + state.get() + ")";
  }
}
