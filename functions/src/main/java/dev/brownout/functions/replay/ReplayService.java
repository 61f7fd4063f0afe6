package dev.brownout.functions.replay;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.catalog.UrlTemplate;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.ports.UpstreamClient.Answer;
import dev.brownout.core.ports.UpstreamClient.UpstreamFailure;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.core.replay.Replay;
import dev.brownout.functions.replay.QueuedMessages.QueuedMessage;
import dev.brownout.functions.replay.ReplayLedger.State;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Replays queued writes to their primary once their dependency is healthy again: each idempotency
 * key is delivered once (the ledger says which were), an unhealthy dependency is waited for without
 * spending an attempt, and after the route's {@code maxAttempts} failed deliveries the write goes
 * to the dead-letter queue with the reason. A key that comes back with another write is not that
 * write's duplicate: the other write is dead-lettered with the reason. A dead-lettered write that
 * comes back (a redrive from the dead-letter queue) is tried afresh. Keys are scoped by route and,
 * when API Gateway's authorizer named one, by client. A write goes only where the route's primary
 * points now: one queued for another host or path is dead-lettered unsent. A write that has waited
 * almost as many receives as the queue allows is dead-lettered with the reason before the queue
 * would move it there without one. The client's credential is opened in memory for the delivery
 * only; a dead letter keeps it sealed.
 */
public final class ReplayService {
  /**
   * A message to replay, as SQS delivers it.
   *
   * @param receives how often SQS has handed it out, this time included ({@code
   *     ApproximateReceiveCount})
   */
  public record Message(String id, String body, int receives) {}

  private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

  /** The longest one delivery may take: a primary timeout (29 s at most) and the ledger writes. */
  static final Duration LONGEST_DELIVERY = Duration.ofSeconds(35);

  private final Catalog catalog;
  private final StatusBoard board;
  private final ReplayLedger ledger;
  private final UpstreamClient upstream;
  private final DeadLetters deadLetters;
  private final CredentialSeal seal;
  private final int maxReceives;
  private final Clock clock;

  /**
   * @param maxReceives the replay queue's {@code maxReceiveCount}: after that many receives SQS
   *     moves a message to the dead-letter queue itself
   */
  public ReplayService(
      Catalog catalog,
      StatusBoard board,
      ReplayLedger ledger,
      UpstreamClient upstream,
      DeadLetters deadLetters,
      CredentialSeal seal,
      int maxReceives,
      Clock clock) {
    this.catalog = catalog;
    this.board = board;
    this.ledger = ledger;
    this.upstream = upstream;
    this.deadLetters = deadLetters;
    this.seal = seal;
    this.maxReceives = maxReceives;
    this.clock = clock;
  }

  /**
   * @param timeLeft how long the invocation has left; a message whose delivery might not finish in
   *     it is left on the queue rather than cut off halfway
   * @return the ids of the messages to leave on the queue for a later try
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
    QueuedMessage queued;
    try {
      queued = QueuedMessages.read(message.body());
    } catch (IllegalArgumentException e) {
      deadLetters.send(message.body(), e.getMessage());
      LOG.error("Message {} dead-lettered: {}", message.id(), e.getMessage());
      return true;
    }
    QueuedRequest request = queued.request();
    MDC.put("route", request.route());
    MDC.put("idempotencyKey", request.idempotencyKey());
    Optional<Route> route =
        catalog.routes().stream().filter(r -> r.id().equals(request.route())).findFirst();
    if (route.isEmpty()) {
      return deadLetter(
          message, request, "the catalog has no route " + request.route() + " any more");
    }
    return decide(message, queued, route.get(), healthy);
  }

  private boolean decide(
      Message message, QueuedMessage queued, Route route, Map<String, Boolean> healthy) {
    QueuedRequest request = queued.request();
    int maxAttempts =
        route.fallback().stream()
            .filter(f -> f instanceof Fallback.Queue)
            .map(f -> ((Fallback.Queue) f).maxAttempts())
            .findFirst()
            .orElse(Fallback.Queue.DEFAULT_MAX_ATTEMPTS);
    String dependency = route.dependency();
    boolean dependencyHealthy =
        healthy.getOrDefault(dependency, DependencyStatus.unchecked("").healthy());
    ReplayLedger.Entry entry = ledger.read(ledgerKey(request));
    Replay.Next next =
        Replay.next(
            entry.sameRequest(request.fingerprint()),
            entry.state() == State.DELIVERED,
            entry.state() == State.DEAD,
            entry.leasedAt(clock.instant()),
            dependencyHealthy,
            entry.attempts(),
            maxAttempts);
    return switch (next) {
      case KEY_REUSED -> {
        // The key's record is the other write's: this one leaves it alone.
        String reason =
            "Idempotency-Key "
                + request.idempotencyKey()
                + " was used before for a different request (another method, URL or body)";
        deadLetters.send(message.body(), reason);
        LOG.error("Dead-lettered: {}", reason);
        yield true;
      }
      case ALREADY_DELIVERED -> {
        LOG.info("Already delivered; the duplicate is dropped");
        yield true;
      }
      case TRY_AFRESH -> {
        LOG.info("Dead-lettered before and sent again: it is tried afresh");
        yield ledger.reopen(ledgerKey(request), request.fingerprint(), clock.instant())
            && decide(message, queued, route, healthy);
      }
      case IN_FLIGHT_ELSEWHERE -> false;
      case WAIT_FOR_HEALTH ->
          waitOrDeadLetter(message, request, "for " + dependency + " to become healthy");
      case DEAD_LETTER -> deadLetter(message, request, "out of attempts (" + maxAttempts + ")");
      case DELIVER -> deliver(message, queued, route, maxAttempts);
    };
  }

  private boolean deliver(Message message, QueuedMessage queued, Route route, int maxAttempts) {
    QueuedRequest request = queued.request();
    UrlTemplate primary = route.primary().url();
    if (!primary.expandsTo(request.url())) {
      // The credential goes only where the catalog points now.
      String stored = UrlTemplate.originOf(request.url());
      return deadLetter(
          message,
          request,
          stored.equals(primary.origin())
              ? "the route's primary is now "
                  + primary
                  + ", and "
                  + request.url().getRawPath()
                  + " is not one of its URLs; the write was not sent"
              : "the route's primary moved from "
                  + stored
                  + " to "
                  + primary.origin()
                  + "; the write was not sent");
    }
    QueuedRequest opened;
    try {
      opened = queued.open(seal);
    } catch (IllegalArgumentException e) {
      return deadLetter(message, request, e.getMessage());
    } catch (DataKeys.KeyFailure e) {
      // Nothing was sent and no attempt is spent: the key service may answer next time.
      return waitOrDeadLetter(
          message, request, "for the client's credential to open: " + e.getMessage());
    }
    Optional<ReplayLedger.Lease> lease =
        ledger.lease(ledgerKey(request), request.fingerprint(), clock.instant(), leaseFor(route));
    if (lease.isEmpty()) {
      return false; // delivered, taken or reused meanwhile; the next look decides
    }
    int attempt = lease.get().attempts();
    Map<String, String> headers = new HashMap<>(opened.headers());
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
      Replay.Delivery delivery = Replay.delivery(answer.status());
      if (delivery == Replay.Delivery.DELIVERED) {
        if (!settle(request, lease, State.DELIVERED, Optional.empty())) {
          LOG.warn("Delivered, but the lease had expired: another replayer may deliver it too");
        }
        LOG.info("Delivered on attempt {}: {}", attempt, answer.status());
        return true;
      }
      if (delivery != Replay.Delivery.RETRY) {
        return deadLetter(message, request, refusal(delivery, answer), lease);
      }
      failure = "the primary answered " + answer.status();
    } catch (UpstreamFailure e) {
      failure = "the primary failed: " + e.getMessage();
    }
    failure += " (attempt " + attempt + " of " + maxAttempts + ")";
    if (Replay.afterFailure(attempt, maxAttempts) == Replay.AfterFailure.DEAD_LETTER) {
      return deadLetter(message, request, failure, lease);
    }
    if (lastReceive(message)) {
      return deadLetter(message, request, waited(message, "to retry after: " + failure), lease);
    }
    settle(request, lease, State.PENDING, Optional.of(failure));
    LOG.warn("The write waits to retry after: {}", failure);
    return false;
  }

  /** Why a status that is neither a delivery nor worth a retry refuses the write. */
  private static String refusal(Replay.Delivery delivery, Answer answer) {
    return switch (delivery) {
      case REDIRECTED ->
          "the primary answered "
              + answer.status()
              + Optional.ofNullable(answer.headers().get("location"))
                  .flatMap(ReplayService::withoutSecrets)
                  .map(location -> " (a redirect to " + location + ")")
                  .orElse(" (a redirect)")
              + ", which a replay does not follow: the write was not delivered";
      case CREDENTIAL_REFUSED ->
          "the primary refused the client's credential: "
              + answer.status()
              + " (it most likely expired while the write was queued; the client must send the"
              + " write again with a valid one)";
      case REFUSED, DELIVERED, RETRY -> "the primary refused it: " + answer.status();
    };
  }

  /**
   * A redirect's target as scheme, host and path only: its query, fragment and user info may carry
   * a code, a session or a presigned signature, which must not reach a dead letter or a log.
   */
  private static Optional<String> withoutSecrets(String location) {
    try {
      URI uri = new URI(location.trim());
      String path = Optional.ofNullable(uri.getRawPath()).orElse("");
      return Optional.of(
              uri.getHost() == null ? path : uri.getScheme() + "://" + uri.getHost() + path)
          .filter(target -> !target.isEmpty());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * Leaves the message for later, unless this is about the last receive the queue allows: then it
   * is dead-lettered with the reason rather than moved by the queue without one.
   *
   * @param waitingFor what the write waits for, as in "waited 12 receives {@code for orders to
   *     become healthy}"
   */
  private boolean waitOrDeadLetter(Message message, QueuedRequest request, String waitingFor) {
    if (lastReceive(message)) {
      return deadLetter(message, request, waited(message, waitingFor));
    }
    LOG.info("The write waits {}", waitingFor);
    return false;
  }

  private boolean lastReceive(Message message) {
    return Replay.afterWait(message.receives(), maxReceives) == Replay.AfterFailure.DEAD_LETTER;
  }

  private static String waited(Message message, String waitingFor) {
    return "waited " + message.receives() + " receives " + waitingFor;
  }

  /**
   * Keys are the client's, so the ledger scopes them by route (two routes may reuse "1") and by
   * client when API Gateway's authorizer named one (two clients may reuse "order-1", and one must
   * not get the other's write dropped or dead-lettered).
   */
  static String ledgerKey(QueuedRequest request) {
    return request.route()
        + " "
        + request.idempotencyKey()
        + request.client().map(client -> " client:" + client).orElse("");
  }

  private boolean settle(
      QueuedRequest request,
      Optional<ReplayLedger.Lease> lease,
      State state,
      Optional<String> error) {
    return ledger.settle(
        ledgerKey(request), request.fingerprint(), lease, state, error, clock.instant());
  }

  private boolean deadLetter(Message message, QueuedRequest request, String reason) {
    return deadLetter(message, request, reason, Optional.empty());
  }

  /**
   * Records the key dead, then sends the dead letter. When the ledger records nothing, the key was
   * decided meanwhile: delivered or dead-lettered by another copy (this one is dropped), held by
   * another replayer (the next look decides), or another write's (this one is dead-lettered without
   * touching its record).
   */
  private boolean deadLetter(
      Message message, QueuedRequest request, String reason, Optional<ReplayLedger.Lease> lease) {
    if (!settle(request, lease, State.DEAD, Optional.of(reason))) {
      ReplayLedger.Entry entry = ledger.read(ledgerKey(request));
      if (entry.sameRequest(request.fingerprint())) {
        if (entry.state() == State.PENDING) {
          LOG.info("Not dead-lettered: another replayer holds the key ({})", reason);
          return false;
        }
        LOG.info("Not dead-lettered: the key is {} meanwhile ({})", entry.state(), reason);
        return true;
      }
    }
    deadLetters.send(message.body(), reason);
    LOG.error("Dead-lettered: {}", reason);
    return true;
  }

  /** Long enough for one delivery, so a second replayer does not deliver the same key meanwhile. */
  private static Duration leaseFor(Route route) {
    return route.primary().timeout().plusSeconds(5);
  }
}
