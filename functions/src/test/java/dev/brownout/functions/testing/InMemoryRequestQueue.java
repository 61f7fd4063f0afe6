package dev.brownout.functions.testing;

import dev.brownout.core.ports.RequestQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The replay queue in a list; {@link #refuse} makes it fail as the real queue can. */
public final class InMemoryRequestQueue implements RequestQueue {
  private final List<QueuedRequest> queued = new CopyOnWriteArrayList<>();
  private volatile QueueFailure.Kind refusal;
  private volatile String reason;

  @Override
  public void enqueue(QueuedRequest request) throws QueueFailure {
    if (refusal != null) {
      throw new QueueFailure(refusal, reason, null);
    }
    queued.add(request);
  }

  public void refuse(QueueFailure.Kind kind, String reason) {
    this.reason = reason;
    this.refusal = kind;
  }

  public List<QueuedRequest> queued() {
    return List.copyOf(queued);
  }
}
