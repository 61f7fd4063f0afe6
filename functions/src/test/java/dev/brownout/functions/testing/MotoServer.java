package dev.brownout.functions.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One real {@code moto_server} for the whole test run, on a free loopback port, stopped when the
 * JVM exits. Tests reset its state rather than start another.
 */
public final class MotoServer {
  private static MotoServer instance;

  private final Process process;
  private final URI endpoint;
  private final LambdaEdge edge;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint, LambdaEdge edge) {
    this.process = process;
    this.endpoint = endpoint;
    this.edge = edge;
  }

  public static synchronized MotoServer get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance.process::destroy));
    }
    return instance;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every table, parameter, state machine... and every Lambda function of the edge. */
  public void reset() {
    post("/moto-api/reset", "");
    edge.clearFunctions();
  }

  /** Where moto's workflow engine sends Lambda invocations: register functions here. */
  public LambdaEdge edge() {
    return edge;
  }

  /** Turns moto's Step Functions interpreter on: executions really run their states. */
  public void executeStateMachines() {
    post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
  }

  private void post(String path, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve(path))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto_server at " + endpoint + " did not answer " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static MotoServer start() {
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path log = Path.of("target", "moto-server-" + port + ".log");
    Process process;
    LambdaEdge edge;
    try {
      Files.createDirectories(log.getParent());
      int edgePort = freePort();
      edge = new LambdaEdge(edgePort, endpoint);
      ProcessBuilder builder =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // moto's workflow engine sends every AWS call of a state machine to localhost:MOTO_PORT.
      builder.environment().put("MOTO_PORT", Integer.toString(edgePort));
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start moto_server (is moto installed with its server, `pip install 'moto[server]'`,"
              + " and on PATH?): "
              + e.getMessage(),
          e);
    }
    MotoServer server = new MotoServer(process, endpoint, edge);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited at start; see " + log.toAbsolutePath());
      }
      try {
        server.http.send(
            HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return server;
      } catch (IOException e) {
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroy();
    throw new IllegalStateException(
        "moto_server did not answer within 60s; see " + log.toAbsolutePath());
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "moto_server at " + endpoint + " (log in target" + File.separator + ")";
  }
}
