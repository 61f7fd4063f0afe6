package dev.brownout.bench;

import dev.brownout.bench.ColdStartWorld.Subject;
import dev.brownout.local.lambda.FunctionConfig;
import dev.brownout.local.lambda.LambdaEnvironment;
import dev.brownout.local.lambda.SharedArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each function's cold start through Lambda's runtime interface client, as the local cloud runs it
 * but without the local cloud: the deployment jar in a task root, the local runtime's JVM options
 * and environment ({@link LambdaEnvironment}), one sample event from {@code events/} handed out by
 * a one-invocation Runtime API, AWS in a moto_server of its own. Beside them the minimal handler,
 * the floor. Runs are interleaved (one of each per round, the order rotating) so every row sees the
 * same machine.
 *
 * <p><i>Init</i> is process start to the runtime's first {@code next} (JVM, client, the handler's
 * constructor); <i>first answer</i> is process start to the invocation's response; <i>max RSS</i>
 * is {@code VmHWM} and <i>classes</i> the JVM's loaded-class counter, both read once the answer is
 * in.
 *
 * <p>Run on demand, never in the tests (free ports only; nothing of the local cloud's):
 *
 * <pre>
 * ./mvnw -B -Pbench -pl core,functions,infra,local,bench -am install -DskipTests
 * ./mvnw -B -Pbench -pl bench exec:exec@cold-start-figures [-Dcold.runs=5] [-Dcold.profile=true]
 *     [-Dcold.cds=true]
 * </pre>
 *
 * With {@code cds}, every jar runs without and with its class-data sharing archive, made and used
 * as the local cloud does, and both tables are printed ({@link #sharedArchives}).
 *
 * <p>With {@code profile}, each jar also runs once more with {@code -Xlog:class+load} and the
 * classes it loads before its answer are counted and timed by library ({@link ClassLoadBreakdown}).
 */
public final class ColdStartFigures {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final Pattern LOADED = Pattern.compile("java\\.cls\\.loadedClasses=(\\d+)");
  private static final Pattern SERVED_FROM =
      Pattern.compile("(?i)\"x-served-from\"\\s*:\\s*\"([^\"]+)\"");
  private static final String NATIVE_LIBRARY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /** One cold start. Times in milliseconds. */
  record Run(
      double initMs, double answerMs, long maxRssMb, long classes, String outcome, double stopMs) {}

  private final ColdStartWorld world;
  private final Path work;
  private final Path runtimeDir;
  private final Path nativeLibrary;

  private ColdStartFigures(ColdStartWorld world, Path work) throws IOException {
    this.world = world;
    this.work = work;
    this.runtimeDir = world.runtimeDir();
    this.nativeLibrary = unpackNativeLibrary(runtimeDir, work);
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception | Error e) {
      // An Error too (a stale jar in ~/.m2 gives NoClassDefFoundError): without the exit, the
      // world's threads and its moto_server keep the harness alive (seen: an hour, hung).
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean profile = args.length > 2 && Boolean.parseBoolean(args[2]);
    boolean cds = args.length > 3 && Boolean.parseBoolean(args[3]);
    Path work = root.resolve("bench/target/cold-start");
    Files.createDirectories(work.resolve("logs"));
    long started = System.nanoTime();
    try (ColdStartWorld world = new ColdStartWorld(root, work)) {
      ColdStartFigures figures = new ColdStartFigures(world, work);
      List<Subject> subjects = world.subjects();
      if (cds) {
        System.out.println(figures.sharedArchives(subjects, runs));
      } else {
        System.out.println(figures.table(subjects, runs));
      }
      if (profile) {
        for (Subject subject : subjects) {
          System.out.println(figures.profile(subject));
        }
        System.out.println(figures.probes(3));
      }
    }
    System.out.printf(
        Locale.ROOT, "(harness run time: %.0f s)%n", (System.nanoTime() - started) / 1e9);
  }

  private String table(List<Subject> subjects, int runs) throws Exception {
    Map<Subject, List<Run>> results = new LinkedHashMap<>();
    subjects.forEach(s -> results.put(s, new ArrayList<>()));
    for (int round = 0; round < runs; round++) {
      List<Subject> order = new ArrayList<>(subjects);
      Collections.rotate(order, round);
      for (Subject subject : order) {
        Run run = coldStart(subject, List.of(), "run" + round);
        System.err.printf(Locale.ROOT, "round %d %s: %s%n", round + 1, subject.name(), run);
        results.get(subject).add(run);
      }
    }
    return render(
        String.format(
            Locale.ROOT,
            "Cold starts through the runtime interface client, %d runs each, interleaved (median,"
                + " range):",
            runs),
        results);
  }

  /**
   * Every jar without and with its class-data sharing archive, made and used as the local cloud
   * does ({@link SharedArchives}, the same options): a first start of each jar writes its archive
   * (stopped with SIGTERM, as the local cloud stops runtimes; not counted), then each round starts
   * every jar once without and once with its archive, the jars' order rotating and which goes first
   * alternating.
   */
  private String sharedArchives(List<Subject> subjects, int runs) throws Exception {
    Path dir = work.resolve("cds");
    if (Files.isDirectory(dir)) {
      try (var old = Files.list(dir)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    SharedArchives archives = new SharedArchives(dir);
    StringBuilder training =
        new StringBuilder(
            "| jar | first answer, writing the archive | SIGTERM to exit (the dump) | archive |\n"
                + "|---|---:|---:|---:|\n");
    for (Subject subject : subjects) {
      SharedArchives.RuntimeArchive archive = archive(archives, subject);
      Run run = coldStart(subject, "cds-training", Optional.of(archive));
      System.err.printf(Locale.ROOT, "training %s: %s%n", subject.name(), run);
      training.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f ms | %.0f ms | %s |%n",
              subject.name(),
              run.answerMs(),
              run.stopMs(),
              Files.exists(archive.published())
                  ? String.format(
                      Locale.ROOT, "%.1f MB", Files.size(archive.published()) / (1024.0 * 1024))
                  : "none written"));
    }
    Map<Subject, List<Run>> without = new LinkedHashMap<>();
    Map<Subject, List<Run>> with = new LinkedHashMap<>();
    subjects.forEach(s -> without.put(s, new ArrayList<>()));
    subjects.forEach(s -> with.put(s, new ArrayList<>()));
    for (int round = 0; round < runs; round++) {
      List<Subject> order = new ArrayList<>(subjects);
      Collections.rotate(order, round);
      for (Subject subject : order) {
        for (boolean shared : round % 2 == 0 ? List.of(false, true) : List.of(true, false)) {
          Run run =
              shared
                  ? coldStart(subject, "cds" + round, Optional.of(archive(archives, subject)))
                  : coldStart(subject, "no-cds" + round, Optional.empty());
          System.err.printf(
              Locale.ROOT,
              "round %d %s %s: %s%n",
              round + 1,
              subject.name(),
              shared ? "with archive" : "without",
              run);
          (shared ? with : without).get(subject).add(run);
        }
      }
    }
    return render(
            String.format(
                Locale.ROOT,
                "Without a class-data sharing archive (BROWNOUT_LOCAL_CDS=off), %d runs each,"
                    + " interleaved with the runs below (median, range):",
                runs),
            without)
        + "\n"
        + render(
            String.format(
                Locale.ROOT,
                "With each jar's own archive, as the local cloud runs them, %d runs each (median,"
                    + " range; × minimal against the minimal handler with its archive; the JVM's"
                    + " loaded-class counter leaves out the classes it took from an archive):",
                runs),
            with)
        + "\nThe start that wrote each archive (not counted above):\n\n"
        + training;
  }

  private SharedArchives.RuntimeArchive archive(SharedArchives archives, Subject subject) {
    return archives.forRuntime(
        java(),
        LambdaEnvironment.jvmOptions(subject.memoryMb()),
        runtimeDir,
        subject.handler(),
        subject.name());
  }

  private static String render(String title, Map<Subject, List<Run>> results) {
    double floor = median(results.values().iterator().next(), Run::answerMs);
    StringBuilder out = new StringBuilder();
    out.append(title).append("\n\n");
    out.append(
        "| jar | init | first answer | × minimal | max RSS | classes loaded | answer |\n"
            + "|---|---:|---:|---:|---:|---:|---|\n");
    results.forEach(
        (subject, list) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.1f | %s | %s | %s |%n",
                    subject.name(),
                    range(list, Run::initMs, "%.0f ms"),
                    range(list, Run::answerMs, "%.0f ms"),
                    median(list, Run::answerMs) / floor,
                    range(list, r -> r.maxRssMb(), "%.0f MB"),
                    range(list, r -> r.classes(), "%.0f"),
                    list.getFirst().outcome())));
    return out.toString();
  }

  private String profile(Subject subject) throws Exception {
    String name = subject.name().replace(' ', '-');
    Path log = work.resolve("logs").resolve("class-load-" + name + ".log");
    Files.deleteIfExists(log);
    Run run =
        coldStart(subject, List.of("-Xlog:class+load=info:file=" + log + ":uptime"), "profile");
    return ClassLoadBreakdown.of(Files.readAllLines(log), run.initMs(), run.answerMs())
        .render(
            subject.name()
                + " (this run: init "
                + Math.round(run.initMs())
                + " ms, first answer "
                + Math.round(run.answerMs())
                + " ms)");
  }

  /** What each piece of init costs alone and in the handler's order ({@link InitProbe}). */
  private String probes(int runs) throws Exception {
    Map<String, List<String>> probes = new LinkedHashMap<>();
    probes.put("JVM + functions jar, nothing run", List.of());
    probes.put("log (Logback, set up in code)", List.of("log"));
    probes.put("catalog", List.of("catalog"));
    probes.put("DynamoDB client + GetItem", List.of("client", "call"));
    probes.put(
        "DynamoDB client, region and credentials given + GetItem",
        List.of("client-explicit", "call"));
    probes.put("Jackson ObjectMapper", List.of("json"));
    probes.put(
        "as the API's init: log, catalog, client, call, clients, metrics",
        List.of("log", "catalog", "client", "call", "clients", "metrics"));
    Map<String, List<double[]>> walls = new LinkedHashMap<>();
    Map<String, List<String>> steps = new LinkedHashMap<>();
    probes.keySet().forEach(k -> walls.put(k, new ArrayList<>()));
    probes.keySet().forEach(k -> steps.put(k, new ArrayList<>()));
    for (int round = 0; round < runs; round++) {
      for (var probe : probes.entrySet()) {
        List<String> options = probe.getValue().stream().filter(a -> a.startsWith("-")).toList();
        List<String> names = probe.getValue().stream().filter(a -> !a.startsWith("-")).toList();
        long start = System.nanoTime();
        String out = runProbe(options, names);
        walls.get(probe.getKey()).add(new double[] {(System.nanoTime() - start) / 1e6});
        steps.get(probe.getKey()).add(out);
      }
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nInit piece by piece, each in a fresh JVM with the functions jar and the same"
                + " options, %d runs interleaved (median wall from process start to exit; the"
                + " steps' own times of the median run, ms):%n%n"
                + "| probe | wall | steps |%n|---|---:|---|%n",
            runs));
    walls.forEach(
        (name, list) -> {
          double[] sorted = list.stream().mapToDouble(w -> w[0]).sorted().toArray();
          double median = sorted[sorted.length / 2];
          int at = 0;
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i)[0] == median) {
              at = i;
            }
          }
          text.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.0f ms (%.0f-%.0f) | %s |%n",
                  name,
                  median,
                  sorted[0],
                  sorted[sorted.length - 1],
                  steps.get(name).get(at)));
        });
    return text.toString();
  }

  private String runProbe(List<String> options, List<String> steps) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(LambdaEnvironment.jvmOptions(512));
    command.addAll(options);
    command.add("-cp");
    command.add(
        world.functionsJar()
            + java.io.File.pathSeparator
            + Path.of(InitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    command.add(InitProbe.class.getName());
    command.add(work.resolve("functions/brownout.yaml").toString());
    command.addAll(steps);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "probe",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_ENDPOINT_URL", world.moto.endpoint().toString(),
                "JAVA_TOOL_OPTIONS", ColdStartWorld.JAVA_TOOL_OPTIONS,
                "POWERTOOLS_SERVICE_NAME", "Probe",
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    Matcher m = Pattern.compile("PROBE ?(.*)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("probe " + steps + " failed: " + out);
    }
    return m.group(1);
  }

  Run coldStart(Subject subject, List<String> extraOptions, String label) throws Exception {
    return coldStart(subject, extraOptions, label, Optional.empty());
  }

  Run coldStart(Subject subject, String label, Optional<SharedArchives.RuntimeArchive> archive)
      throws Exception {
    return coldStart(
        subject,
        archive.map(SharedArchives.RuntimeArchive::options).orElse(List.of()),
        label,
        archive);
  }

  /**
   * Starts the jar's runtime, hands it its event, and measures until it answers; then kills it, or,
   * with an archive, stops it as the local cloud does (SIGTERM, so that it runs its exit, where a
   * JVM writes its archive), times that, and lets the archive be published.
   */
  private Run coldStart(
      Subject subject,
      List<String> extraOptions,
      String label,
      Optional<SharedArchives.RuntimeArchive> archive)
      throws Exception {
    try (OneInvocationRuntimeApi api = new OneInvocationRuntimeApi(subject.event())) {
      List<String> command = new ArrayList<>();
      command.add(java().toString());
      command.addAll(LambdaEnvironment.jvmOptions(subject.memoryMb()));
      command.add("-D" + NATIVE_LIBRARY + "=" + nativeLibrary);
      command.addAll(extraOptions);
      command.add("-cp");
      command.add(runtimeDir.resolve("*").toString());
      command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
      command.add(subject.handler());
      String functionName = "cold-" + subject.name().replace(' ', '-');
      FunctionConfig config =
          new FunctionConfig(
              functionName,
              "arn:aws:lambda:us-east-1:123456789012:function:" + functionName,
              subject.handler(),
              "java21",
              subject.memoryMb(),
              LIMIT,
              subject.environment(),
              "",
              "");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(subject.taskRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  work.resolve("logs").resolve(functionName + "-" + label + ".log").toFile());
      builder.environment().clear();
      builder
          .environment()
          .putAll(
              LambdaEnvironment.of(
                  config,
                  subject.taskRoot(),
                  runtimeDir,
                  api.address(),
                  new LambdaEnvironment.Cloud("us-east-1", world.moto.endpoint(), "testing"),
                  label,
                  System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
      long start = System.nanoTime();
      Process process = builder.start();
      double stopMs = Double.NaN;
      try {
        OneInvocationRuntimeApi.Outcome outcome = api.await(LIMIT);
        long rss = maxRssMb(process.pid());
        long classes = loadedClasses(process.pid());
        if (archive.isPresent()) {
          long stopping = System.nanoTime();
          process.destroy();
          if (process.waitFor(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            stopMs = (System.nanoTime() - stopping) / 1e6;
          }
        }
        return new Run(
            outcome.nextAt() == 0 ? Double.NaN : (outcome.nextAt() - start) / 1e6,
            (outcome.answeredAt() - start) / 1e6,
            rss,
            classes,
            outcome.kind() + ": " + abbreviate(outcome.body()),
            stopMs);
      } finally {
        process.destroyForcibly();
        process.waitFor();
        archive.ifPresent(a -> a.exited(process.exitValue()));
      }
    }
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static long maxRssMb(long pid) throws IOException {
    Matcher m = HWM.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  /** The JVM's own counter, read with jcmd after the answer (it does not slow the run). */
  private static long loadedClasses(long pid) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                "PerfCounter.print")
            .redirectErrorStream(true)
            .start();
    String text = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    Matcher m = LOADED.matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The client's native library, unpacked once, as the local cloud names it to every runtime. */
  private static Path unpackNativeLibrary(Path runtimeDir, Path work) throws IOException {
    try (var jars =
        Files.newDirectoryStream(runtimeDir, "aws-lambda-java-runtime-interface-client-*.jar")) {
      for (Path jar : jars) {
        try (JarFile file = new JarFile(jar.toFile())) {
          var entry = file.getEntry("jni/libaws-lambda-jni.linux-x86_64.so");
          if (entry == null) {
            throw new IllegalStateException(jar + " has no x86_64 Linux native library");
          }
          Path library = work.resolve("libaws-lambda-jni.so");
          try (var in = file.getInputStream(entry)) {
            Files.copy(in, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          return library;
        }
      }
    }
    throw new IllegalStateException("no runtime interface client jar in " + runtimeDir);
  }

  /** The answer's start; for an API answer, where it was served from. */
  private static String abbreviate(String body) {
    Matcher servedFrom = SERVED_FROM.matcher(body);
    if (servedFrom.find()) {
      return "served from " + servedFrom.group(1);
    }
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
    double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String range(
      List<Run> runs, java.util.function.ToDoubleFunction<Run> value, String format) {
    double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
    return String.format(Locale.ROOT, format, median(runs, value))
        + " ("
        + String.format(Locale.ROOT, format, sorted[0]).replaceAll(" \\S+$", "")
        + "-"
        + String.format(Locale.ROOT, format, sorted[sorted.length - 1]).replaceAll(" \\S+$", "")
        + ")";
  }
}
