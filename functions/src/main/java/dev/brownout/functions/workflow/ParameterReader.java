package dev.brownout.functions.workflow;

import java.util.Map;

/** Reads every parameter under a path, as it is now. */
@FunctionalInterface
public interface ParameterReader {
  /**
   * @return values by name relative to {@code path}
   * @throws RuntimeException when the parameters cannot be read at all
   */
  Map<String, String> under(String path);
}
