package dev.brownout.functions.api.status;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.StatusHistory;
import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import dev.brownout.core.serving.FlagSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything both status answers show, read from the status table: the status board, the last
 * hour's level transitions, the last hour's checks of each dependency (at most {@value
 * #CHECK_LIMIT} each) and the last {@value #ANSWER_MINUTES} minutes of the answer tally.
 *
 * <p>The parts are read at once, each on its own virtual thread, under one deadline ({@link
 * #DEADLINE}): a part that failed or has not arrived by then is named in {@link
 * Snapshot#unavailable} and the others are shown, so a slow table costs the deadline, not a sum of
 * timeouts. What was read is kept for {@link #REUSE_FOR} (on the injected clock): a page or a JSON
 * status asked for within that time in the same execution environment reads nothing.
 */
public final class StatusPageReads {
  /** How far back the page looks. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /**
   * Checks read per dependency: an hour of checks at the default 10 s interval is 360; a dependency
   * checked every second shows only its last 12 minutes, and the rest as not read.
   */
  public static final int CHECK_LIMIT = 720;

  public static final int ANSWER_MINUTES = 60;

  /** How long one read of every part may take, all parts together. */
  public static final Duration DEADLINE = Duration.ofSeconds(3);

  /** How long what was read is shown again rather than read again. */
  public static final Duration REUSE_FOR = Duration.ofSeconds(10);

  static final String BOARD = "dependency health and the level's reasons";
  static final String TRANSITIONS = "the level's history and its transitions";
  static final String ANSWERS = "the share of answers by source";

  private static final Logger LOG = LoggerFactory.getLogger(StatusPageReads.class);

  private final Catalog catalog;
  private final StatusBoard board;
  private final StatusHistory history;
  private final AnswerTally tally;
  private final Clock clock;
  private final Duration deadline;
  private Snapshot kept;

  /**
   * What was read at {@code at}.
   *
   * @param board empty when it could not be read
   * @param transitions empty when they could not be read
   * @param checks by dependency; a dependency is absent when its checks could not be read
   * @param answers empty when the tally could not be read
   * @param unavailable each part that could not be read, and why, in words
   */
  public record Snapshot(
      Instant at,
      Optional<StatusBoard.Board> board,
      Optional<Read<Transition>> transitions,
      Map<String, Read<Check>> checks,
      Optional<List<AnswerTally.Minute>> answers,
      List<String> unavailable) {
    public Snapshot {
      checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
      unavailable = List.copyOf(unavailable);
    }
  }

  public StatusPageReads(
      Catalog catalog, StatusBoard board, StatusHistory history, AnswerTally tally, Clock clock) {
    this(catalog, board, history, tally, clock, DEADLINE);
  }

  StatusPageReads(
      Catalog catalog,
      StatusBoard board,
      StatusHistory history,
      AnswerTally tally,
      Clock clock,
      Duration deadline) {
    this.catalog = catalog;
    this.board = board;
    this.history = history;
    this.tally = tally;
    this.clock = clock;
    this.deadline = deadline;
  }

  /**
   * The DynamoDB calls one read costs at most: the board's query and get, the transitions' pages
   * ({@code DynamoDbStatusHistory.AUDIT_PAGES}), one query per dependency and one for the tally.
   */
  public static int calls(Catalog catalog, int auditPages) {
    return 2 + auditPages + catalog.dependencies().size() + 1;
  }

  /** What was read within {@link #REUSE_FOR}, else a new read. */
  public synchronized Snapshot current() {
    Instant now = clock.instant();
    if (kept == null || !now.isBefore(kept.at().plus(REUSE_FOR)) || now.isBefore(kept.at())) {
      kept = read(now);
    }
    return kept;
  }

  /** The page's model: {@code snapshot} with the flags the API acts on now. */
  public StatusPage.Model model(Snapshot snapshot, FlagSnapshot flags) {
    return new StatusPage.Model(
        snapshot.at(),
        StatusView.of(catalog, snapshot.board(), flags),
        snapshot.transitions(),
        snapshot.checks(),
        snapshot.answers(),
        snapshot.unavailable());
  }

  private Snapshot read(Instant now) {
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<StatusBoard.Board> boardRead = threads.submit(board::read);
      Future<Read<Transition>> transitionsRead =
          threads.submit(() -> history.transitions(now.minus(WINDOW)));
      Map<String, Future<Read<Check>>> checksRead = new LinkedHashMap<>();
      for (Dependency d : catalog.dependencies()) {
        checksRead.put(
            d.name(),
            threads.submit(() -> history.checks(d.name(), now.minus(WINDOW), CHECK_LIMIT)));
      }
      Instant firstMinute =
          now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(ANSWER_MINUTES - 1));
      Future<List<AnswerTally.Minute>> answersRead =
          threads.submit(() -> tally.since(firstMinute, ANSWER_MINUTES));

      Arrivals arrivals = new Arrivals(System.nanoTime() + deadline.toNanos());
      Optional<StatusBoard.Board> read = arrivals.get(BOARD, boardRead);
      Optional<Read<Transition>> transitions = arrivals.get(TRANSITIONS, transitionsRead);
      Map<String, Read<Check>> checks = new LinkedHashMap<>();
      checksRead.forEach(
          (name, future) ->
              arrivals
                  .get("the health history of " + name, future)
                  .ifPresent(c -> checks.put(name, c)));
      Optional<List<AnswerTally.Minute>> answers = arrivals.get(ANSWERS, answersRead);
      return new Snapshot(now, read, transitions, checks, answers, arrivals.unavailable);
    } finally {
      // Nothing waits for a part past the deadline; its call ends at the client's own timeout.
      threads.shutdownNow();
    }
  }

  /** The parts as they arrive before one deadline ({@link System#nanoTime}). */
  private final class Arrivals {
    private final long deadlineNanos;
    private final List<String> unavailable = new ArrayList<>();

    Arrivals(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    <T> Optional<T> get(String what, Future<T> part) {
      try {
        return Optional.of(
            part.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        part.cancel(true);
        LOG.warn("No answer for {} within {} for the status page", what, deadline);
        unavailable.add(what + " (no answer within " + deadline.toMillis() + " ms)");
      } catch (ExecutionException e) {
        LOG.warn("Cannot read {} for the status page: {}", what, e.getCause().toString());
        unavailable.add(what + " (the read failed)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable.add(what + " (not read: interrupted)");
      }
      return Optional.empty();
    }
  }
}
