package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

class ExecutionMetricsTest {
  private static final String MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:Brownout-shop-Workflow";
  private static final Instant STARTED = Instant.parse("2026-11-27T09:00:00Z");

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Executions sfn = new Executions();

  @Test
  void eachStoppedExecutionIsPublishedOnceByItsStatusWithItsTimeAtItsStop() {
    sfn.executions.add(execution("a", "FAILED", 1500));
    sfn.executions.add(execution("b", "RUNNING", 0));

    String sent =
        publishedBy(
            metrics -> {
              metrics.poll();
              sfn.executions.add(execution("c", "SUCCEEDED", 200));
              metrics.poll();
            });

    assertThat(sent)
        .contains("Namespace=AWS/States")
        .contains(
            "MetricName=ExecutionsFailed&MetricData.member.1.Dimensions.member.1.Name=StateMachineArn"
                + "&MetricData.member.1.Dimensions.member.1.Value="
                + MACHINE
                + "&MetricData.member.1.Value=1.0&MetricData.member.1.Unit=Count"
                + "&MetricData.member.1.Timestamp=2026-11-27T09:00:01.500Z")
        .contains("MetricName=ExecutionsSucceeded")
        .contains("Value=1500.0&MetricData.member.2.Unit=Milliseconds")
        .contains("Value=200.0");
    assertThat(sent.split("MetricName=", -1)).as("four data points, each once").hasSize(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void aFailingStepFunctionsIsReportedOnceAndTheNextPollTriesAgain() {
    sfn.failure = SfnException.builder().message("connection refused").build();

    String sent =
        publishedBy(
            metrics -> {
              metrics.poll();
              metrics.poll();
              sfn.failure = null;
              sfn.executions.add(execution("a", "TIMED_OUT", 10));
              metrics.poll();
            });

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("cannot read the workflow executions for AWS/States metrics: ")
        .contains("connection refused");
    assertThat(sent).contains("MetricName=ExecutionsTimedOut");
  }

  /** Runs {@code polls} with a writer whose calls are recorded; returns their forms, decoded. */
  private String publishedBy(Consumer<ExecutionMetrics> polls) {
    List<String> forms = new CopyOnWriteArrayList<>();
    CloudWatchMetricsWriter writer =
        new CloudWatchMetricsWriter(
            100,
            problems::add,
            "test-target",
            form -> {
              forms.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
              return new QueryApi.Response(200, "");
            });
    polls.accept(new ExecutionMetrics(sfn, writer, problems::add));
    writer.close();
    return String.join("\n", forms);
  }

  private static ExecutionListItem execution(String name, String status, long millis) {
    return ExecutionListItem.builder()
        .executionArn(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name)
        .stateMachineArn(MACHINE)
        .status(status)
        .startDate(STARTED)
        .stopDate(status.equals("RUNNING") ? null : STARTED.plusMillis(millis))
        .build();
  }

  /** Step Functions with one state machine, listing the executions the test gives it. */
  private static final class Executions implements SfnClient {
    final List<ExecutionListItem> executions = new ArrayList<>();
    volatile RuntimeException failure;

    @Override
    public ListStateMachinesResponse listStateMachines(ListStateMachinesRequest request) {
      if (failure != null) {
        throw failure;
      }
      return ListStateMachinesResponse.builder()
          .stateMachines(StateMachineListItem.builder().stateMachineArn(MACHINE).build())
          .build();
    }

    @Override
    public ListExecutionsResponse listExecutions(ListExecutionsRequest request) {
      return ListExecutionsResponse.builder().executions(List.copyOf(executions)).build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
