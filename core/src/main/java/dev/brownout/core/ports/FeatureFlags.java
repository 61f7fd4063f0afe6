package dev.brownout.core.ports;

import dev.brownout.core.serving.FlagSnapshot;

/**
 * The flags and level in force. Implementations answer from memory and refresh in the background of
 * requests; when the source cannot be read they keep the last values they had.
 */
@FunctionalInterface
public interface FeatureFlags {
  FlagSnapshot current();
}
