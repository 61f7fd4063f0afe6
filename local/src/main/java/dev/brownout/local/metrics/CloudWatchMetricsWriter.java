package dev.brownout.local.metrics;

import dev.brownout.local.metrics.PutMetricDataCalls.Call;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes data points to CloudWatch (moto) with {@code PutMetricData} in the Query protocol, from
 * one sender thread of its own, so that the threads reading the functions' output never wait for
 * it. A data point is one value, as CloudWatch counts them: a {@link MetricDatum} with an array of
 * three values is three.
 *
 * <p>{@link #offer} queues an EMF record's data points and returns at once. The queue is bounded
 * ({@code capacity} data points). <b>Drop policy:</b> when a record's data points do not all fit,
 * the record is dropped whole (newest first: what is already queued is kept) and counted in {@link
 * #dropped}; the first drop is reported, and the recovery once the queue is at most half full
 * again, not every drop. The sender takes what is queued, up to 1000 data points at a time, and
 * sends it in as few calls as CloudWatch's limits allow (one namespace, 1000 metrics and 1 MB per
 * call).
 *
 * <p>A call that fails (no answer, or an error status) is reported through {@code problems} with
 * CloudWatch's error code and message, its data points are counted in {@link #failed} and not
 * retried; nothing is ever thrown to the caller. {@code problems} is called from the sender thread
 * and from {@link #offer}'s caller; it should be quick, and what it throws is ignored.
 */
public final class CloudWatchMetricsWriter implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 10_000;

  /** How long {@link #close} waits for what is queued to be sent. */
  static final Duration CLOSE_WITHIN = Duration.ofSeconds(30);

  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
  private static final int QUOTED_BODY_LIMIT = 300;

  /** Marks the end of the queue; compared by identity. */
  private static final List<MetricDatum> STOP = new ArrayList<>();

  /** Sends one form-encoded call; the seam the unit tests replace. */
  interface Transport {
    QueryApi.Response send(String form) throws IOException, InterruptedException;
  }

  private final int capacity;
  // Whole records, so that a record's data points go out in the same call; bounded by data points.
  private final LinkedBlockingQueue<List<MetricDatum>> queue = new LinkedBlockingQueue<>();
  private final String target;
  private final Transport transport;
  private final Consumer<String> problems;
  private final Thread sender;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private final Object offers = new Object();
  private int waiting; // data points queued, not yet taken by the sender; guarded by offers
  private boolean closed; // guarded by offers
  private boolean dropping; // guarded by offers

  /**
   * Starts the sender thread.
   *
   * @param endpoint moto (or the edge in front of it), e.g. {@code http://127.0.0.1:4566}
   * @param region the region the metrics are published in (moto reads it from the signature)
   * @param capacity how many data points may wait to be sent (besides the call in flight); at least
   *     1
   * @param problems where failed calls and drops are reported, one line each
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public CloudWatchMetricsWriter(
      URI endpoint, String region, int capacity, Consumer<String> problems) {
    this(capacity, problems, endpoint.resolve("/").toString(), newTransport(endpoint, region));
  }

  CloudWatchMetricsWriter(
      int capacity, Consumer<String> problems, String target, Transport transport) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity is " + capacity + ", expected at least 1");
    }
    this.capacity = capacity;
    this.problems = problems;
    this.target = target;
    this.transport = transport;
    this.sender =
        Thread.ofPlatform().name("cloudwatch-metrics-writer").daemon().unstarted(this::run);
    sender.start();
  }

  private static Transport newTransport(URI endpoint, String region) {
    QueryApi api = new QueryApi(endpoint, region);
    return api::call;
  }

  /**
   * Queues one record's data points for sending, all or none; never blocks.
   *
   * @return false if they were dropped: the queue had no room for all of them, or the writer is
   *     closed
   */
  public boolean offer(List<MetricDatum> data) {
    int points = points(data);
    if (points == 0) {
      return true;
    }
    String notice = null;
    boolean queued = false;
    synchronized (offers) {
      if (closed) {
        dropped.addAndGet(points);
        notice = "metrics writer is closed: " + points + " data point(s) dropped";
      } else if (capacity - waiting < points) {
        long total = dropped.addAndGet(points);
        if (!dropping) {
          dropping = true;
          notice =
              "metrics queue is full ("
                  + capacity
                  + " data points waiting for "
                  + target
                  + "): dropping new records until it drains; "
                  + total
                  + " data point(s) dropped so far";
        }
      } else {
        waiting += points;
        queue.add(List.copyOf(data));
        queued = true;
        // Recovery is told once the queue has drained to half, not each time a small record fits.
        if (dropping && waiting <= capacity / 2) {
          dropping = false;
          notice =
              "metrics queue has room again; " + dropped.get() + " data point(s) dropped so far";
        }
      }
    }
    if (notice != null) {
      report(notice);
    }
    return queued;
  }

  /** Data points CloudWatch accepted. */
  public long published() {
    return published.get();
  }

  /** Data points whose call failed. */
  public long failed() {
    return failed.get();
  }

  /** Data points dropped because the queue was full, or the writer closed. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Refuses further data, sends what is queued (waiting up to 30 s), then stops the sender thread.
   * What is still queued after that is dropped and reported.
   */
  @Override
  public void close() {
    synchronized (offers) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      queue.add(STOP);
      sender.join(CLOSE_WITHIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      sender.interrupt();
      try {
        sender.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<List<MetricDatum>> records = new ArrayList<>();
    queue.drainTo(records);
    int left =
        records.stream().filter(r -> r != STOP).mapToInt(CloudWatchMetricsWriter::points).sum();
    if (left > 0) {
      dropped.addAndGet(left);
      report(
          left
              + " data point(s) not sent to "
              + target
              + " within "
              + CLOSE_WITHIN.toSeconds()
              + " s of closing; dropped");
    }
  }

  private void run() {
    List<MetricDatum> batch = new ArrayList<>();
    try {
      while (true) {
        batch.clear();
        boolean stop = false;
        List<MetricDatum> record = queue.take();
        // Take what else is waiting, up to a call's worth.
        while (record != null) {
          if (record == STOP) {
            stop = true;
            break;
          }
          batch.addAll(record);
          record = batch.size() < PutMetricDataCalls.MAX_MEMBERS_PER_CALL ? queue.poll() : null;
        }
        synchronized (offers) {
          waiting -= points(batch);
        }
        publish(batch);
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // close() gave up waiting; what is left is counted there.
    }
  }

  /** Data points are values, as CloudWatch counts them ({@code SampleCount}). */
  private static int points(List<MetricDatum> data) {
    int points = 0;
    for (MetricDatum datum : data) {
      points += datum.values().size();
    }
    return points;
  }

  private void publish(List<MetricDatum> batch) throws InterruptedException {
    for (Call call : PutMetricDataCalls.of(batch)) {
      try {
        QueryApi.Response response = transport.send(call.body());
        if (response.ok()) {
          published.addAndGet(call.dataPoints());
        } else {
          failed(call, "HTTP " + response.status() + " " + error(response.body()));
        }
      } catch (IOException | RuntimeException e) {
        failed(call, e.toString());
      }
    }
  }

  private void failed(Call call, String why) {
    failed.addAndGet(call.dataPoints());
    report(
        "PutMetricData of "
            + call.dataPoints()
            + " data point(s) in namespace \""
            + call.namespace()
            + "\" to "
            + target
            + " failed: "
            + why);
  }

  /** CloudWatch's error code and message from a Query-protocol error document, or the body. */
  private static String error(String body) {
    Matcher code = ERROR_CODE.matcher(body);
    Matcher message = ERROR_MESSAGE.matcher(body);
    if (code.find()) {
      return code.group(1) + (message.find() ? ": " + message.group(1) : "");
    }
    String text = body.strip();
    return text.length() <= QUOTED_BODY_LIMIT
        ? text
        : text.substring(0, QUOTED_BODY_LIMIT) + "... (" + text.length() + " characters)";
  }

  private void report(String problem) {
    try {
      problems.accept(problem);
    } catch (RuntimeException e) {
      // A broken sink must not stop the sender or the caller's output reading.
    }
  }
}
