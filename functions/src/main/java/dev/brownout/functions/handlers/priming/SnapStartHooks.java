package dev.brownout.functions.handlers.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * and must not stop a version from being published.
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
    try {
      prime.run();
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a runtime without the event serialisation library the priming reads with.
      LOG.warn("Priming failed; the snapshot is taken unprimed", e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to make fresh: see the class comment.
  }
}
