package dev.brownout.functions.handlers.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart runtime hooks (CRaC): {@code beforeCheckpoint} runs while Lambda publishes
 * a version, just before it snapshots the initialised environment; {@code afterRestore} runs in
 * every environment resumed from that snapshot, before its first request. Where there is no
 * checkpoint (the local cloud, a JVM without CRaC) neither ever runs.
 *
 * <p>CRaC's global context keeps only a weak reference to what is registered: the handler must hold
 * the hooks {@link #register} returns for as long as it lives.
 */
public final class SnapStartHooks implements Resource {
  private final Runnable beforeCheckpoint;
  private final Runnable afterRestore;

  private SnapStartHooks(Runnable beforeCheckpoint, Runnable afterRestore) {
    this.beforeCheckpoint = beforeCheckpoint;
    this.afterRestore = afterRestore;
  }

  public static SnapStartHooks register(Runnable beforeCheckpoint, Runnable afterRestore) {
    SnapStartHooks hooks = new SnapStartHooks(beforeCheckpoint, afterRestore);
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    beforeCheckpoint.run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    afterRestore.run();
  }
}
