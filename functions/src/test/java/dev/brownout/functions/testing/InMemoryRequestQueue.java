package dev.brownout.functions.testing;

import dev.brownout.core.api.RequestQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The replay queue in a list; {@link #refuse} makes it fail as an unreachable queue would. */
public final class InMemoryRequestQueue implements RequestQueue {
  private final List<QueuedRequest> queued = new CopyOnWriteArrayList<>();
  private volatile String refusal;

  @Override
  public void enqueue(QueuedRequest request) throws QueueFailure {
    if (refusal != null) {
      throw new QueueFailure(refusal, null);
    }
    queued.add(request);
  }

  public void refuse(String reason) {
    refusal = reason;
  }

  public List<QueuedRequest> queued() {
    return List.copyOf(queued);
  }
}
