package dev.brownout.functions.api.status;

import dev.brownout.core.api.AnswerTally;
import dev.brownout.core.api.FlagSnapshot;
import dev.brownout.core.api.StatusBoard;
import dev.brownout.core.api.StatusHistory;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the status page shows, read from the status table in a fixed number of calls: the
 * status board (a query and a get), the newest {@value #AUDIT_LIMIT} audit entries (one query), the
 * last hour's checks of each dependency, at most {@value #CHECK_LIMIT} (one query each), and the
 * last {@value #ANSWER_MINUTES} minutes of the answer tally (one query): {@link #calls} in all.
 * Each call has the store's short timeout; after the first that fails the table is not asked again
 * for this page, so a table that does not answer costs one timeout, not one per part.
 */
public final class StatusPageReads {
  /** How far back the page looks. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** Audit entries read: more level changes than this in the hour are not all shown. */
  public static final int AUDIT_LIMIT = 100;

  /**
   * Checks read per dependency: an hour of checks at the default 10 s interval is 360; a dependency
   * checked every second shows only its last 12 minutes.
   */
  public static final int CHECK_LIMIT = 720;

  public static final int ANSWER_MINUTES = 60;

  private static final Logger LOG = LoggerFactory.getLogger(StatusPageReads.class);

  private final Catalog catalog;
  private final StatusBoard board;
  private final StatusHistory history;
  private final AnswerTally tally;
  private final Clock clock;

  public StatusPageReads(
      Catalog catalog, StatusBoard board, StatusHistory history, AnswerTally tally, Clock clock) {
    this.catalog = catalog;
    this.board = board;
    this.history = history;
    this.tally = tally;
    this.clock = clock;
  }

  /**
   * The DynamoDB calls one page costs at most: 4 plus one per dependency (the status query is one
   * page unless the statuses outgrow DynamoDB's 1 MB page, thousands of dependencies).
   */
  public static int calls(Catalog catalog) {
    return 4 + catalog.dependencies().size();
  }

  public StatusPage.Model read(FlagSnapshot flags) {
    Instant now = clock.instant();
    StatusView view = StatusView.read(catalog, board, flags);
    Reads reads = new Reads(view.boardRead());
    if (!view.boardRead()) {
      reads.unavailable.add("dependency health and the level's reasons");
    }
    Optional<StatusHistory.Read<StatusHistory.AuditEntry>> audit =
        reads.attempt("the level's history and its transitions", () -> history.audit(AUDIT_LIMIT));
    Map<String, StatusHistory.Read<StatusHistory.Check>> checks = new LinkedHashMap<>();
    for (Dependency d : catalog.dependencies()) {
      reads
          .attempt(
              "the health history of " + d.name(),
              () -> history.checks(d.name(), now.minus(WINDOW), CHECK_LIMIT))
          .ifPresent(read -> checks.put(d.name(), read));
    }
    Instant firstMinute =
        now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(ANSWER_MINUTES - 1));
    Optional<List<AnswerTally.Minute>> answers =
        reads.attempt(
            "the share of answers by source", () -> tally.since(firstMinute, ANSWER_MINUTES));
    return new StatusPage.Model(now, view, audit, checks, answers, reads.unavailable);
  }

  /** One page's reads: stop asking the table once it failed. */
  private static final class Reads {
    private final List<String> unavailable = new ArrayList<>();
    private boolean answering;

    Reads(boolean answering) {
      this.answering = answering;
    }

    <T> Optional<T> attempt(String what, Supplier<T> read) {
      if (answering) {
        try {
          return Optional.of(read.get());
        } catch (RuntimeException e) {
          LOG.warn("Cannot read {} for the status page: {}", what, e.getMessage());
          answering = false;
        }
      }
      unavailable.add(what);
      return Optional.empty();
    }
  }
}
