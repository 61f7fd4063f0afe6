package dev.brownout.local.metrics;

import dev.brownout.local.lambda.FunctionOutput;
import java.util.function.Consumer;

/**
 * Reads every line a function prints, as CloudWatch Logs does, and hands the data of its EMF
 * records to the writer; a record that breaks the EMF specification is reported (with what and
 * where) and nothing of it is published.
 */
public final class EmfExtractor implements FunctionOutput {
  private final CloudWatchMetricsWriter writer;
  private final Consumer<String> console;

  public EmfExtractor(CloudWatchMetricsWriter writer, Consumer<String> console) {
    this.writer = writer;
    this.console = console;
  }

  @Override
  public void line(String function, String line) {
    switch (EmfRecords.parse(line)) {
      case EmfRecords.Emf emf -> writer.offer(emf.data());
      case EmfRecords.InvalidEmf invalid ->
          console.accept(function + ": EMF record not published: " + invalid.reason());
      case EmfRecords.NotEmf ordinary -> {}
    }
  }
}
