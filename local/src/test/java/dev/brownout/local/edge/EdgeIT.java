package dev.brownout.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import dev.brownout.local.testing.TestMoto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The edge in front of a real moto, with an in-memory Lambda behind it. */
class EdgeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> asyncCalls = new CopyOnWriteArrayList<>();
  private final List<String> console = new CopyOnWriteArrayList<>();
  private Edge edge;
  private URI endpoint;

  private final Invoker invoker =
      new Invoker() {
        @Override
        public InvokeResult invoke(String function, byte[] payload) {
          return switch (FunctionNameOf.name(function)) {
            case "echo" -> InvokeResult.success(payload);
            case "broken" ->
                InvokeResult.unhandled(
                    "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"no\"}"
                        .getBytes(StandardCharsets.UTF_8));
            default -> throw new FunctionNotFoundException(function);
          };
        }

        @Override
        public void invokeAsync(String function, byte[] payload) {
          invoke(function, payload);
          asyncCalls.add(new String(payload, StandardCharsets.UTF_8));
        }
      };

  /** The fake's function names, as Lambda reads them from names and ARNs. */
  private static final class FunctionNameOf {
    static String name(String function) {
      return dev.brownout.local.lambda.FunctionConfig.nameOf(function);
    }
  }

  @BeforeEach
  void start() {
    TestMoto.reset();
    edge =
        Edge.start(
            TestMoto.freePort(),
            TestMoto.endpoint(),
            invoker,
            name -> invoker.invoke(name, new byte[0]),
            console::add);
    endpoint = URI.create("http://localhost:" + edge.port());
  }

  @AfterEach
  void stop() {
    edge.close();
  }

  private LambdaClient lambda() {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void invokeAnswersTheFunctionsPayloadToTheSdk() {
    try (LambdaClient lambda = lambda()) {
      var response =
          lambda.invoke(
              r ->
                  r.functionName("arn:aws:lambda:us-east-1:123456789012:function:echo")
                      .payload(SdkBytes.fromUtf8String("{\"order\":1}")));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.functionError()).isNull();
      assertThat(response.payload().asUtf8String()).isEqualTo("{\"order\":1}");
      assertThat(response.executedVersion()).isEqualTo("$LATEST");
    }
  }

  @Test
  void aHandlerErrorIsA200WithTheFunctionErrorHeaderAsInLambda() {
    try (LambdaClient lambda = lambda()) {
      var response = lambda.invoke(r -> r.functionName("broken"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.functionError()).isEqualTo("Unhandled");
      assertThat(response.payload().asUtf8String()).contains("IllegalStateException");
    }
  }

  @Test
  void anEventInvocationIsAcceptedWith202AndADryRunWith204() {
    try (LambdaClient lambda = lambda()) {
      var event =
          lambda.invoke(
              r ->
                  r.functionName("echo")
                      .invocationType(InvocationType.EVENT)
                      .payload(SdkBytes.fromUtf8String("{\"n\":2}")));
      var dryRun =
          lambda.invoke(r -> r.functionName("echo").invocationType(InvocationType.DRY_RUN));

      assertThat(event.statusCode()).isEqualTo(202);
      assertThat(asyncCalls).containsExactly("{\"n\":2}");
      assertThat(dryRun.statusCode()).isEqualTo(204);
    }
  }

  @Test
  void anUnknownFunctionIsLambdasResourceNotFoundException() {
    try (LambdaClient lambda = lambda()) {
      assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("nope")))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageContaining("Function not found: nope");
      assertThatThrownBy(
              () ->
                  lambda.invoke(r -> r.functionName("nope").invocationType(InvocationType.DRY_RUN)))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void aPayloadOverLambdasLimitIsRefusedBeforeAnyFunctionRuns() throws Exception {
    byte[] tooLarge = new byte[LambdaInvokeApi.MAX_SYNC_PAYLOAD + 1];
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/echo/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .contains("RequestTooLargeException");
  }

  @Test
  void everythingElseReachesMotoWithTheClientsHostSoItsUrlsNameTheEdge() {
    try (SqsClient sqs =
            SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        S3Client s3 =
            S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      String queueUrl = sqs.createQueue(r -> r.queueName("through-the-edge")).queueUrl();
      s3.createBucket(r -> r.bucket("assets"));
      s3.putObject(r -> r.bucket("assets").key("a.zip"), RequestBody.fromString("12345"));

      assertThat(queueUrl).startsWith("http://localhost:" + edge.port() + "/");
      assertThat(s3.headObject(r -> r.bucket("assets").key("a.zip")).contentLength()).isEqualTo(5);
      assertThat(s3.getObjectAsBytes(r -> r.bucket("assets").key("a.zip")).asUtf8String())
          .isEqualTo("12345");
    }
  }

  @Test
  void aForeignHostOrOriginIsRefusedSoNoWebPageCanDriveTheLocalCloud() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> foreignOrigin =
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/echo/invocations"))
                .header("Origin", "https://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String rebound = raw("GET /_brownout/health HTTP/1.1\r\nHost: attacker.example\r\n\r\n");

    assertThat(foreignOrigin.statusCode()).isEqualTo(403);
    assertThat(rebound).startsWith("HTTP/1.1 403");
  }

  @Test
  void theEdgeIsNoProxyToAnotherHost() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var other =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestURI().toString());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    other.start();
    try {
      int port = other.getAddress().getPort();
      String absolute =
          raw("GET http://127.0.0.1:" + port + "/secret HTTP/1.1\r\nHost: localhost\r\n\r\n");
      raw("GET //127.0.0.1:" + port + "/secret HTTP/1.1\r\nHost: localhost\r\n\r\n");

      assertThat(absolute).startsWith("HTTP/1.1 400");
      assertThat(seen).isEmpty();
    } finally {
      other.stop(0);
    }
  }

  /** Sends a request as written and answers the start of the response. */
  private String raw(String request) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", edge.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[64];
      int n = socket.getInputStream().read(answer);
      return n <= 0 ? "" : new String(answer, 0, n, StandardCharsets.US_ASCII);
    }
  }

  @Test
  void theHealthPageShowsEverySectionAndSaysWhichOneFailed() throws Exception {
    edge.health("functions", () -> List.of(Map.of("name", "api", "invocations", 3)));
    edge.health(
        "schedules",
        () -> {
          throw new IllegalStateException("EventBridge did not answer");
        });

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/_brownout/health")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    var health = JSON.readTree(response.body());
    assertThat(health.path("functions").get(0).path("invocations").asInt()).isEqualTo(3);
    assertThat(health.path("schedules").path("error").asText())
        .isEqualTo("EventBridge did not answer");
  }
}
