package dev.brownout.local.sqs;

import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.Invoker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS poller for the local cloud: runs every enabled event source mapping from an SQS
 * queue that Lambda (moto) holds, as Lambda does.
 *
 * <p>The mappings are read with {@code ListEventSourceMappings} when {@link #start()} is called and
 * every few seconds after, so mappings deployed later are picked up, and disabled or deleted ones
 * are left at once (a batch already with its function is finished). Each enabled mapping has a
 * thread of its own that long-polls its queue (all system and message attributes, the queue's own
 * visibility timeout), gathers up to the mapping's {@code BatchSize} messages within its {@code
 * MaximumBatchingWindowInSeconds} (to within a second; none for FIFO queues, as in Lambda) and
 * Lambda's 6 MB payload quota, invokes the function synchronously with the {@linkplain SqsEvents
 * SQS event}, and deletes what {@link BatchOutcome} says Lambda deletes. Messages not deleted come
 * back after their visibility timeout; the queue's redrive policy moves a message received {@code
 * maxReceiveCount} times to its dead-letter queue (moto does that on receive, as SQS does).
 *
 * <p>Failures never stop a poller: a queue that cannot be read is retried after a pause, a function
 * that cannot be invoked fails the batch. Each shows in {@link #snapshot()} and on the console,
 * which gets one line per batch. Filter criteria are not applied: such a mapping gets every
 * message, and the console says so once.
 *
 * <p>The clients are the caller's and stay open; {@link #close()} stops within about 1.5 s: pollers
 * waiting on their queue stop at once, and a batch still with its function is left to finish on its
 * own (its messages are deleted as usual if the clients still work, else they come back).
 */
public final class EventSourcePoller implements AutoCloseable {
  private static final int MAX_RECEIVE = 10;
  // What a record costs beyond its body (ids, handle, attributes), to stop gathering near 6 MB.
  private static final int RECORD_OVERHEAD = 1024;

  /**
   * The poller's pace.
   *
   * @param rescanEvery how often the mappings are read again
   * @param waitSeconds each long poll's {@code WaitTimeSeconds}; short, since moto holds one of its
   *     threads for each waiting poll (stopping does not wait for it: a waiting poll is cut short)
   * @param errorPause the wait after a queue that could not be read or a function that could not be
   *     invoked
   * @param closeWithin how long {@link #close()} waits for the pollers
   */
  record Timing(Duration rescanEvery, int waitSeconds, Duration errorPause, Duration closeWithin) {
    static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(3), 1, Duration.ofSeconds(1), Duration.ofMillis(1500));
  }

  private final LambdaClient lambda;
  private final SqsClient sqs;
  private final Invoker invoker;
  private final Consumer<String> console;
  private final Clock clock;
  private final Timing timing;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private volatile boolean running;
  private boolean started;
  private Thread scanner;
  private String lastScanError;

  /**
   * @param lambda reads the event source mappings
   * @param sqs reads and deletes the messages
   * @param invoker runs the functions
   * @param console gets one line per batch and per change of a mapping
   * @param clock times the batching windows and the batches
   */
  public EventSourcePoller(
      LambdaClient lambda, SqsClient sqs, Invoker invoker, Consumer<String> console, Clock clock) {
    this(lambda, sqs, invoker, console, clock, Timing.DEFAULT);
  }

  EventSourcePoller(
      LambdaClient lambda,
      SqsClient sqs,
      Invoker invoker,
      Consumer<String> console,
      Clock clock,
      Timing timing) {
    this.lambda = lambda;
    this.sqs = sqs;
    this.invoker = invoker;
    this.console = console;
    this.clock = clock;
    this.timing = timing;
  }

  /**
   * Starts following the mappings; returns at once.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("the SQS poller was already started or is closed");
      }
      started = true;
      running = true;
      scanner = Thread.ofVirtual().name("sqs-mappings").start(this::scanLoop);
    }
  }

  /** Every SQS mapping seen at the last reading, by queue ARN. */
  public List<MappingStatus> snapshot() {
    return workers.values().stream()
        .map(Worker::status)
        .sorted(Comparator.comparing(MappingStatus::queueArn).thenComparing(MappingStatus::uuid))
        .toList();
  }

  @Override
  public void close() {
    List<Thread> threads = new ArrayList<>();
    synchronized (lock) {
      boolean wasRunning = running;
      started = true; // a closed poller does not start
      if (!wasRunning) {
        return;
      }
      running = false;
      threads.add(scanner);
      scanner.interrupt();
      for (Worker worker : workers.values()) {
        worker.wanted = false;
        worker.interruptIfWaiting();
        if (worker.thread != null) {
          threads.add(worker.thread);
        }
      }
    }
    long deadline = System.nanoTime() + timing.closeWithin().toNanos();
    int left = 0;
    for (Thread thread : threads) {
      try {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 ? thread.isAlive() : !thread.join(Duration.ofNanos(remaining))) {
          left++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (left > 0) {
      console.accept(
          "sqs: stopped; " + left + " batch(es) still with their function left to finish");
    }
  }

  private void scanLoop() {
    while (running) {
      scan();
      try {
        Thread.sleep(timing.rescanEvery());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void scan() {
    List<SqsMapping> mappings;
    try {
      mappings =
          lambda
              .listEventSourceMappingsPaginator(ListEventSourceMappingsRequest.builder().build())
              .eventSourceMappings()
              .stream()
              .map(SqsMapping::from)
              .flatMap(Optional::stream)
              .toList();
    } catch (RuntimeException e) {
      // moto not answering, or closing: the next reading tries again.
      if (running) {
        String problem = "sqs: cannot read the event source mappings: " + describe(e);
        if (!problem.equals(lastScanError)) {
          console.accept(problem);
        }
        lastScanError = problem;
      }
      return;
    }
    lastScanError = null;
    synchronized (lock) {
      if (!running) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (SqsMapping mapping : mappings) {
        seen.add(mapping.uuid());
        workers.computeIfAbsent(mapping.uuid(), uuid -> new Worker(mapping)).follow(mapping);
      }
      workers
          .values()
          .removeIf(
              worker -> {
                if (seen.contains(worker.mapping.get().uuid())) {
                  return false;
                }
                worker.leave("mapping deleted");
                return true;
              });
    }
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** Thrown inside a poller when {@link #close()} or a disabled mapping stopped it. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** One mapping: its poller thread (while enabled) and its counts. */
  private final class Worker {
    final AtomicReference<SqsMapping> mapping;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failedMessages = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    volatile boolean wanted;
    volatile Thread thread;
    volatile String lastError;
    // Guarded by this: the thread is in a receive or a pause, where close() may interrupt it.
    private boolean waiting;
    // Poller thread only.
    private String queueUrl;
    private String lastReadError;

    Worker(SqsMapping mapping) {
      this.mapping = new AtomicReference<>(mapping);
      if (mapping.filtered()) {
        console.accept(
            "sqs: "
                + mapping.queue().name()
                + " -> "
                + mapping.functionName()
                + ": filter criteria are not applied locally; every message is delivered");
      }
    }

    /** Takes the mapping as last read; called under the poller's lock. */
    void follow(SqsMapping latest) {
      mapping.set(latest);
      if (!latest.enabled()) {
        if (wanted) {
          leave("mapping " + latest.state().toLowerCase(Locale.ROOT));
        }
        return;
      }
      wanted = true;
      Thread current = thread;
      if (current == null || !current.isAlive()) {
        console.accept(
            "sqs: polling "
                + latest.queue().name()
                + " for "
                + latest.functionName()
                + " (batch size "
                + latest.batchSize()
                + (latest.batchingWindow().isZero()
                    ? ""
                    : ", batching window " + latest.batchingWindow().toSeconds() + " s")
                + (latest.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                + ")");
        thread = Thread.ofVirtual().name("sqs-poller-" + latest.queue().name()).start(this::poll);
      }
    }

    /** Stops polling: a receive in progress is cut short, a batch in hand is finished. */
    void leave(String why) {
      if (wanted) {
        wanted = false;
        interruptIfWaiting();
        console.accept(prefix(mapping.get()) + why + ", polling stopped");
      }
    }

    boolean active() {
      return running && wanted;
    }

    void interruptIfWaiting() {
      synchronized (this) {
        Thread current = thread;
        if (waiting && current != null) {
          current.interrupt();
        }
      }
    }

    MappingStatus status() {
      SqsMapping m = mapping.get();
      return new MappingStatus(
          m.uuid(),
          m.queue().arn(),
          m.functionArn(),
          m.batchSize(),
          m.state(),
          delivered.get(),
          failedMessages.get(),
          failedBatches.get(),
          Optional.ofNullable(lastError));
    }

    private void poll() {
      while (active()) {
        SqsMapping m = mapping.get();
        try {
          List<Message> batch = gather(m);
          if (batch.isEmpty()) {
            continue;
          }
          if (!active()) {
            release(batch);
            return;
          }
          deliver(m, batch);
        } catch (Stopped e) {
          return;
        } catch (RuntimeException e) {
          if (!active()) {
            return;
          }
          queueUrl = null;
          String problem = "cannot read the queue: " + describe(e);
          lastError = problem;
          if (!problem.equals(lastReadError)) {
            console.accept(prefix(m) + problem);
          }
          lastReadError = problem;
          pause();
        }
      }
    }

    private List<Message> gather(SqsMapping m) {
      List<Message> batch =
          new ArrayList<>(receive(m, Math.min(MAX_RECEIVE, m.batchSize()), timing.waitSeconds()));
      lastReadError = null;
      if (batch.isEmpty() || m.batchingWindow().isZero()) {
        return batch;
      }
      // Lambda keeps polling until the batch is full, the window is over or the payload is 6 MB.
      Instant deadline = clock.instant().plus(m.batchingWindow());
      long bytes = size(batch);
      try {
        while (batch.size() < m.batchSize() && bytes < SqsEvents.MAX_PAYLOAD_BYTES && active()) {
          Duration left = Duration.between(clock.instant(), deadline);
          if (left.isNegative() || left.isZero()) {
            break;
          }
          int wait = (int) Math.min(timing.waitSeconds(), Math.max(1, left.toSeconds()));
          List<Message> more =
              receive(m, Math.min(MAX_RECEIVE, m.batchSize() - batch.size()), wait);
          batch.addAll(more);
          bytes += size(more);
        }
      } catch (Stopped e) {
        // Closing or disabled: what was received goes back to the queue in poll().
      }
      return batch;
    }

    private List<Message> receive(SqsMapping m, int count, int waitSeconds) {
      String url = queueUrl(m);
      return waitable(
          () ->
              sqs.receiveMessage(
                      r ->
                          r.queueUrl(url)
                              .maxNumberOfMessages(count)
                              .waitTimeSeconds(waitSeconds)
                              .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                              .messageAttributeNames("All"))
                  .messages());
    }

    private String queueUrl(SqsMapping m) {
      if (queueUrl == null) {
        QueueArn queue = m.queue();
        queueUrl =
            waitable(
                () ->
                    sqs.getQueueUrl(
                            r -> r.queueName(queue.name()).queueOwnerAWSAccountId(queue.account()))
                        .queueUrl());
      }
      return queueUrl;
    }

    private void deliver(SqsMapping m, List<Message> received) {
      SqsEvents.Event event =
          SqsEvents.event(received, m.queue().arn(), SqsEvents.MAX_PAYLOAD_BYTES);
      List<Message> batch = received.subList(0, event.records());
      // Beyond Lambda's payload quota: back to the queue for the next batch.
      release(received.subList(event.records(), received.size()));
      List<String> ids = batch.stream().map(Message::messageId).toList();
      long startedAt = clock.millis();
      BatchOutcome outcome;
      boolean invoked = true;
      try {
        outcome =
            BatchOutcome.of(
                ids, invoker.invoke(m.functionArn(), event.payload()), m.reportBatchItemFailures());
      } catch (FunctionNotFoundException e) {
        invoked = false;
        outcome = BatchOutcome.failed(ids, describe(e));
      } catch (RuntimeException e) {
        invoked = false;
        outcome = BatchOutcome.failed(ids, "the function could not be invoked: " + describe(e));
      }
      long millis = clock.millis() - startedAt;
      Set<String> kept = new HashSet<>(outcome.retried());
      Optional<String> deleteProblem =
          delete(m, batch.stream().filter(x -> !kept.contains(x.messageId())).toList());

      delivered.addAndGet(batch.size());
      failedMessages.addAndGet(outcome.retried().size());
      if (outcome.batchFailed()) {
        failedBatches.incrementAndGet();
        lastError = outcome.failure().orElseThrow();
      }
      deleteProblem.ifPresent(problem -> lastError = problem);
      console.accept(line(m, batch.size(), outcome, millis, deleteProblem));
      if (!invoked) {
        pause();
      }
    }

    private Optional<String> delete(SqsMapping m, List<Message> messages) {
      List<String> problems = new ArrayList<>();
      for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
        List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          entries.add(
              DeleteMessageBatchRequestEntry.builder()
                  .id(Integer.toString(i))
                  .receiptHandle(chunk.get(i).receiptHandle())
                  .build());
        }
        try {
          String url = queueUrl(m);
          for (BatchResultErrorEntry failed :
              sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries)).failed()) {
            problems.add(failed.code() + " " + failed.message());
          }
        } catch (RuntimeException e) {
          problems.add(describe(e) + " (" + chunk.size() + " messages)");
        }
      }
      return problems.isEmpty()
          ? Optional.empty()
          : Optional.of(
              "could not delete processed messages, they will be delivered again: "
                  + String.join("; ", problems));
    }

    /** Makes received messages visible again at once, for a later batch. */
    private void release(List<Message> messages) {
      for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
        List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          entries.add(
              ChangeMessageVisibilityBatchRequestEntry.builder()
                  .id(Integer.toString(i))
                  .receiptHandle(chunk.get(i).receiptHandle())
                  .visibilityTimeout(0)
                  .build());
        }
        try {
          String url = queueUrl;
          if (url != null) {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
          }
        } catch (RuntimeException e) {
          // They come back after their visibility timeout instead.
        }
      }
    }

    private void pause() {
      waitable(
          () -> {
            try {
              Thread.sleep(timing.errorPause());
              return null;
            } catch (InterruptedException e) {
              throw new Stopped();
            }
          });
    }

    /**
     * Runs a call that stopping (close, a disabled mapping) may cut short; only such calls are ever
     * interrupted.
     */
    private <T> T waitable(Supplier<T> call) {
      synchronized (this) {
        if (!active()) {
          throw new Stopped();
        }
        waiting = true;
      }
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!active()) {
          throw new Stopped();
        }
        throw e;
      } finally {
        synchronized (this) {
          waiting = false;
          // An interrupt that came as the call returned is not for the next one.
          Thread.interrupted();
        }
      }
    }

    private String line(
        SqsMapping m,
        int messages,
        BatchOutcome outcome,
        long millis,
        Optional<String> deleteProblem) {
      StringBuilder line =
          new StringBuilder(prefix(m))
              .append(messages)
              .append(messages == 1 ? " message" : " messages");
      if (outcome.batchFailed()) {
        line.append(", batch failed, none deleted: ").append(outcome.failure().orElseThrow());
      } else if (outcome.retried().isEmpty()) {
        line.append(", all deleted");
      } else {
        line.append(", ")
            .append(outcome.retried().size())
            .append(" reported failed and left for retry, ")
            .append(outcome.deleted().size())
            .append(" deleted");
      }
      line.append(" (").append(millis).append(" ms)");
      deleteProblem.ifPresent(problem -> line.append("; ").append(problem));
      return line.toString();
    }

    private static String prefix(SqsMapping m) {
      return "sqs: " + m.queue().name() + " -> " + m.functionName() + ": ";
    }

    private static long size(List<Message> messages) {
      return messages.stream().mapToLong(x -> x.body().length() + RECORD_OVERHEAD).sum();
    }
  }
}
