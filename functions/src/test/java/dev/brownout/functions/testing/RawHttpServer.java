package dev.brownout.functions.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server that answers each connection with exactly the bytes a test writes, for answers
 * WireMock will not give (endless bodies, lying Content-Length, hop-by-hop headers). It counts the
 * bytes the client let it write and tells when an answer ended (written, or the client went away).
 */
public final class RawHttpServer implements AutoCloseable {
  /** Writes one answer; {@code in} is the rest of the connection after the request head. */
  @FunctionalInterface
  public interface Answer {
    void write(InputStream in, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Answer answer;
  private final AtomicLong written = new AtomicLong();
  private final CountDownLatch ended = new CountDownLatch(1);

  public RawHttpServer(Answer answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    Thread.ofVirtual().start(this::serve);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  /** Bytes the server managed to hand to the connection (some may sit in socket buffers). */
  public long bytesWritten() {
    return written.get();
  }

  /** Whether an answer ended, by being written whole or by the client going away, in time. */
  public boolean answerEndedWithin(Duration wait) throws InterruptedException {
    return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The head of an answer: status line and headers, then the blank line. */
  public static byte[] head(String statusLine, String... headers) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        skipRequestHead(in);
        try {
          answer.write(in, new Counting(connection.getOutputStream()));
        } finally {
          ended.countDown();
        }
      } catch (IOException e) {
        // The client went away or the server was closed: the next connection, if any.
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void skipRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before its request ended");
      }
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private final class Counting extends FilterOutputStream {
    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written.addAndGet(len);
    }
  }
}
