package dev.brownout.functions.handlers.priming;

import dev.brownout.functions.logging.LogLevels;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A function's SnapStart runtime hooks (CRaC): {@code beforeCheckpoint} runs while Lambda publishes
 * a version, just before it snapshots the initialised environment, and primes the function's
 * request path; {@code afterRestore} runs in every environment resumed from that snapshot, before
 * its first request. Where there is no checkpoint (the local cloud, a JVM without CRaC) neither
 * ever runs.
 *
 * <p>The priming only ever uses instances of its own (stand-ins, throwaway clients), so the
 * handler's state in the snapshot is what its init left, and nothing unique was drawn, read or
 * connected before the snapshot: {@code afterRestore} has nothing to make fresh. Each handler says
 * why for its own state.
 *
 * <p>A priming that fails is logged and the snapshot is taken unprimed: priming only saves time,
 * and must not stop a version from being published. An {@link Error} is not caught: a class whose
 * static initialiser failed would be unusable in every environment restored from the snapshot, so
 * the version must not be published. Where the runtime lacks the event serialisation library the
 * priming reads its sample events with, nothing is primed.
 *
 * <p>The loggers' levels are put back afterwards (Powertools' log sampling may have set DEBUG while
 * priming), and lines logged outside a priming request still carry its request id.
 *
 * <p>CRaC's global context keeps only a weak reference to what is registered: the handler must hold
 * the hooks {@link #priming} returns for as long as it lives.
 */
public final class SnapStartHooks implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

  private final Runnable prime;

  private SnapStartHooks(Runnable prime) {
    this.prime = prime;
  }

  public static SnapStartHooks priming(Runnable prime) {
    SnapStartHooks hooks = new SnapStartHooks(prime);
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    LogLevels levels = LogLevels.remember();
    PrimingContext.label();
    try {
      if (!RuntimeJson.available()) {
        LOG.warn(
            "Not priming: the runtime has no event serialisation library"
                + " (aws-lambda-java-serialization); the snapshot is taken unprimed");
        return;
      }
      prime.run();
    } catch (RuntimeException e) {
      LOG.warn("Priming failed; the snapshot is taken unprimed", e);
    } finally {
      levels.restore();
      MDC.clear();
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to make fresh: see the class comment.
  }
}
