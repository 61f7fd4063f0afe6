package dev.brownout.local.lambda;

/** Where the lines a function prints go (the console, the metrics extractor...). */
@FunctionalInterface
public interface FunctionOutput {
  void line(String function, String line);

  default FunctionOutput and(FunctionOutput other) {
    return (function, line) -> {
      line(function, line);
      other.line(function, line);
    };
  }
}
