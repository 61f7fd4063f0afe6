package dev.brownout.functions.handlers.priming;

import dev.brownout.core.ports.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every upstream at once, in process: while up it answers each call 200 with a small JSON body,
 * while down it fails each call as an unreachable upstream would, so the fallback chain runs. It
 * never connects anywhere, and counts the calls it was asked.
 */
public final class StandInUpstream implements UpstreamClient {
  private static final byte[] BODY = "{\"primed\":true}".getBytes(StandardCharsets.UTF_8);

  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean up = true;

  @Override
  public Answer call(Call call) throws UpstreamFailure {
    calls.incrementAndGet();
    if (!up) {
      throw new UpstreamFailure("the priming stand-in of every upstream is down");
    }
    return new Answer(200, Map.of("content-type", "application/json"), BODY);
  }

  public void down() {
    up = false;
  }

  public int calls() {
    return calls.get();
  }
}
