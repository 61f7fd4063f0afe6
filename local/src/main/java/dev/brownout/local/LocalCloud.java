package dev.brownout.local;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.local.apigateway.ApiFront;
import dev.brownout.local.apigateway.DeployedApis;
import dev.brownout.local.aws.LocalAws;
import dev.brownout.local.aws.Moto;
import dev.brownout.local.demo.AwsFaults;
import dev.brownout.local.demo.AwsTargets;
import dev.brownout.local.demo.DemoWorld;
import dev.brownout.local.demo.EdgeRoutes;
import dev.brownout.local.demo.FaultControl;
import dev.brownout.local.demo.Faults;
import dev.brownout.local.deploy.CdkDeploy;
import dev.brownout.local.deploy.SkippedResources;
import dev.brownout.local.edge.DashboardsRoute;
import dev.brownout.local.edge.Edge;
import dev.brownout.local.lambda.CodeStore;
import dev.brownout.local.lambda.DeployedFunctions;
import dev.brownout.local.lambda.FunctionOutput;
import dev.brownout.local.lambda.HotReload;
import dev.brownout.local.lambda.LambdaEnvironment;
import dev.brownout.local.lambda.LocalLambda;
import dev.brownout.local.lambda.RuntimeSettings;
import dev.brownout.local.lambda.SharedArchives;
import dev.brownout.local.metrics.CloudWatchMetricsWriter;
import dev.brownout.local.metrics.CloudWatchQueries;
import dev.brownout.local.metrics.EmfExtractor;
import dev.brownout.local.metrics.ExecutionMetrics;
import dev.brownout.local.notices.TopicNotices;
import dev.brownout.local.process.LocalState;
import dev.brownout.local.schedules.Scheduler;
import dev.brownout.local.sqs.EventSourcePoller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./brownout up}: starts moto (through its launcher), the edge on 4566 with the local Lambda
 * runtime, deploys the CDK app into it with the real CDK CLI, then starts what moto does not do in
 * server mode (schedules, queue pollers, metrics from logs, notices, the REST API on 3000) and the
 * demo world, prints what is where, and runs until Ctrl-C or {@code ./brownout down}. Everything it
 * started is stopped on the way out, in reverse order, whatever failed.
 */
public final class LocalCloud implements AutoCloseable {
  private final LocalSettings settings;
  private final Console console;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LocalCloud(LocalSettings settings, Console console) {
    this.settings = settings;
    this.console = console;
  }

  static int up(LocalSettings settings, String python, List<String> args) {
    LocalCloud cloud;
    try {
      cloud = start(settings, python, args, Console.system());
    } catch (IllegalStateException e) {
      return 1;
    }
    try {
      cloud.stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Starts a local cloud in this JVM, as {@code up} does, and returns it ready; {@link #close()}
   * stops it. Says on the console why it cannot start.
   *
   * @throws IllegalStateException if one is already running, a port is taken, or it failed to start
   *     (everything it started is stopped again)
   */
  public static LocalCloud start(
      LocalSettings settings, String python, List<String> args, Console console) {
    Optional<LocalState.Entry> running = LocalState.running(settings.stateFile());
    if (running.isEmpty()) {
      // an up that was killed may have left processes behind: stop them before starting anew
      LocalState.stop(settings.stateFile(), Duration.ZERO, console::info);
    }
    if (running.isPresent()) {
      throw refused(
          console,
          "A local cloud is already running (pid "
              + running.get().pid()
              + ", started "
              + running.get().started()
              + "): ./brownout down stops it.");
    }
    for (int port : List.of(settings.edgePort(), settings.apiPort())) {
      if (!free(port)) {
        throw refused(
            console,
            "Port "
                + port
                + " is taken by another program; the local cloud needs it (4566 for AWS, 3000"
                + " for the API). Stop that program first.");
      }
    }
    LocalCloud cloud = new LocalCloud(settings, console);
    // Ctrl-C, or ./brownout down, stops it whatever it is doing
    Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "local-cloud-stop"));
    try {
      cloud.start(python, args);
    } catch (RuntimeException e) {
      cloud.close();
      throw refused(console, "The local cloud could not start: " + e.getMessage());
    }
    return cloud;
  }

  private static IllegalStateException refused(Console console, String message) {
    console.error(message);
    return new IllegalStateException(message);
  }

  private void start(String python, List<String> args) {
    Instant began = Instant.now();
    LocalState state = LocalState.claim(settings.stateFile());
    started.push(state::release);
    clean(settings.workDir().resolve("code"));

    Aws upstream =
        settings.externalAws().isPresent()
            ? external(settings.externalAws().get())
            : moto(python, state);
    LocalAws aws = new LocalAws(settings.edgeUrl(), settings.region());
    started.push(aws);
    Path functionsJar = functionsJar(settings.project());
    HotReload reload =
        new HotReload(
            List.of(functionsJar),
            settings.workDir().resolve("builds"),
            HotReload.DEFAULT_POLL,
            console::info);
    started.push(reload);
    DeployedFunctions functions = new DeployedFunctions(aws.lambda(), Clock.systemUTC());
    CloudWatchMetricsWriter metrics =
        new CloudWatchMetricsWriter(
            upstream.endpoint(),
            settings.region(),
            CloudWatchMetricsWriter.DEFAULT_CAPACITY,
            line -> console.labelled("metrics", line));
    started.push(metrics);
    LocalLambda lambda =
        new LocalLambda(
            functions,
            new CodeStore(aws.s3(), settings.workDir().resolve("code"), reload),
            new RuntimeSettings(
                javaExecutable(),
                runtimeDir(),
                new LambdaEnvironment.Cloud(settings.region(), settings.edgeUrl(), "test"),
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                RuntimeSettings.DEFAULT_MAX_RUNTIMES,
                RuntimeSettings.DEFAULT_IDLE_FOR,
                RuntimeSettings.LAMBDA_RETRY_DELAYS,
                sharedArchives()),
            Clock.systemUTC(),
            ((FunctionOutput) console::function)
                .and(new EmfExtractor(metrics, line -> console.labelled("metrics", line))),
            console::info,
            aws.sqs(),
            state);
    started.push(lambda);
    Edge edge =
        Edge.start(settings.edgePort(), upstream.endpoint(), lambda, functions::get, console::info);
    started.push(edge);
    edge.health("localCloud", () -> Map.of("status", "running", "since", began.toString()));
    edge.health("aws", upstream::health);
    edge.health("functions", lambda::health);
    edge.route(
        new DashboardsRoute(
            new CloudWatchQueries(upstream.endpoint(), settings.region()),
            settings.region(),
            Clock.systemUTC(),
            console::info));

    Path catalogFile = catalogFile(settings.project(), catalogArgument(args));
    Catalog catalog = CatalogLoader.load(catalogFile);
    DemoWorld demo =
        DemoWorld.start(catalog, aws.dynamoDb(), line -> console.labelled("demo", line));
    started.push(demo);
    edge.route(EdgeRoutes.tableFaults(demo.faults()));

    console.info("deploying the CDK app into the local cloud (cdk bootstrap, cdk deploy)");
    String account = aws.account();
    Map<String, String> context = new LinkedHashMap<>();
    context.put("functionsJar", functionsJar.toString());
    context.put("catalog", catalogFile.toString());
    CdkDeploy.Deployed stack =
        new CdkDeploy(
                settings.project(),
                settings.workDir(),
                settings.edgeUrl(),
                settings.region(),
                line -> console.labelled("cdk", line),
                state)
            .deploy(account, context);
    console.info("deployed " + stack.stackName() + upstream.afterDeploy());
    AwsFaults awsFaults = new AwsFaults(AwsTargets.of(aws.lambda()));
    Faults faults = demo.with(awsFaults.faults());
    edge.route(awsFaults.route());
    edge.route(EdgeRoutes.control(new FaultControl(faults)));
    edge.health("demo", () -> Map.of("faults", faults.all(), "notes", demo.notes()));

    ApiFront api =
        new ApiFront(
            new DeployedApis(aws.apiGateway(), aws.cloudFormation()).of(stack.stackName(), account),
            settings.apiPort(),
            lambda,
            Clock.systemUTC(),
            line -> console.labelled("api", line));
    started.push(api);
    edge.route(api.localStackRoute());
    edge.health("api", () -> api.describe(settings.edgePort()));

    EventSourcePoller pollers =
        new EventSourcePoller(
            aws.lambda(),
            aws.sqs(),
            lambda,
            line -> console.labelled("sqs", line),
            Clock.systemUTC());
    pollers.start();
    started.push(pollers);
    edge.health("eventSourceMappings", pollers::snapshot);

    Scheduler schedules =
        new Scheduler(
            aws.events(),
            aws.sfn(),
            aws.sqs(),
            lambda,
            Clock.systemUTC(),
            line -> console.labelled("schedules", line));
    schedules.start(Duration.ofSeconds(5));
    started.push(schedules);
    ExecutionMetrics executions =
        new ExecutionMetrics(aws.sfn(), metrics, line -> console.labelled("metrics", line));
    executions.start(Duration.ofSeconds(10));
    started.push(executions);
    edge.health("schedules", schedules::rules);
    edge.health(
        "metrics",
        () ->
            Map.of(
                "published", metrics.published(),
                "failed", metrics.failed(),
                "dropped", metrics.dropped()));

    TopicNotices notices =
        new TopicNotices(aws.sns(), aws.sqs(), Duration.ofSeconds(10), console::notice);
    started.push(notices);
    edge.health("notices", () -> Map.of("topics", notices.topics(), "shown", notices.shown()));

    console.info(
        "ready in "
            + Duration.between(began, Instant.now()).toSeconds()
            + " s\n"
            + "  API:            "
            + settings.apiUrl()
            + "/products/1   (every route of the catalog; GET "
            + StatusPaths.STATUS
            + " for the status, "
            + StatusPaths.PAGE
            + " for the status page)\n"
            + "  AWS endpoint:   "
            + settings.edgeUrl()
            + "   e.g. aws --endpoint-url "
            + settings.edgeUrl()
            + " ssm get-parameters-by-path --path /brownout/ --recursive\n"
            + "  local cloud:    "
            + settings.edgeUrl()
            + "/_brownout/health\n"
            + "  dashboards:     "
            + settings.edgeUrl()
            + "/_brownout/dashboards/\n"
            + "  break things:   ./brownout fault catalog-service down   (and up; also slow, error,"
            + " flaky; known: "
            + String.join(", ", faults.names())
            + ")\n"
            + "  stop:           Ctrl-C, or ./brownout down");
  }

  /** The AWS the edge stands in front of: a moto of our own, or the user's emulator. */
  private interface Aws {
    java.net.URI endpoint();

    Map<String, Object> health();

    /** What to say once the app is deployed. */
    String afterDeploy();
  }

  private Aws moto(String python, LocalState state) {
    console.info("starting moto (the local AWS)");
    Moto moto =
        Moto.start(
            python,
            freePort(),
            settings.edgePort(),
            settings.workDir().resolve("moto"),
            process -> state.started("moto", process));
    started.push(moto);
    return new Aws() {
      @Override
      public java.net.URI endpoint() {
        return moto.endpoint();
      }

      @Override
      public Map<String, Object> health() {
        return Map.of(
            "kind",
            "moto, started by the local cloud",
            "status",
            moto.isAlive() ? "running" : "stopped",
            "endpoint",
            moto.endpoint().toString(),
            "log",
            moto.log().toString());
      }

      @Override
      public String afterDeploy() {
        return "; moto skipped these resource types:\n"
            + SkippedResources.describe(moto.skippedResourceTypes())
            + "  and everywhere: IAM is not enforced; SnapStart is off (functions run"
            + " unqualified).";
      }
    };
  }

  private Aws external(java.net.URI endpoint) {
    console.info(
        "using the AWS emulator at "
            + endpoint
            + " (AWS_ENDPOINT_URL); no moto is started. The edge runs what moto lacks in server"
            + " mode (functions, schedules, queue pollers, the REST API); an emulator that runs them"
            + " itself would run them twice. Its Step Functions reach the edge's Lambda only when"
            + " it sends its workflows' calls to port "
            + settings.edgePort()
            + " (moto: MOTO_PORT="
            + settings.edgePort()
            + ").");
    return new Aws() {
      @Override
      public java.net.URI endpoint() {
        return endpoint;
      }

      @Override
      public Map<String, Object> health() {
        return Map.of(
            "kind", "the user's emulator (AWS_ENDPOINT_URL)", "endpoint", endpoint.toString());
      }

      @Override
      public String afterDeploy() {
        return " into the emulator at "
            + endpoint
            + " (the resource types it skipped are in its own log)";
      }
    };
  }

  /** The catalog deployed: {@code --catalog}, else cdk.json's {@code catalog} context value. */
  public static Path catalogFile(Path project, Optional<String> argument) {
    if (argument.isPresent()) {
      return project.resolve(argument.get()).toAbsolutePath().normalize();
    }
    try {
      var cdkJson =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(project.resolve("cdk.json").toFile());
      String catalog = cdkJson.path("context").path("catalog").asText("");
      if (catalog.isEmpty()) {
        throw new IllegalStateException(
            "cdk.json names no catalog (context.catalog): pass --catalog");
      }
      return project.resolve(catalog).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + project.resolve("cdk.json"), e);
    }
  }

  private static Optional<String> catalogArgument(List<String> args) {
    int i = args.indexOf("--catalog");
    return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
  }

  /** The functions jar that ./mvnw package built (the one the CDK app deploys). */
  static Path functionsJar(Path project) {
    Path target = project.resolve("functions").resolve("target");
    List<Path> jars = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(target, "brownout-functions-*-lambda.jar")) {
        found.forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (jars.size() != 1) {
      throw new IllegalStateException(
          "expected one functions jar in "
              + target
              + ", found "
              + jars.size()
              + ": run ./mvnw clean package (an older version's jar may be left there)");
    }
    return jars.get(0).toAbsolutePath();
  }

  /**
   * The functions' class-data sharing archives, in {@code target/cds} beside the runtime client's
   * jars: they survive {@code down} and {@code up} (the code directory does not), and go with
   * {@code mvn clean} together with the jars each archive was made against.
   */
  private Optional<SharedArchives> sharedArchives() {
    return settings.classDataSharing()
        ? Optional.of(new SharedArchives(runtimeDir().resolveSibling("cds")))
        : Optional.empty();
  }

  /** The runtime interface client's jars, beside this jar in target/lambda-runtime. */
  static Path runtimeDir() {
    try {
      Path jar =
          Path.of(LocalCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = jar.getParent().resolve("lambda-runtime");
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(dir + " is missing: run ./mvnw package");
      }
      return dir;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path javaExecutable() {
    return Path.of(ProcessHandle.current().info().command().orElse("java"));
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void clean(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
  }

  @Override
  public synchronized void close() {
    if (started.isEmpty()) {
      stopped.countDown();
      return;
    }
    console.info("stopping the local cloud");
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        console.error("while stopping: " + e);
      }
    }
    console.info("stopped");
    stopped.countDown();
  }
}
