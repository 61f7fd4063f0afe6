package dev.brownout.functions.replay;

import dev.brownout.core.api.Replay;
import dev.brownout.core.api.RequestQueue.QueuedRequest;
import dev.brownout.core.api.StatusBoard;
import dev.brownout.core.api.UpstreamClient;
import dev.brownout.core.api.UpstreamClient.Answer;
import dev.brownout.core.api.UpstreamClient.UpstreamFailure;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.functions.replay.ReplayLedger.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Replays queued writes to their primary once their dependency is healthy again: each idempotency
 * key is delivered once (the ledger says which were), an unhealthy dependency is waited for without
 * spending an attempt, and after the route's {@code maxAttempts} failed deliveries the write goes
 * to the dead-letter queue with the reason.
 */
public final class ReplayService {
  /** A message to replay, as SQS delivers it. */
  public record Message(String id, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

  /** The longest one delivery may take: a primary timeout (29 s at most) and the ledger writes. */
  static final Duration LONGEST_DELIVERY = Duration.ofSeconds(35);

  /** Retrying these may succeed; any other 4xx is the primary refusing the write for good. */
  private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);

  private final Catalog catalog;
  private final StatusBoard board;
  private final ReplayLedger ledger;
  private final UpstreamClient upstream;
  private final DeadLetters deadLetters;
  private final Clock clock;

  public ReplayService(
      Catalog catalog,
      StatusBoard board,
      ReplayLedger ledger,
      UpstreamClient upstream,
      DeadLetters deadLetters,
      Clock clock) {
    this.catalog = catalog;
    this.board = board;
    this.ledger = ledger;
    this.upstream = upstream;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /**
   * @return the ids of the messages to leave on the queue for a later try
   */
  /**
   * @param timeLeft how long the invocation has left; a message whose delivery might not finish in
   *     it is left on the queue rather than cut off halfway
   */
  public List<String> replay(List<Message> messages, Supplier<Duration> timeLeft) {
    Map<String, Boolean> healthy = new HashMap<>();
    try {
      board.read().statuses().forEach(s -> healthy.put(s.dependency(), s.healthy()));
    } catch (RuntimeException e) {
      LOG.warn("Cannot read dependency health ({}); every message waits", e.getMessage());
      return messages.stream().map(Message::id).toList();
    }
    List<String> later = new ArrayList<>();
    for (Message message : messages) {
      if (timeLeft.get().compareTo(LONGEST_DELIVERY) < 0) {
        LOG.info("Not enough time left for message {}; it stays queued", message.id());
        later.add(message.id());
        continue;
      }
      try {
        if (!replay(message, healthy)) {
          later.add(message.id());
        }
      } catch (RuntimeException e) {
        LOG.error("Replay of message {} failed; it stays queued", message.id(), e);
        later.add(message.id());
      } finally {
        MDC.remove("route");
        MDC.remove("idempotencyKey");
      }
    }
    return later;
  }

  /** Whether the message is done with (delivered, already delivered, or dead-lettered). */
  private boolean replay(Message message, Map<String, Boolean> healthy) {
    QueuedRequest request;
    try {
      request = QueuedMessages.read(message.body());
    } catch (IllegalArgumentException e) {
      deadLetters.send(message.body(), e.getMessage());
      LOG.error("Message {} dead-lettered: {}", message.id(), e.getMessage());
      return true;
    }
    MDC.put("route", request.route());
    MDC.put("idempotencyKey", request.idempotencyKey());
    Optional<Route> route =
        catalog.routes().stream().filter(r -> r.id().equals(request.route())).findFirst();
    if (route.isEmpty()) {
      return deadLetter(
          message, request, "the catalog has no route " + request.route() + " any more");
    }
    int maxAttempts =
        route.get().fallback().stream()
            .filter(f -> f instanceof Fallback.Queue)
            .map(f -> ((Fallback.Queue) f).maxAttempts())
            .findFirst()
            .orElse(Fallback.Queue.DEFAULT_MAX_ATTEMPTS);
    boolean dependencyHealthy =
        healthy.getOrDefault(route.get().dependency(), DependencyStatus.unchecked("").healthy());
    ReplayLedger.Entry entry = ledger.read(ledgerKey(request));
    if (entry.state() == State.DEAD) {
      LOG.info("Already dead-lettered; the duplicate is dropped");
      return true;
    }
    Replay.Next next =
        Replay.next(
            entry.state() == State.DELIVERED,
            entry.leasedAt(clock.instant()),
            dependencyHealthy,
            entry.attempts(),
            maxAttempts);
    return switch (next) {
      case ALREADY_DELIVERED -> {
        LOG.info("Already delivered; the duplicate is dropped");
        yield true;
      }
      case IN_FLIGHT_ELSEWHERE -> false;
      case WAIT_FOR_HEALTH -> {
        LOG.info("{} is unhealthy; the write waits", route.get().dependency());
        yield false;
      }
      case DEAD_LETTER -> deadLetter(message, request, "out of attempts (" + maxAttempts + ")");
      case DELIVER -> deliver(message, request, route.get(), maxAttempts);
    };
  }

  private boolean deliver(Message message, QueuedRequest request, Route route, int maxAttempts) {
    Optional<ReplayLedger.Lease> lease =
        ledger.lease(ledgerKey(request), clock.instant(), leaseFor(route));
    if (lease.isEmpty()) {
      return false; // delivered or taken meanwhile; the next look decides
    }
    int attempt = lease.get().attempts();
    Map<String, String> headers = new HashMap<>(request.headers());
    headers.put("idempotency-key", request.idempotencyKey());
    String failure;
    try {
      Answer answer =
          upstream.call(
              new UpstreamClient.Call(
                  request.method(),
                  request.url(),
                  headers,
                  request.body(),
                  route.primary().timeout()));
      if (answer.status() < 400) {
        if (!ledger.settle(ledgerKey(request), lease, State.DELIVERED, Optional.empty())) {
          LOG.warn("Delivered, but the lease had expired: another replayer may deliver it too");
        }
        LOG.info("Delivered on attempt {}: {}", attempt, answer.status());
        return true;
      }
      if (answer.status() < 500 && !RETRYABLE.contains(answer.status())) {
        return deadLetter(message, request, "the primary refused it: " + answer.status(), lease);
      }
      failure = "the primary answered " + answer.status();
    } catch (UpstreamFailure e) {
      failure = "the primary failed: " + e.getMessage();
    }
    if (Replay.afterFailure(attempt, maxAttempts) == Replay.AfterFailure.DEAD_LETTER) {
      return deadLetter(
          message, request, failure + " (attempt " + attempt + " of " + maxAttempts + ")", lease);
    }
    ledger.settle(ledgerKey(request), lease, State.PENDING, Optional.of(failure));
    LOG.warn("Attempt {} of {} failed: {}", attempt, maxAttempts, failure);
    return false;
  }

  /** Keys are the client's, so the ledger scopes them by route: two routes may reuse "1". */
  static String ledgerKey(QueuedRequest request) {
    return request.route() + " " + request.idempotencyKey();
  }

  private boolean deadLetter(Message message, QueuedRequest request, String reason) {
    return deadLetter(message, request, reason, Optional.empty());
  }

  private boolean deadLetter(
      Message message, QueuedRequest request, String reason, Optional<ReplayLedger.Lease> lease) {
    deadLetters.send(message.body(), reason);
    ledger.settle(ledgerKey(request), lease, State.DEAD, Optional.of(reason));
    LOG.error("Dead-lettered: {}", reason);
    return true;
  }

  /** Long enough for one delivery, so a second replayer does not deliver the same key meanwhile. */
  private static Duration leaseFor(Route route) {
    return route.primary().timeout().plusSeconds(5);
  }
}
