package dev.brownout.functions.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Everything printed to standard output while it is open (and still printed): logs and EMF. */
public final class StdoutCapture implements AutoCloseable {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public StdoutCapture() {
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
              }

              @Override
              public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  public synchronized List<String> lines() {
    return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
  }

  @Override
  public void close() {
    System.out.flush();
    System.setOut(original);
  }
}
