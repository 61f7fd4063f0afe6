package dev.brownout.functions.testing;

import dev.brownout.core.ports.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory upstream: answers by the URL's path as the test scripted it (404 for anything else),
 * and keeps every call it was given.
 */
public final class FakeUpstream implements UpstreamClient {
  /** What the upstream does with a call. */
  @FunctionalInterface
  public interface Behaviour {
    Answer answer(Call call) throws UpstreamFailure;
  }

  private final Map<String, Behaviour> byPath = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public FakeUpstream on(String path, Behaviour behaviour) {
    byPath.put(path, behaviour);
    return this;
  }

  public FakeUpstream answers(String path, int status, String contentType, String body) {
    return on(path, call -> answer(status, Map.of("content-type", contentType), body));
  }

  public FakeUpstream fails(String path, String reason) {
    return on(
        path,
        call -> {
          throw new UpstreamFailure(reason);
        });
  }

  public static Answer answer(int status, Map<String, String> headers, String body) {
    return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public long callsTo(String path) {
    return calls.stream().filter(c -> c.url().getPath().equals(path)).count();
  }

  @Override
  public Answer call(Call call) throws UpstreamFailure {
    calls.add(call);
    Behaviour behaviour = byPath.get(call.url().getPath());
    return behaviour == null ? answer(404, Map.of(), "") : behaviour.answer(call);
  }
}
