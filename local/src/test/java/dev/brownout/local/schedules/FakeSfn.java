package dev.brownout.local.schedules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** Step Functions in memory: starts executions of the state machines it knows. */
final class FakeSfn implements SfnClient {
  private final List<String> machines = new ArrayList<>();
  private final List<StartExecutionRequest> started = new ArrayList<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();

  FakeSfn deploy(String stateMachineArn) {
    machines.add(stateMachineArn);
    return this;
  }

  /** Every later start of {@code stateMachineArn} throws {@code error} (null: none does). */
  void failing(String stateMachineArn, RuntimeException error) {
    failures.put(stateMachineArn, error);
  }

  List<StartExecutionRequest> started() {
    return List.copyOf(started);
  }

  @Override
  public StartExecutionResponse startExecution(StartExecutionRequest request) {
    if (failures.get(request.stateMachineArn()) != null) {
      throw failures.get(request.stateMachineArn());
    }
    if (!machines.contains(request.stateMachineArn())) {
      throw StateMachineDoesNotExistException.builder()
          .message("State Machine Does Not Exist: '" + request.stateMachineArn() + "'")
          .build();
    }
    started.add(request);
    return StartExecutionResponse.builder()
        .executionArn(
            request.stateMachineArn().replace(":stateMachine:", ":execution:")
                + ":"
                + request.name())
        .build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
