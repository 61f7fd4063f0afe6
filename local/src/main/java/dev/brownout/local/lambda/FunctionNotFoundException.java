package dev.brownout.local.lambda;

/** No function of that name is deployed: Lambda's {@code ResourceNotFoundException}. */
public final class FunctionNotFoundException extends RuntimeException {
  public FunctionNotFoundException(String function) {
    super("Function not found: " + function);
  }
}
