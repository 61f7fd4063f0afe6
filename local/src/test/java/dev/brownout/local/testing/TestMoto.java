package dev.brownout.local.testing;

import dev.brownout.local.aws.LocalAws;
import dev.brownout.local.aws.Moto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * One moto for the whole test JVM, started through the launcher as the local cloud starts it, on
 * free loopback ports, stopped when the JVM exits. The Python is {@code BROWNOUT_PYTHON} (which
 * {@code ./brownout} sets to the one that has moto), else {@code python3}.
 */
public final class TestMoto {
  private static Moto moto;
  private static int edgePort;
  private static LocalAws aws;

  private TestMoto() {}

  public static synchronized Moto get() {
    if (moto == null) {
      String python = System.getenv().getOrDefault("BROWNOUT_PYTHON", "python3");
      edgePort = freePort();
      moto = Moto.start(python, freePort(), edgePort, Path.of("target", "moto"));
      Runtime.getRuntime().addShutdownHook(new Thread(moto::close));
    }
    return moto;
  }

  public static URI endpoint() {
    return get().endpoint();
  }

  /** SDK clients of moto, built once for the test JVM and shared: never close them. */
  public static synchronized LocalAws aws() {
    if (aws == null) {
      aws = new LocalAws(endpoint(), "us-east-1");
    }
    return aws;
  }

  /**
   * The port moto's workflow engine sends its AWS calls to (its {@code MOTO_PORT}): a test that
   * runs state machines with Lambda tasks listens there.
   */
  public static int workflowCallPort() {
    get();
    return edgePort;
  }

  /** Forgets every resource moto holds. */
  public static void reset() {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("moto's reset answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
