package dev.brownout.local.schedules;

import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda in memory: records every asynchronous invocation accepted, refuses functions it does not
 * know, and fails those told to fail.
 */
final class FakeInvoker implements Invoker {
  /** One accepted asynchronous invocation. */
  record Invocation(String function, String payload) {}

  private final Set<String> functions = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> failuresLeft = new HashMap<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<String> attempts = new ArrayList<>();

  FakeInvoker deploy(String... names) {
    functions.addAll(List.of(names));
    return this;
  }

  /** The next {@code times} invocations of {@code function} throw {@code error}. */
  synchronized FakeInvoker failing(String function, int times, RuntimeException error) {
    failuresLeft.put(function, times);
    failures.put(function, error);
    return this;
  }

  synchronized List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  synchronized List<Invocation> invocationsOf(String function) {
    return invocations.stream().filter(i -> i.function().endsWith(":" + function)).toList();
  }

  /** Every call, accepted or not. */
  synchronized List<String> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public InvokeResult invoke(String function, byte[] payload) {
    throw new UnsupportedOperationException("schedules invoke asynchronously");
  }

  @Override
  public synchronized void invokeAsync(String function, byte[] payload) {
    attempts.add(function);
    String name = function.split(":")[6];
    if (failuresLeft.getOrDefault(name, 0) > 0) {
      failuresLeft.merge(name, -1, Integer::sum);
      throw failures.get(name);
    }
    if (!functions.contains(name)) {
      throw new FunctionNotFoundException(function);
    }
    invocations.add(new Invocation(function, new String(payload, StandardCharsets.UTF_8)));
  }
}
