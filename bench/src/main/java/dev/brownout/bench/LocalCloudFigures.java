package dev.brownout.bench;

import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.local.aws.LocalAws;
import dev.brownout.local.lambda.DeployedFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The local cloud's figures, measured side by side in one run and printed as Markdown tables:
 * {@code ./brownout up} to the first API answer; each function's cold start through the runtime
 * interface client (a configuration change forces a fresh environment, as in Lambda) beside a
 * minimal handler's as the floor; and the latency of {@code GET /products/1} on :3000 from the
 * primary and from the cache, interleaved with a direct call of the upstream and a direct cache
 * read.
 *
 * <p>Run on demand (it starts and stops a local cloud; ports 4566, 3000 and 8081-8085 must be
 * free): {@code ./mvnw -Pbench -pl bench -am install -DskipTests && ./mvnw -Pbench -pl bench
 * exec:exec@local-cloud-figures}
 */
public final class LocalCloudFigures {
  private static final URI API = URI.create("http://localhost:3000");
  private static final URI EDGE = URI.create("http://localhost:4566");
  private static final Pattern REPORT =
      Pattern.compile(
          "^(\\S+) \\| REPORT RequestId: \\S+\\tDuration: ([\\d.]+) ms\\tMemory Size: (\\d+) MB"
              + "\\tMax Memory Used: (\\d+) MB\\tInit Duration: ([\\d.]+) ms");
  private static final int COLD_STARTS = 3;
  private static final int ROUNDS = 6;
  private static final int PER_ROUND = 50;
  private static final int WARM_UP = 50;

  private final Path root;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalCloudFigures(Path root) {
    this.root = root;
    this.log = root.resolve("bench/target/local-cloud-figures.log");
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    new LocalCloudFigures(root).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Files.createDirectories(log.getParent());
    Instant started = Instant.now();
    Process up =
        new ProcessBuilder(root.resolve("brownout").toString(), "up")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Duration toFirstAnswer = untilFirstAnswer(up, started);
      try (LocalAws aws = new LocalAws(EDGE, "us-east-1")) {
        List<String> coldStarts = coldStarts(aws);
        List<String> latency = latency(aws);
        System.out.println();
        System.out.printf(
            "`./brownout up` to the first answer of GET /products/1: %.1f s (%s)%n%n",
            toFirstAnswer.toMillis() / 1000.0, readyLine());
        coldStarts.forEach(System.out::println);
        System.out.println();
        latency.forEach(System.out::println);
      }
    } finally {
      new ProcessBuilder(root.resolve("brownout").toString(), "down")
          .directory(root.toFile())
          .inheritIO()
          .start()
          .waitFor(1, TimeUnit.MINUTES);
      up.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Duration untilFirstAnswer(Process up, Instant started) throws Exception {
    Instant deadline = started.plus(Duration.ofMinutes(6));
    while (Instant.now().isBefore(deadline)) {
      if (!up.isAlive()) {
        throw new IllegalStateException("./brownout up ended; see " + log);
      }
      try {
        HttpResponse<String> r = get(API.resolve("/products/1"), Map.of());
        if (r.statusCode() == 200) {
          return Duration.between(started, Instant.now());
        }
      } catch (IOException e) {
        // not serving yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no answer within 6 minutes; see " + log);
  }

  private String readyLine() throws IOException {
    return Files.readAllLines(log).stream()
        .filter(l -> l.startsWith("brownout | ready in"))
        .map(l -> l.substring("brownout | ".length()))
        .findFirst()
        .orElse("no ready line");
  }

  // --- cold starts -------------------------------------------------------------------------

  private List<String> coldStarts(LocalAws aws) throws Exception {
    Map<String, FunctionConfiguration> functions = new LinkedHashMap<>();
    aws.lambda()
        .listFunctionsPaginator()
        .functions()
        .forEach(f -> functions.put(f.functionName(), f));
    String role = functions.values().iterator().next().role();
    String minimal = deployMinimal(aws, role);
    functions.put(minimal, aws.lambda().getFunction(r -> r.functionName(minimal)).configuration());

    List<String> table = new ArrayList<>();
    table.add("Cold starts through the runtime interface client, " + COLD_STARTS + " each:");
    table.add("");
    table.add(
        "| function | memory | init (process start to ready), median | first answer, median |"
            + " × floor | max RSS |");
    table.add("|---|---:|---:|---:|---:|---:|");
    Map<String, double[]> results = new LinkedHashMap<>();
    for (var function : functions.values()) {
      String name = function.functionName();
      byte[] event = eventFor(function.handler());
      double[] init = new double[COLD_STARTS];
      double[] first = new double[COLD_STARTS];
      long rss = 0;
      for (int i = 0; i < COLD_STARTS; i++) {
        forceColdStart(aws, function, i);
        long before = System.nanoTime();
        var response =
            aws.lambda().invoke(r -> r.functionName(name).payload(SdkBytes.fromByteArray(event)));
        first[i] = (System.nanoTime() - before) / 1e6;
        if (response.functionError() != null) {
          throw new IllegalStateException(name + " failed: " + response.payload().asUtf8String());
        }
        Matcher report = lastReport(name);
        init[i] = Double.parseDouble(report.group(5));
        rss = Math.max(rss, Long.parseLong(report.group(4)));
      }
      results.put(name, new double[] {median(init), median(first), rss, function.memorySize()});
    }
    double floor = results.get(minimal)[1];
    results.forEach(
        (name, r) ->
            table.add(
                String.format(
                    Locale.ROOT,
                    "| %s | %d MB | %.0f ms | %.0f ms | %.1f | %d MB |",
                    name.equals(minimal) ? "minimal handler (floor)" : shortName(name),
                    (long) r[3],
                    r[0],
                    r[1],
                    r[1] / floor,
                    (long) r[2])));
    return table;
  }

  /** A configuration change: Lambda (and the local cloud) start new environments after one. */
  private static void forceColdStart(LocalAws aws, FunctionConfiguration function, int run) {
    Map<String, String> env =
        new HashMap<>(
            function.environment() == null ? Map.of() : function.environment().variables());
    env.put("BENCH_COLD_START", Integer.toString(run));
    if (function.handler().contains("HealthCheckHandler")) {
      env.put(FunctionEnvironment.CHECK_WINDOW, "1s"); // one round of checks, not the 55 s window
    }
    aws.lambda()
        .updateFunctionConfiguration(
            r -> r.functionName(function.functionName()).environment(e -> e.variables(env)));
    try {
      // the local cloud reads a configuration again after DeployedFunctions.FRESH_FOR
      Thread.sleep(DeployedFunctions.FRESH_FOR.plusMillis(200));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] eventFor(String handler) throws IOException {
    String file =
        handler.contains("ApiHandler")
            ? "events/api/get-product.json"
            : handler.contains("HealthCheckHandler")
                ? "events/health-check/scheduled-event.json"
                : handler.contains("EvaluatorHandler")
                    ? "events/evaluator/scheduled-input.json"
                    : handler.contains("ReplayHandler") ? "events/replay/sqs-event.json" : null;
    return file == null
        ? "{}".getBytes(StandardCharsets.UTF_8)
        : Files.readAllBytes(root.resolve(file));
  }

  private Matcher lastReport(String function) throws IOException {
    Matcher last = null;
    for (String line : Files.readAllLines(log)) {
      Matcher m = REPORT.matcher(line);
      if (m.find() && m.group(1).equals(function)) {
        last = m;
      }
    }
    if (last == null) {
      throw new IllegalStateException("no cold-start REPORT line of " + function + " in " + log);
    }
    return last;
  }

  private static String deployMinimal(LocalAws aws, String role) throws Exception {
    String bucket = "brownout-bench";
    aws.s3().createBucket(r -> r.bucket(bucket));
    aws.s3()
        .putObject(r -> r.bucket(bucket).key("minimal.zip"), RequestBody.fromBytes(minimalZip()));
    String name = "bench-minimal-handler";
    aws.lambda()
        .createFunction(
            r ->
                r.functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role(role)
                    .handler(MinimalHandler.class.getName() + "::handleRequest")
                    .memorySize(512)
                    .timeout(30)
                    .code(c -> c.s3Bucket(bucket).s3Key("minimal.zip")));
    return name;
  }

  /** The minimal handler's class in a jar of its own, in {@code lib/} as Brownout's package. */
  private static byte[] minimalZip() throws IOException, URISyntaxException {
    String entry = MinimalHandler.class.getName().replace('.', '/') + ".class";
    Path classes =
        Path.of(MinimalHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    byte[] jar = zip(Map.of(entry, Files.readAllBytes(classes.resolve(entry))));
    return zip(Map.of("lib/minimal.jar", jar));
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  // --- latency ------------------------------------------------------------------------------

  private interface Call {
    void run() throws Exception;
  }

  private List<String> latency(LocalAws aws) throws Exception {
    String cacheTable =
        aws.lambda().listFunctionsPaginator().functions().stream()
            .filter(f -> f.handler().contains("ApiHandler"))
            .findFirst()
            .orElseThrow()
            .environment()
            .variables()
            .get(FunctionEnvironment.CACHE_TABLE);
    Call viaApi = () -> expect(get(API.resolve("/products/1"), Map.of()), null);
    Call upstream =
        () -> expect(get(URI.create("http://127.0.0.1:8081/products/1"), Map.of()), null);
    Map<String, AttributeValue> key = cachedKey(aws, cacheTable);
    Call cacheRead =
        () -> {
          if (!aws.dynamoDb().getItem(r -> r.tableName(cacheTable).key(key)).hasItem()) {
            throw new IllegalStateException("the cached answer is gone");
          }
        };
    Map<String, Call> healthyCalls = new LinkedHashMap<>();
    healthyCalls.put("GET /products/1 on :3000, from the primary", viaApi);
    healthyCalls.put("direct call of the upstream (catalog-service)", upstream);
    healthyCalls.put("direct cache read (GetItem through the edge)", cacheRead);
    Map<String, List<Long>> healthy = interleaved(healthyCalls);

    post(EDGE.resolve("/_brownout/faults/catalog-service"), "down");
    Call fromCache = () -> expect(get(API.resolve("/products/1"), Map.of()), "cache");
    Map<String, Call> degradedCalls = new LinkedHashMap<>();
    degradedCalls.put("GET /products/1 on :3000, from the cache (catalog-service down)", fromCache);
    // the trailing space keeps it apart from the first phase's row of the same name
    degradedCalls.put("direct cache read (GetItem through the edge) ", cacheRead);
    Map<String, List<Long>> degraded = interleaved(degradedCalls);
    post(EDGE.resolve("/_brownout/faults/catalog-service"), "up");

    List<String> table = new ArrayList<>();
    table.add(
        "Latency, "
            + ROUNDS * PER_ROUND
            + " sequential requests each after "
            + WARM_UP
            + " to warm up, interleaved in rounds of "
            + PER_ROUND
            + ":");
    table.add("");
    table.add("| what | p50 | p99 |");
    table.add("|---|---:|---:|");
    healthy.forEach((what, samples) -> table.add(row(what, samples)));
    degraded.forEach((what, samples) -> table.add(row(what, samples)));
    return table;
  }

  private static Map<String, AttributeValue> cachedKey(LocalAws aws, String table) {
    var items = aws.dynamoDb().scan(r -> r.tableName(table)).items();
    for (var item : items) {
      if (item.get("pk").s().contains("/products/{id}") && item.get("pk").s().contains("1")) {
        return Map.of("pk", item.get("pk"));
      }
    }
    if (items.isEmpty()) {
      throw new IllegalStateException("nothing cached in " + table);
    }
    return Map.of("pk", items.get(0).get("pk"));
  }

  private static Map<String, List<Long>> interleaved(Map<String, Call> calls) throws Exception {
    Map<String, List<Long>> samples = new LinkedHashMap<>();
    for (var call : calls.entrySet()) {
      for (int i = 0; i < WARM_UP; i++) {
        call.getValue().run();
      }
      samples.put(call.getKey(), new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (var call : calls.entrySet()) {
        for (int i = 0; i < PER_ROUND; i++) {
          long before = System.nanoTime();
          call.getValue().run();
          samples.get(call.getKey()).add(System.nanoTime() - before);
        }
      }
    }
    return samples;
  }

  private static String row(String what, List<Long> samples) {
    List<Long> sorted = samples.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "| %s | %.1f ms | %.1f ms |",
        what.strip(),
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  private static double percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.round(p * (sorted.size() - 1)));
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    java.util.Arrays.sort(copy);
    return copy[copy.length / 2];
  }

  private static void expect(HttpResponse<String> response, String servedFrom) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
    }
    if (servedFrom != null
        && !response.headers().firstValue("X-Served-From").orElse("").equals(servedFrom)) {
      throw new IllegalStateException(
          "served from " + response.headers().firstValue("X-Served-From") + ", not " + servedFrom);
    }
  }

  private HttpResponse<String> get(URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void post(URI uri, String body) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static String shortName(String function) {
    // Brownout-shop-BrownoutApi95B995BD-3WM1MNGEKFJU -> BrownoutApi
    String[] parts = function.split("-");
    return parts.length >= 4 ? parts[2].replaceAll("[0-9A-F]{8}$", "") : function;
  }
}
