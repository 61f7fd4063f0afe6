package dev.brownout.local.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Publishes the {@code AWS/States} metrics Step Functions publishes in AWS and moto does not, for
 * the executions moto ran: when an execution has stopped, one data point of {@code
 * ExecutionsSucceeded}, {@code ExecutionsFailed}, {@code ExecutionsAborted} or {@code
 * ExecutionsTimedOut} (by its status) and its {@code ExecutionTime} in milliseconds, at its stop
 * time, with the dimension {@code StateMachineArn}, as the dashboard's "Workflow failures" widget
 * and the {@code WorkflowFailed} alarm read them.
 *
 * <p>Each {@link #poll} reads the first page of ListExecutions (the newest 100) of each state
 * machine (at most 100 state machines) and publishes the stopped executions it has not published
 * before; it remembers the last 10,000 it published.
 *
 * <p>Failure behaviour: a call to Step Functions that fails is reported through {@code problems}
 * once until one succeeds again, and the next poll tries again; publishing is the writer's (see
 * {@link CloudWatchMetricsWriter}). Nothing is thrown to the caller.
 */
public final class ExecutionMetrics implements AutoCloseable {
  public static final String NAMESPACE = "AWS/States";
  static final int MAX_REMEMBERED = 10_000;
  private static final int PAGE = 100;
  private static final Map<String, String> METRIC_BY_STATUS =
      Map.of(
          "SUCCEEDED", "ExecutionsSucceeded",
          "FAILED", "ExecutionsFailed",
          "ABORTED", "ExecutionsAborted",
          "TIMED_OUT", "ExecutionsTimedOut");

  private final SfnClient sfn;
  private final CloudWatchMetricsWriter writer;
  private final Consumer<String> problems;
  private final LinkedHashSet<String> published = new LinkedHashSet<>();
  private ScheduledExecutorService timer;
  private boolean failing;

  public ExecutionMetrics(
      SfnClient sfn, CloudWatchMetricsWriter writer, Consumer<String> problems) {
    this.sfn = sfn;
    this.writer = writer;
    this.problems = problems;
  }

  /** Polls every {@code interval} from a thread of its own until {@link #close}. */
  public synchronized void start(Duration interval) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("execution-metrics").daemon().unstarted(r));
    timer.scheduleWithFixedDelay(
        this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Publishes the executions that stopped since the last poll. */
  public synchronized void poll() {
    List<MetricDatum> data = new ArrayList<>();
    try {
      for (StateMachineListItem machine :
          sfn.listStateMachines(r -> r.maxResults(PAGE)).stateMachines()) {
        for (ExecutionListItem execution :
            sfn.listExecutions(r -> r.stateMachineArn(machine.stateMachineArn()).maxResults(PAGE))
                .executions()) {
          String metric = METRIC_BY_STATUS.get(execution.statusAsString());
          if (metric == null
              || execution.stopDate() == null
              || !published.add(execution.executionArn())) {
            continue;
          }
          List<MetricDatum.Dimension> dimension =
              List.of(new MetricDatum.Dimension("StateMachineArn", machine.stateMachineArn()));
          data.add(
              new MetricDatum(
                  NAMESPACE, metric, dimension, "Count", execution.stopDate(), List.of(1.0), 60));
          data.add(
              new MetricDatum(
                  NAMESPACE,
                  "ExecutionTime",
                  dimension,
                  "Milliseconds",
                  execution.stopDate(),
                  List.of(
                      (double)
                          Duration.between(execution.startDate(), execution.stopDate()).toMillis()),
                  60));
        }
      }
      failing = false;
    } catch (RuntimeException e) {
      // SdkException, and anything else: the timer thread must keep polling
      if (!failing) {
        failing = true;
        problems.accept("cannot read the workflow executions for AWS/States metrics: " + e);
      }
    }
    for (Iterator<String> oldest = published.iterator();
        published.size() > MAX_REMEMBERED && oldest.hasNext(); ) {
      oldest.next();
      oldest.remove();
    }
    if (!data.isEmpty()) {
      writer.offer(data);
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
