package dev.brownout.functions.adapters.stepfunctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.core.ports.DegradationWorkflow;
import dev.brownout.core.text.Hashes;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the degradation workflow now. The execution is named after the cause, so a repeated
 * request (a redelivered event) starts it once; a failure to start is logged and left to the
 * scheduled evaluation, which runs every minute anyway.
 */
public final class StepFunctionsWorkflow implements DegradationWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsWorkflow.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NAME = 80;

  private final SfnClient stepFunctions;
  private final String stateMachineArn;

  public StepFunctionsWorkflow(SfnClient stepFunctions, String stateMachineArn) {
    this.stepFunctions = stepFunctions;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public void evaluateNow(String key, String reason) {
    String name = executionName(key);
    try {
      String input = JSON.writeValueAsString(Map.of("trigger", "health-flip", "reason", reason));
      stepFunctions.startExecution(s -> s.stateMachineArn(stateMachineArn).name(name).input(input));
      LOG.info("Started evaluation {}: {}", name, reason);
    } catch (ExecutionAlreadyExistsException e) {
      LOG.info("Evaluation {} was already started", name);
    } catch (SdkException | com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.warn(
          "Could not start evaluation {} ({}); the scheduled evaluation will pick the change up",
          name,
          e.getMessage());
    }
  }

  /** Execution names allow 80 of A-Z a-z 0-9 - _; a longer key keeps its start and a hash. */
  public static String executionName(String key) {
    String name = key.replaceAll("[^A-Za-z0-9_-]", "-");
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = Hashes.sha256(key).substring(0, 16);
    return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
  }
}
