package dev.brownout.local;

import java.io.PrintStream;

/**
 * The local cloud's console: its own lines, each function's output under the function's name, the
 * CDK CLI's output and the level-change notices, one whole line at a time.
 */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Console system() {
    return new Console(System.out, System.err);
  }

  /** Every line, errors too, to one stream (a log file). */
  public static Console to(PrintStream stream) {
    return new Console(stream, stream);
  }

  public void info(String text) {
    print(out, "brownout", text);
  }

  public void error(String text) {
    print(err, "brownout", text);
  }

  /** A line a function printed, under the function's name. */
  public void function(String function, String line) {
    print(out, function, line);
  }

  public void labelled(String label, String line) {
    print(out, label, line);
  }

  public void notice(String text) {
    print(out, "NOTICE", text);
  }

  private synchronized void print(PrintStream stream, String label, String text) {
    for (String line : text.split("\n", -1)) {
      stream.println(label + " | " + line);
    }
    stream.flush();
  }
}
