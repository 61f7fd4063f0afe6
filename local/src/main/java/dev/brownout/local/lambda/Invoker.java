package dev.brownout.local.lambda;

/**
 * Runs deployed Lambda functions as Lambda's {@code Invoke} does. The edge implements it with the
 * functions' own deployment packages; schedules, queue pollers and the API front call through it.
 */
public interface Invoker {

  /**
   * Runs {@code function} once and waits for its answer ({@code RequestResponse}).
   *
   * @param function the function's name or ARN (qualified ARNs name the unqualified function)
   * @return the function's answer, or its error as Lambda reports it; never throws for the
   *     function's own failures (init errors, handler errors, timeouts)
   * @throws FunctionNotFoundException if no such function is deployed
   */
  InvokeResult invoke(String function, byte[] payload);

  /**
   * Queues one asynchronous invocation ({@code Event}) and returns at once; a failed run is retried
   * as Lambda retries asynchronous invocations (the function's event-invoke configuration), then
   * recorded at its on-failure destination if it has one.
   *
   * @throws FunctionNotFoundException if no such function is deployed
   */
  void invokeAsync(String function, byte[] payload);
}
