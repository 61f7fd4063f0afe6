package dev.brownout.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The floor for cold starts: a handler that does nothing, deployed into the local cloud in a jar of
 * its own and run by the same runtime interface client as Brownout's functions.
 */
public final class MinimalHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> input, Context context) {
    return "ok";
  }
}
