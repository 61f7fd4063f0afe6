package dev.brownout.functions.adapters.ssm;

import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.ports.FeatureFlags;
import dev.brownout.core.serving.FlagSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The app's flags and level from SSM Parameter Store: every parameter under {@code
 * /brownout/<app>/} in one {@code GetParametersByPath} read (Powertools' {@code getMultiple}), kept
 * in memory for the TTL plus up to a fifth of it at random, so warm environments do not all refresh
 * in the same second.
 *
 * <p>Static stability: when a refresh fails the last values read stay in force (Powertools alone
 * would throw once its cache expired), and before anything was ever read the catalog's defaults
 * apply. A failed refresh is retried after {@link #RETRY_AFTER_FAILURE}, doubling with each failure
 * up to the TTL: never on every request, and gently on an SSM that is struggling.
 */
public final class SsmFeatureFlags implements FeatureFlags {
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(SsmFeatureFlags.class);

  private final Catalog catalog;
  private final SsmClient ssm;
  private final Duration ttl;
  private final Clock clock;
  private final RandomGenerator random;
  private volatile FlagSnapshot snapshot;
  private volatile Instant nextRefresh = Instant.MIN;
  private int failures;

  public SsmFeatureFlags(
      Catalog catalog, SsmClient ssm, Duration ttl, Clock clock, RandomGenerator random) {
    this.catalog = catalog;
    this.ssm = ssm;
    this.ttl = ttl;
    this.clock = clock;
    this.random = random;
    this.snapshot = FlagSnapshot.defaults(catalog);
  }

  @Override
  public FlagSnapshot current() {
    if (!clock.instant().isBefore(nextRefresh)) {
      refresh();
    }
    return snapshot;
  }

  private synchronized void refresh() {
    Instant now = clock.instant();
    if (now.isBefore(nextRefresh)) {
      return; // another request refreshed meanwhile
    }
    try {
      Map<String, String> values = SsmParameters.under(ssm, Parameters.prefix(catalog));
      FlagSnapshot read = FlagSnapshot.fromParameters(catalog, values, now);
      read.problems().forEach(problem -> LOG.warn("Flag parameter ignored: {}", problem));
      snapshot = read;
      nextRefresh = now.plus(ttl).plusMillis(random.nextLong(ttl.toMillis() / 5 + 1));
      if (failures > 0) {
        LOG.info("SSM answers again; flags refreshed");
        failures = 0;
      }
    } catch (RuntimeException e) {
      Duration backOff = RETRY_AFTER_FAILURE.multipliedBy(1L << Math.min(failures, 10));
      nextRefresh = now.plus(backOff.compareTo(ttl) < 0 ? backOff : ttl);
      if (failures++ == 0) {
        LOG.warn(
            "Cannot read flags from SSM ({}); keeping the values read at {}",
            e.getMessage(),
            snapshot.readAt().map(Instant::toString).orElse("no time: the catalog defaults"));
      }
    }
  }
}
