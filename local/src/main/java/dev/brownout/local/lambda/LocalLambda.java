package dev.brownout.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.local.process.ProcessRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda for the local cloud: runs the functions deployed in moto from their own deployment
 * packages, each invocation in an execution environment of its function ({@link RuntimePool}).
 *
 * <p>Asynchronous invocations run on their own threads; one that fails (a handler error, a timeout,
 * a runtime that died or did not start) is retried after each of {@link
 * RuntimeSettings#asyncRetryDelays}, then sent to the function's dead-letter queue, if it has one,
 * with the attributes Lambda gives ({@code RequestID}, {@code ErrorCode}, {@code ErrorMessage}),
 * else reported on the console. Nothing here throws for a function's own failures.
 */
public final class LocalLambda implements Invoker, AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeployedFunctions functions;
  private final CodeStore code;
  private final RuntimeSettings settings;
  private final Clock clock;
  private final FunctionOutput output;
  private final Consumer<String> console;
  private final SqsClient sqs;
  private final ProcessRegistry processes;
  private final Map<String, RuntimePool> pools = new ConcurrentHashMap<>();
  private final Map<String, Stats> stats = new ConcurrentHashMap<>();
  private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor();

  public LocalLambda(
      DeployedFunctions functions,
      CodeStore code,
      RuntimeSettings settings,
      Clock clock,
      FunctionOutput output,
      Consumer<String> console,
      SqsClient sqs,
      ProcessRegistry processes) {
    this.functions = functions;
    this.code = code;
    this.settings = settings;
    this.clock = clock;
    this.output = output;
    this.console = console;
    this.sqs = sqs;
    this.processes = processes;
    reaper.scheduleWithFixedDelay(
        () -> pools.values().forEach(RuntimePool::reapIdle), 30, 30, TimeUnit.SECONDS);
  }

  @Override
  public InvokeResult invoke(String function, byte[] payload) {
    FunctionConfig config = functions.get(function);
    return run(config, payload, UUID.randomUUID().toString());
  }

  @Override
  public void invokeAsync(String function, byte[] payload) {
    FunctionConfig config = functions.get(function);
    String requestId = UUID.randomUUID().toString();
    async.submit(
        () -> {
          try {
            runAsync(config, payload, requestId);
          } catch (RuntimeException e) {
            // the function was deleted, or the local AWS stopped answering, between two attempts
            console.accept(
                config.name()
                    + ": asynchronous invocation "
                    + requestId
                    + " abandoned: "
                    + e.getMessage());
          }
        });
  }

  private void runAsync(FunctionConfig config, byte[] payload, String requestId) {
    DeployedFunctions.AsyncConfig async = functions.asyncConfig(config.name());
    int retries = Math.min(async.maxRetries(), settings.asyncRetryDelays().size());
    InvokeResult result = run(config, payload, requestId);
    int attempts = 1;
    while (result.failed() && attempts <= retries) {
      Duration delay = settings.asyncRetryDelays().get(attempts - 1);
      console.accept(
          config.name()
              + ": asynchronous invocation "
              + requestId
              + " failed, retried in "
              + delay.toSeconds()
              + " s: "
              + abbreviate(result.payloadText()));
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      result = run(functions.get(config.name()), payload, requestId);
      attempts++;
    }
    Optional<String> destination = result.failed() ? async.onFailure() : async.onSuccess();
    if (destination.isPresent()) {
      deliver(config, destination.get(), record(config, payload, requestId, result, attempts));
    } else if (result.failed()) {
      console.accept(
          config.name()
              + ": asynchronous invocation "
              + requestId
              + " failed "
              + attempts
              + " times and the function has no on-failure destination: dropped");
    }
  }

  /** An invocation record, as Lambda sends to a destination. */
  private String record(
      FunctionConfig config, byte[] payload, String requestId, InvokeResult result, int attempts) {
    ObjectNode record = JSON.createObjectNode().put("version", "1.0");
    record.put("timestamp", clock.instant().toString());
    record
        .putObject("requestContext")
        .put("requestId", requestId)
        .put("functionArn", config.arn() + ":$LATEST")
        .put("condition", result.failed() ? "RetriesExhausted" : "Success")
        .put("approximateInvokeCount", attempts);
    record.set("requestPayload", jsonOrText(payload));
    ObjectNode response =
        record
            .putObject("responseContext")
            .put("statusCode", 200)
            .put("executedVersion", "$LATEST");
    result.functionError().ifPresent(e -> response.put("functionError", e));
    record.set("responsePayload", jsonOrText(result.payload()));
    return record.toString();
  }

  private static JsonNode jsonOrText(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private void deliver(FunctionConfig config, String destinationArn, String record) {
    String[] parts = destinationArn.split(":");
    if (parts.length < 6 || !parts[2].equals("sqs")) {
      console.accept(
          config.name()
              + ": the destination "
              + destinationArn
              + " is not an SQS queue; the local cloud delivers invocation records to queues only");
      return;
    }
    try {
      String queueUrl =
          sqs.getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
      sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(record));
    } catch (RuntimeException e) {
      console.accept(
          config.name()
              + ": the invocation record could not be sent to "
              + destinationArn
              + ": "
              + e.getMessage());
    }
  }

  private InvokeResult run(FunctionConfig config, byte[] payload, String requestId) {
    Stats s = stats.computeIfAbsent(config.name(), n -> new Stats());
    s.invocations.incrementAndGet();
    CodeStore.TaskRoot root;
    try {
      root = code.taskRoot(config);
    } catch (RuntimeException e) {
      return failed(config, s, LambdaErrors.couldNotStart(requestId, e.getMessage()));
    }
    String version = root.version() + "#" + configurationHash(config);
    RuntimePool pool =
        pools.computeIfAbsent(
            config.name(), n -> new RuntimePool(settings, clock, output, processes));
    Optional<RuntimePool.Lease> lease;
    try {
      lease = pool.acquire(config, root, version, config.timeout());
    } catch (RuntimeException e) {
      return failed(config, s, LambdaErrors.couldNotStart(requestId, e.getMessage()));
    }
    if (lease.isEmpty()) {
      return failed(
          config,
          s,
          LambdaErrors.error(
              "TooManyRequestsException",
              "Rate Exceeded: all "
                  + settings.maxRuntimesPerFunction()
                  + " environments of "
                  + config.name()
                  + " stayed busy"));
    }
    FunctionRuntime runtime = lease.get().runtime();
    Invocation invocation = new Invocation(requestId, payload, traceId());
    Instant before = clock.instant();
    InvokeResult result;
    try {
      result = runtime.invoke(invocation);
    } finally {
      pool.release(runtime);
    }
    Instant started = invocation.started.getNow(before);
    Duration duration = Duration.between(started, clock.instant());
    Optional<Duration> init = lease.get().cold() ? runtime.initDuration() : Optional.empty();
    output.line(config.name(), report(config, requestId, duration, init, runtime.maxRssMb()));
    s.lastDuration = duration;
    init.ifPresent(d -> s.lastInit = d);
    if (lease.get().cold()) {
      s.coldStarts.incrementAndGet();
    }
    return result.failed() ? failed(config, s, result) : result;
  }

  private InvokeResult failed(FunctionConfig config, Stats s, InvokeResult result) {
    s.errors.incrementAndGet();
    s.lastError = abbreviate(result.payloadText());
    s.lastErrorAt = clock.instant();
    return result;
  }

  private static String report(
      FunctionConfig config,
      String requestId,
      Duration duration,
      Optional<Duration> init,
      long maxRssMb) {
    return String.format(
        Locale.ROOT,
        "REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB\tMax Memory Used: %d MB%s",
        requestId,
        duration.toNanos() / 1e6,
        config.memoryMb(),
        maxRssMb,
        init.map(d -> String.format(Locale.ROOT, "\tInit Duration: %.2f ms", d.toNanos() / 1e6))
            .orElse(""));
  }

  private static int configurationHash(FunctionConfig c) {
    return Objects.hash(c.handler(), c.memoryMb(), c.timeout(), c.environment(), c.runtime());
  }

  private static String traceId() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    String hex = HexFormat.of().formatHex(bytes);
    return "Root=1-"
        + Long.toHexString(Instant.now().getEpochSecond())
        + "-"
        + hex.substring(0, 24)
        + ";Parent="
        + hex.substring(24, 40)
        + ";Sampled=0";
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  /** What the health page shows of one function. */
  public record FunctionHealth(
      String name,
      long invocations,
      long errors,
      long coldStarts,
      int environments,
      Optional<Duration> lastInit,
      Optional<Duration> lastDuration,
      Optional<String> lastError,
      Optional<Instant> lastErrorAt) {}

  /** Every deployed function with what this local cloud has seen of it. */
  public List<FunctionHealth> health() {
    return functions.names().stream()
        .map(
            name -> {
              Stats s = stats.getOrDefault(name, new Stats());
              RuntimePool pool = pools.get(name);
              return new FunctionHealth(
                  name,
                  s.invocations.get(),
                  s.errors.get(),
                  s.coldStarts.get(),
                  pool == null ? 0 : pool.size(),
                  Optional.ofNullable(s.lastInit),
                  Optional.ofNullable(s.lastDuration),
                  Optional.ofNullable(s.lastError),
                  Optional.ofNullable(s.lastErrorAt));
            })
        .toList();
  }

  private static final class Stats {
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong coldStarts = new AtomicLong();
    volatile Duration lastInit;
    volatile Duration lastDuration;
    volatile String lastError;
    volatile Instant lastErrorAt;
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    async.shutdownNow();
    RuntimePool.closeTogether(List.copyOf(pools.values()));
  }
}
