package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.brownout.functions.testing.LambdaContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SnapStart hooks of every function, with every AWS endpoint and every upstream of the
 * function's settings and catalog pointed at one loopback socket that records each connection: the
 * priming runs the request path and connects nowhere.
 */
class SnapStartPrimingIT {
  @TempDir Path dir;
  private Recorder recorder;

  @BeforeEach
  void listen() throws IOException {
    recorder = new Recorder();
  }

  @AfterEach
  void close() throws IOException {
    recorder.close();
  }

  private PrimedHandlers handlers() {
    return new PrimedHandlers(dir, recorder.url());
  }

  @Test
  void theApiHooksRunEveryRouteUpAndDownAndBothStatusEndpointsWithoutConnectingAnywhere()
      throws Exception {
    ApiHandler handler = handlers().api();

    handler.snapStartHooks().beforeCheckpoint(null);
    handler.snapStartHooks().afterRestore(null);
    ApiHandler.Primed primed = handler.prime();

    assertThat(recorder.connections()).isEmpty();
    // 5 routes with the upstream up, 5 with it down, the status report and the page.
    assertThat(primed.statuses()).hasSize(12);
    assertThat(primed.statuses().subList(0, 5)).containsOnly(200);
    assertThat(primed.upstreamCalls()).isGreaterThanOrEqualTo(10);
    // Down: the static and degraded steps answer 200; the queued write ran its whole path to the
    // SDK's MD5 check of SQS's answer (the stand-in computes none), so it answers 503, as readOnly
    // does.
    assertThat(primed.statuses().subList(5, 10)).containsExactly(200, 200, 503, 503, 503);
    assertThat(primed.statuses().subList(10, 12)).containsOnly(200);
    assertThat(primed.awsOperations())
        .contains(
            "AmazonSSM.GetParametersByPath",
            "DynamoDB_20120810.PutItem",
            "DynamoDB_20120810.GetItem",
            "DynamoDB_20120810.Query",
            "TrentService.GenerateDataKey",
            "AmazonSQS.SendMessage");
  }

  @Test
  void afterTheApiHooksTheFirstRequestReadsTheFlagsAndCallsTheUpstreamItself() throws Exception {
    ApiHandler handler = handlers().api();
    handler.snapStartHooks().beforeCheckpoint(null);
    handler.snapStartHooks().afterRestore(null);

    handler.handleRequest(
        EventLoader.loadApiGatewayRestEvent("../events/api/get-product.json"),
        LambdaContext.of("api"));

    // The priming's flags, tally and cache were its own: the handler's first request asks SSM
    // and DynamoDB itself (here the recorder, which answers nothing).
    assertThat(String.join("\n", recorder.connections()))
        .contains("AmazonSSM.GetParametersByPath")
        .contains("GET /products/42");
  }

  @Test
  void theHealthCheckHooksCheckAndRecordEveryDependencyWithoutConnectingAnywhere()
      throws Exception {
    HealthCheckHandler handler = handlers().healthCheck();

    handler.snapStartHooks().beforeCheckpoint(null);
    handler.snapStartHooks().afterRestore(null);
    List<String> operations = handler.prime();

    assertThat(recorder.connections()).isEmpty();
    assertThat(operations)
        .contains("DynamoDB_20120810.GetItem", "DynamoDB_20120810.TransactWriteItems");
  }

  @Test
  void theEvaluatorHooksEvaluateFromTheStandInsWithoutConnectingAnywhere() throws Exception {
    EvaluatorHandler handler = handlers().evaluator();

    handler.snapStartHooks().beforeCheckpoint(null);
    handler.snapStartHooks().afterRestore(null);
    List<String> operations = handler.prime();

    assertThat(recorder.connections()).isEmpty();
    assertThat(operations).contains("AmazonSSM.GetParametersByPath");
    assertThat(operations).anyMatch(o -> o.startsWith("DynamoDB_20120810."));
  }

  @Test
  void theReplayHooksDeliverASealedWriteOfTheQueueRouteWithoutConnectingAnywhere()
      throws Exception {
    ReplayHandler handler = handlers().replay();

    handler.snapStartHooks().beforeCheckpoint(null);
    handler.snapStartHooks().afterRestore(null);
    List<String> operations = handler.prime();

    assertThat(recorder.connections()).isEmpty();
    // Sealed (a data key generated), the statuses read, the credential opened (the data key
    // decrypted), the write leased in the ledger, delivered and settled there.
    assertThat(operations)
        .containsSubsequence(
            "TrentService.GenerateDataKey",
            "DynamoDB_20120810.Query",
            "TrentService.Decrypt",
            "DynamoDB_20120810.UpdateItem",
            "DynamoDB_20120810.UpdateItem");
  }

  /** Accepts every connection on loopback and keeps the first bytes each one sent. */
  static final class Recorder implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> connections = new ArrayList<>();
    private final Thread accepting = Thread.ofVirtual().start(this::accept);

    Recorder() throws IOException {}

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          connection.setSoTimeout(500);
          byte[] head = new byte[4096];
          int read = 0;
          InputStream in = connection.getInputStream();
          try {
            int n;
            while (read < head.length && (n = in.read(head, read, head.length - read)) > 0) {
              read += n;
              if (new String(head, 0, read, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                break;
              }
            }
          } catch (IOException timedOut) {
            // keep what came
          }
          synchronized (connections) {
            connections.add(new String(head, 0, read, StandardCharsets.ISO_8859_1));
          }
        } catch (IOException closed) {
          return;
        }
      }
    }

    List<String> connections() {
      synchronized (connections) {
        return List.copyOf(connections);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
