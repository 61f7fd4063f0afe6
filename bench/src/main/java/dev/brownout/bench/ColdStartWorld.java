package dev.brownout.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.contract.FunctionEnvironment;
import dev.brownout.core.contract.Handlers;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What the functions' cold starts run against, without the local cloud: a moto_server on a free
 * port with the stack's tables, queues, key, flag parameters and state machine, and one loopback
 * stub standing for every upstream of the example catalog (its {@code localhost:808x} addresses are
 * the local cloud's fixed ports, so the catalog and the replay event are rewritten to the stub's).
 * Each function gets a task root laid out as the deployment package ({@code lib/} with the jar,
 * {@code brownout.yaml} beside it).
 */
final class ColdStartWorld implements AutoCloseable {
  private static final Pattern LOCAL_UPSTREAM = Pattern.compile("localhost:808[0-9]");

  /** As {@code FunctionPackage} sets it for every function. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /** A jar run by the runtime interface client with its sample event. */
  record Subject(
      String name,
      String handler,
      int memoryMb,
      Map<String, String> environment,
      Path taskRoot,
      byte[] event) {}

  final MotoServer moto = MotoServer.get();
  private final HttpServer upstream;
  private final Path root;
  private final Path work;
  private final String upstreamAddress;

  ColdStartWorld(Path root, Path work) throws IOException {
    this.root = root;
    this.work = work;
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    upstream.createContext("/", ColdStartWorld::answer);
    upstream.start();
    upstreamAddress = "127.0.0.1:" + upstream.getAddress().getPort();
  }

  /** The stub upstream: healthy, and a product for any other path. */
  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String body =
        exchange.getRequestURI().getPath().endsWith("/health")
            ? "{\"status\":\"UP\"}"
            : "{\"id\":\"42\",\"name\":\"Lamp\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The four functions and the minimal handler, with the stack's resources created in moto. */
  List<Subject> subjects() throws IOException {
    moto.reset();
    var endpoint = Optional.of(moto.endpoint());
    String catalogYaml = local(Files.readString(root.resolve("brownout.yaml")));
    Catalog catalog = CatalogLoader.parse("brownout.yaml", catalogYaml);
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(endpoint);
    StatusTable.create(dynamoDb, "cold-status");
    for (String hashOnly : List.of("cold-cache", "shop-products")) {
      dynamoDb.createTable(
          t ->
              t.tableName(hashOnly)
                  .billingMode("PAY_PER_REQUEST")
                  .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                  .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
    }
    SqsClient sqs = AwsClients.sqs(endpoint);
    String queueUrl = sqs.createQueue(q -> q.queueName("cold-replay")).queueUrl();
    String deadLetters = sqs.createQueue(q -> q.queueName("cold-replay-dlq")).queueUrl();
    String key = AwsClients.kms(endpoint).createKey(k -> {}).keyMetadata().arn();
    // not AwsClients.ssm: its 2 s limit is for a request's path, moto's first SSM call can take
    // more
    SsmClient ssm =
        SsmClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(moto.endpoint())
            .build();
    catalog
        .features()
        .forEach(
            f ->
                ssm.putParameter(
                    p ->
                        p.name(Parameters.flag(catalog, f.name()))
                            .type("String")
                            .value(f.defaultOn() ? Parameters.ON : Parameters.OFF)));
    ssm.putParameter(p -> p.name(Parameters.level(catalog)).type("String").value("FULL"));
    ssm.putParameter(p -> p.name(Parameters.override(catalog)).type("String").value("{}"));
    SfnClient sfn = AwsClients.stepFunctions(endpoint);
    String workflow =
        sfn.createStateMachine(
                s ->
                    s.name("cold-degradation")
                        .roleArn("arn:aws:iam::123456789012:role/cold")
                        .definition(
                            "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}"))
            .stateMachineArn();

    Path functionsJar = functionsJar();
    Path functionsRoot = taskRoot("functions", functionsJar, catalogYaml);
    Path minimalRoot = taskRoot("minimal", minimalJar(), null);
    byte[] apiEvent = event("api/get-product.json");
    return List.of(
        new Subject(
            "minimal handler",
            MinimalHandler.class.getName() + "::handleRequest",
            512,
            Map.of("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS),
            minimalRoot,
            apiEvent),
        new Subject(
            "API",
            Handlers.API,
            1024,
            function(
                "Api",
                Map.of(
                    FunctionEnvironment.STATUS_TABLE,
                    "cold-status",
                    FunctionEnvironment.CACHE_TABLE,
                    "cold-cache",
                    FunctionEnvironment.QUEUE_URL,
                    queueUrl,
                    FunctionEnvironment.CREDENTIALS_KEY,
                    key)),
            functionsRoot,
            apiEvent),
        new Subject(
            "health check",
            Handlers.HEALTH_CHECK,
            512,
            function(
                "HealthCheck",
                Map.of(
                    FunctionEnvironment.STATUS_TABLE, "cold-status",
                    FunctionEnvironment.WORKFLOW_ARN, workflow,
                    // one round of checks instead of the 55 s window, as LocalCloudFigures runs it
                    FunctionEnvironment.CHECK_WINDOW, "1s")),
            functionsRoot,
            event("health-check/scheduled-event.json")),
        new Subject(
            "evaluator",
            Handlers.EVALUATOR,
            512,
            function("Evaluator", Map.of(FunctionEnvironment.STATUS_TABLE, "cold-status")),
            functionsRoot,
            event("evaluator/scheduled-input.json")),
        new Subject(
            "replay",
            Handlers.REPLAY,
            512,
            function(
                "Replay",
                Map.of(
                    FunctionEnvironment.STATUS_TABLE,
                    "cold-status",
                    FunctionEnvironment.DEAD_LETTER_QUEUE_URL,
                    deadLetters,
                    FunctionEnvironment.CREDENTIALS_KEY,
                    key,
                    FunctionEnvironment.REPLAY_MAX_RECEIVES,
                    "3")),
            functionsRoot,
            event("replay/sqs-event.json")));
  }

  /** A function's environment as {@code FunctionPackage} completes it. */
  private static Map<String, String> function(String id, Map<String, String> own) {
    Map<String, String> env = new LinkedHashMap<>(own);
    env.put(FunctionEnvironment.CATALOG, "brownout.yaml");
    env.put("POWERTOOLS_SERVICE_NAME", id);
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    return env;
  }

  private String local(String text) {
    return LOCAL_UPSTREAM.matcher(text).replaceAll(upstreamAddress);
  }

  private byte[] event(String name) throws IOException {
    return local(Files.readString(root.resolve("events").resolve(name)))
        .getBytes(StandardCharsets.UTF_8);
  }

  Path functionsJar() throws IOException {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(root.resolve("functions/target"), "*-lambda.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new IllegalStateException(
        "no functions/target/*-lambda.jar: build it first (./mvnw -B -Pbench -pl"
            + " core,functions,infra,local,bench -am package -DskipTests)");
  }

  /** The local cloud's copy of Lambda's Java runtime: the client and the jars it needs. */
  Path runtimeDir() {
    Path dir = root.resolve("local/target/lambda-runtime");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " does not exist: package the local module first");
    }
    return dir;
  }

  private Path taskRoot(String name, Path jar, String catalogYaml) throws IOException {
    Path dir = work.resolve(name);
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(
        jar,
        dir.resolve("lib").resolve(name + ".jar"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (catalogYaml != null) {
      Files.writeString(dir.resolve("brownout.yaml"), catalogYaml);
    }
    return dir;
  }

  /** The minimal handler's class alone in a jar, from the bench's own classes. */
  private Path minimalJar() throws IOException {
    String entry = MinimalHandler.class.getName().replace('.', '/') + ".class";
    Path jar = work.resolve("minimal-handler.jar");
    try (var in = MinimalHandler.class.getClassLoader().getResourceAsStream(entry);
        var out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (in == null) {
        throw new IllegalStateException(entry + " is not on the class path");
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  @Override
  public void close() {
    upstream.stop(0);
  }
}
