package dev.brownout.core.policy;

import dev.brownout.core.Level;
import java.time.Instant;

/** The level in force and since when: the record a transition writes. */
public record LevelState(Level level, Instant since) {}
