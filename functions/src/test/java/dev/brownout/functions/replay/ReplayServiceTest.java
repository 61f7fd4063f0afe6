package dev.brownout.functions.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.replay.ReplayLedger.State;
import dev.brownout.functions.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replay's rules with in-memory fakes of the ledger, the primary, the queue and KMS. */
class ReplayServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final int MAX_RECEIVES = 10;
  private static final Catalog CATALOG =
      CatalogLoader.parse(
          "shop.yaml",
          """
          app: shop
          dependencies:
            - name: orders
              criticality: important
              check: {type: tcp, host: 127.0.0.1, port: 1}
          routes:
            - method: POST
              path: /orders
              dependency: orders
              primary: {url: "http://orders.internal/orders", timeout: 500ms}
              fallback:
                - queue: {maxAttempts: 5}
          """);

  private final MutableClock clock = new MutableClock(T0);
  private final MemoryLedger ledger = new MemoryLedger();
  private final Primary primary = new Primary();
  private final Map<String, String> deadLetters = new HashMap<>();
  private final FakeKeys keys = new FakeKeys();
  private boolean ordersHealthy = true;
  private final ReplayService service =
      new ReplayService(
          CATALOG,
          () ->
              new StatusBoard.Board(
                  List.of(
                      new DependencyStatus(
                          "orders",
                          ordersHealthy,
                          0,
                          0,
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty())),
                  Optional.empty(),
                  List.of()),
          ledger,
          primary,
          (body, reason) -> deadLetters.put(body, reason),
          new CredentialSeal(keys),
          MAX_RECEIVES,
          clock);

  /** The primary: answers each call with the next status, and keeps the calls. */
  static final class Primary implements UpstreamClient {
    final List<Call> calls = new ArrayList<>();
    int status = 201;
    Map<String, String> headers = Map.of();

    @Override
    public Answer call(Call call) {
      calls.add(call);
      return new Answer(status, headers, new byte[0]);
    }
  }

  /** KMS: a data key "encrypted" by writing it in hex behind a prefix; can be switched off. */
  static final class FakeKeys implements DataKeys {
    boolean down;

    @Override
    public DataKey generate() {
      byte[] key = UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.UTF_8);
      return new DataKey(key, ("kms:" + HexFormat.of().formatHex(key)).getBytes());
    }

    @Override
    public byte[] decrypt(byte[] encrypted) throws KeyFailure {
      if (down) {
        throw new KeyFailure("KMS is throttling", null);
      }
      return HexFormat.of().parseHex(new String(encrypted).substring("kms:".length()));
    }
  }

  /** The ledger's contract in memory, leases and fingerprints included. */
  static final class MemoryLedger implements ReplayLedger {
    final Map<String, Entry> entries = new HashMap<>();
    final Map<String, String> tokens = new HashMap<>();

    /** What the next read answers instead, as a read just before another replayer's write. */
    Entry stale;

    @Override
    public Entry read(String key) {
      if (stale != null) {
        Entry entry = stale;
        stale = null;
        return entry;
      }
      return entries.getOrDefault(
          key, new Entry(State.PENDING, 0, Optional.empty(), Optional.empty()));
    }

    @Override
    public Optional<Lease> lease(String key, String fingerprint, Instant now, Duration leaseFor) {
      Entry entry = read(key);
      if (entry.state() != State.PENDING
          || entry.leasedAt(now)
          || !entry.sameRequest(fingerprint)) {
        return Optional.empty();
      }
      String token = UUID.randomUUID().toString();
      entries.put(
          key,
          new Entry(
              State.PENDING,
              entry.attempts() + 1,
              Optional.of(now.plus(leaseFor)),
              Optional.of(entry.fingerprint().orElse(fingerprint))));
      tokens.put(key, token);
      return Optional.of(new Lease(entry.attempts() + 1, token));
    }

    @Override
    public boolean reopen(String key, String fingerprint, Instant now) {
      Entry entry = read(key);
      if (entry.state() != State.DEAD || !entry.sameRequest(fingerprint)) {
        return false;
      }
      entries.put(key, new Entry(State.PENDING, 0, Optional.empty(), Optional.of(fingerprint)));
      return true;
    }

    @Override
    public boolean settle(
        String key,
        String fingerprint,
        Optional<Lease> lease,
        State state,
        Optional<String> error,
        Instant now) {
      Entry entry = read(key);
      boolean recordable =
          lease.isPresent()
              ? lease.get().token().equals(tokens.get(key))
              : !entries.containsKey(key)
                  || (entry.state() == State.PENDING
                      && !entry.leasedAt(now)
                      && entry.sameRequest(fingerprint));
      if (!recordable) {
        return false;
      }
      entries.put(
          key,
          new Entry(
              state,
              entry.attempts(),
              Optional.empty(),
              Optional.of(entry.fingerprint().orElse(fingerprint))));
      tokens.remove(key);
      return true;
    }
  }

  private String queued(String body, Map<String, String> credential) throws Exception {
    return queued(body, credential, "http://orders.internal/orders", Optional.empty());
  }

  private String queued(
      String body, Map<String, String> credential, String url, Optional<String> client)
      throws Exception {
    Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    headers.putAll(credential);
    return QueuedMessages.write(
        new QueuedRequest(
            "POST /orders",
            "POST",
            URI.create(url),
            headers,
            body.getBytes(StandardCharsets.UTF_8),
            "order-1",
            T0,
            client),
        new CredentialSeal(keys));
  }

  private List<String> replay(String message, int receives) {
    return service.replay(
        List.of(new ReplayService.Message("m", message, receives)), () -> Duration.ofMinutes(1));
  }

  @Test
  void anIdempotencyKeyReusedForAnotherBodyIsDeadLetteredWithTheReasonNotDroppedAsADuplicate()
      throws Exception {
    String first = queued("{\"productId\":\"42\"}", Map.of());
    String other = queued("{\"productId\":\"666\"}", Map.of());

    replay(first, 1);
    List<String> later = replay(other, 1);

    assertThat(later).isEmpty();
    assertThat(primary.calls).hasSize(1);
    assertThat(deadLetters)
        .containsExactly(
            Map.entry(
                other,
                "Idempotency-Key order-1 was used before for a different request (another"
                    + " method, URL or body)"));
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void anIdempotencyKeyReusedWhileTheFirstWriteStillWaitsLeavesTheFirstWriteDeliverable()
      throws Exception {
    primary.status = 503;
    String first = queued("{\"productId\":\"42\"}", Map.of());
    String other = queued("{\"productId\":\"666\"}", Map.of());
    replay(first, 1);

    replay(other, 1);
    primary.status = 201;
    replay(first, 2);

    assertThat(deadLetters).containsOnlyKeys(other);
    assertThat(primary.calls).hasSize(2);
    assertThat(new String(primary.calls.get(1).body(), StandardCharsets.UTF_8)).contains("42");
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void theSameWriteSentAgainWithARefreshedTokenIsStillItsOwnDuplicate() throws Exception {
    replay(queued("{\"productId\":\"42\"}", Map.of("authorization", "Bearer old")), 1);

    replay(queued("{\"productId\":\"42\"}", Map.of("authorization", "Bearer refreshed")), 1);

    assertThat(primary.calls).hasSize(1);
    assertThat(deadLetters).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 304, 307, 308})
  void aWriteAnsweredWithA3xxIsDeadLetteredNotCountedAsDelivered(int status) throws Exception {
    primary.status = status;
    String message = queued("{\"productId\":\"42\"}", Map.of());

    assertThat(replay(message, 1)).isEmpty();

    assertThat(deadLetters.get(message))
        .startsWith("the primary answered " + status + " (a redirect)")
        .endsWith("which a replay does not follow: the write was not delivered");
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DEAD);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204})
  void aWriteAnsweredWithA2xxIsDelivered(int status) throws Exception {
    primary.status = status;

    replay(queued("{\"productId\":\"42\"}", Map.of()), 1);

    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void theCredentialIsOpenedForTheDeliveryOnlyAndADeadLetterKeepsItSealed() throws Exception {
    primary.status = 403;
    String message = queued("{}", Map.of("authorization", "Bearer s3cret"));

    replay(message, 1);

    assertThat(message).doesNotContain("s3cret");
    assertThat(primary.calls.get(0).headers()).containsEntry("authorization", "Bearer s3cret");
    assertThat(deadLetters).containsOnlyKeys(message);
    assertThat(deadLetters.get(message))
        .startsWith("the primary refused the client's credential: 403 (it most likely expired");
  }

  @Test
  void aKeyServiceOutageAtReplayLeavesTheWriteQueuedWithoutSpendingAnAttempt() throws Exception {
    keys.down = true;

    List<String> later = replay(queued("{}", Map.of("authorization", "Bearer t")), 1);

    assertThat(later).containsExactly("m");
    assertThat(primary.calls).isEmpty();
    assertThat(ledger.read("POST /orders order-1").attempts()).isZero();
  }

  @Test
  void aFailingWriteAtTheLastReceiveBeforeTheRedriveIsDeadLetteredWithTheReason() throws Exception {
    primary.status = 503;
    String message = queued("{}", Map.of());

    assertThat(replay(message, MAX_RECEIVES - 2)).containsExactly("m");
    assertThat(replay(message, MAX_RECEIVES - 1)).isEmpty();

    assertThat(deadLetters.get(message))
        .isEqualTo("waited 9 receives to retry after: the primary answered 503 (attempt 2 of 5)");
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DEAD);
  }

  @Test
  void aWriteWaitingForHealthAtTheLastReceiveIsDeadLetteredWithTheReason() throws Exception {
    ordersHealthy = false;
    String message = queued("{}", Map.of());

    assertThat(replay(message, MAX_RECEIVES - 2)).containsExactly("m");
    assertThat(replay(message, MAX_RECEIVES - 1)).isEmpty();

    assertThat(deadLetters.get(message))
        .isEqualTo("waited 9 receives for orders to become healthy");
    assertThat(primary.calls).isEmpty();
  }

  @Test
  void aWriteDeadLetteredWhileWaitingAndRedrivenFromTheDeadLetterQueueIsTriedAfreshNotDropped()
      throws Exception {
    ordersHealthy = false;
    String message = queued("{\"productId\":\"42\"}", Map.of("authorization", "Bearer t"));
    replay(message, MAX_RECEIVES - 1);
    deadLetters.clear();
    ordersHealthy = true;

    List<String> later = replay(message, 1);

    assertThat(later).isEmpty();
    assertThat(primary.calls).hasSize(1);
    assertThat(deadLetters).isEmpty();
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void aWriteRefusedForGoodAndRedrivenGetsItsAttemptsBack() throws Exception {
    primary.status = 503;
    String message = queued("{}", Map.of());
    for (int receive = 1; receive <= 5; receive++) {
      replay(message, receive);
    }
    assertThat(deadLetters.get(message)).contains("(attempt 5 of 5)");
    deadLetters.clear();
    primary.status = 201;

    replay(message, 1);

    assertThat(primary.calls).hasSize(6);
    assertThat(deadLetters).isEmpty();
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }

  @Test
  void anotherWriteUnderAKeyDeadLetteredBeforeAnyDeliveryIsAKeyReuseNotDroppedAsAlreadyDead()
      throws Exception {
    ordersHealthy = false;
    replay(queued("{\"productId\":\"42\"}", Map.of()), MAX_RECEIVES - 1);
    ordersHealthy = true;
    String other = queued("{\"productId\":\"666\"}", Map.of());

    assertThat(replay(other, 1)).isEmpty();

    assertThat(primary.calls).isEmpty();
    assertThat(deadLetters.get(other))
        .startsWith("Idempotency-Key order-1 was used before for a different request");
  }

  @Test
  void anotherClientsWriteUnderTheSameKeyNeitherDeadLettersNorDropsTheFirstClientsWrite()
      throws Exception {
    String mallory =
        queued(
            "{\"to\":\"mallory\"}",
            Map.of("authorization", "Bearer mallory"),
            "http://orders.internal/orders",
            Optional.of("hash-of-mallory"));
    String alice =
        queued(
            "{\"to\":\"alice\"}",
            Map.of("authorization", "Bearer alice"),
            "http://orders.internal/orders",
            Optional.of("hash-of-alice"));

    replay(mallory, 1);
    replay(alice, 1);

    assertThat(deadLetters).isEmpty();
    assertThat(primary.calls)
        .extracting(c -> c.headers().get("authorization"))
        .containsExactly("Bearer mallory", "Bearer alice");
  }

  @Test
  void twoClientsSendingTheSameBodyUnderTheSameKeyAreEachDeliveredUnderTheirOwnCredential()
      throws Exception {
    for (String client : List.of("bob", "alice")) {
      replay(
          queued(
              "{\"qty\":1}",
              Map.of("authorization", "Bearer " + client),
              "http://orders.internal/orders",
              Optional.of("hash-of-" + client)),
          1);
    }

    assertThat(primary.calls)
        .extracting(c -> c.headers().get("authorization"))
        .containsExactly("Bearer bob", "Bearer alice");
  }

  @Test
  void aWriteQueuedForAHostTheCatalogNoLongerNamesIsDeadLetteredUnsentWithItsCredential()
      throws Exception {
    String message =
        queued(
            "{}",
            Map.of("authorization", "Bearer s3cret"),
            "http://old-orders.example.net/orders",
            Optional.empty());

    assertThat(replay(message, 1)).isEmpty();

    assertThat(primary.calls).isEmpty();
    assertThat(deadLetters.get(message))
        .isEqualTo(
            "the route's primary moved from http://old-orders.example.net:80 to"
                + " http://orders.internal:80; the write was not sent");
  }

  @Test
  void aWriteQueuedForAPathTheRoutesTemplateNoLongerMakesIsDeadLetteredUnsent() throws Exception {
    String message = queued("{}", Map.of(), "http://orders.internal/v1/orders", Optional.empty());

    replay(message, 1);

    assertThat(primary.calls).isEmpty();
    assertThat(deadLetters.get(message))
        .isEqualTo(
            "the route's primary is now http://orders.internal/orders, and /v1/orders is not one"
                + " of its URLs; the write was not sent");
  }

  @Test
  void aRedirectsQueryIsKeptOutOfTheDeadLetterReason() throws Exception {
    primary.status = 302;
    primary.headers =
        Map.of("location", "https://sso.example/cb?code=SECRET-AUTH-CODE&session=abc123#frag");
    String message = queued("{}", Map.of());

    replay(message, 1);

    assertThat(deadLetters.get(message))
        .isEqualTo(
            "the primary answered 302 (a redirect to https://sso.example/cb), which a replay does"
                + " not follow: the write was not delivered");
  }

  @Test
  void aCopyDeadLetteredJustAfterAnotherReplayerDeliveredItIsDroppedAndTheKeyStaysDelivered()
      throws Exception {
    String message = queued("{}", Map.of());
    replay(message, 1);
    ordersHealthy = false;
    ledger.stale = new ReplayLedger.Entry(State.PENDING, 0, Optional.empty(), Optional.empty());

    assertThat(replay(message, MAX_RECEIVES - 1)).isEmpty();

    assertThat(deadLetters).isEmpty();
    assertThat(ledger.read("POST /orders order-1").state()).isEqualTo(State.DELIVERED);
  }
}
