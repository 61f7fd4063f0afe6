package dev.brownout.core;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * How core's properties run: QuickTheories with {@value #EXAMPLES} examples unless {@code
 * QT_EXAMPLES} says otherwise, a fresh seed per run unless {@code QT_SEED} pins one, failures
 * shrunk to the smallest example found, and a failure that ends with the command that reruns the
 * same examples.
 */
public final class Theories {

  /**
   * QuickTheories counts an example it skips because it has already run it (the boundaries it
   * starts with can coincide), so it is asked for more than the 1,000 distinct examples each
   * property must run, as many as each ran before the move to QuickTheories.
   */
  public static final int EXAMPLES = 1_100;

  private Theories() {}

  /** The theory for the calling test method, which its rerun command names. */
  public static QuickTheory qt() {
    StackWalker.StackFrame test =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.skip(1).findFirst())
            .orElseThrow();
    return QuickTheory.qt()
        .withExamples(Integer.getInteger(Configuration.EXAMPLES, EXAMPLES))
        .withReporter(
            new RerunReporter(
                test.getDeclaringClass().getSimpleName() + "#" + test.getMethodName()));
  }

  /** QuickTheories' own report (smallest example, others, the seed) and how to run it again. */
  private record RerunReporter(String test) implements Reporter {
    private static final ExceptionReporter QUICKTHEORIES = new ExceptionReporter();

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        QUICKTHEORIES.falisification(seed, examplesUsed, smallest, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        Throwable cause,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        QUICKTHEORIES.falisification(seed, examplesUsed, smallest, cause, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      QUICKTHEORIES.valuesExhausted(completedExamples);
    }

    private AssertionError withRerun(AssertionError report, long seed) {
      return new AssertionError(
          report.getMessage()
              + "%nRerun these examples: ./mvnw -B -pl core test -Dtest='%s' -DQT_SEED=%d"
                  .formatted(test, seed),
          report.getCause());
    }
  }
}
