package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Fallback;
import dev.brownout.core.catalog.Route;
import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue;
import dev.brownout.core.ports.UpstreamClient;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.adapters.dynamodb.DynamoDbReplayLedger;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.http.HttpUpstream;
import dev.brownout.functions.adapters.kms.KmsDataKeys;
import dev.brownout.functions.adapters.sqs.SqsDeadLetters;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.AwsClients.Transport;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.config.Lazy;
import dev.brownout.functions.handlers.priming.InProcessAws;
import dev.brownout.functions.handlers.priming.PrimingContext;
import dev.brownout.functions.handlers.priming.RuntimeJson;
import dev.brownout.functions.handlers.priming.SnapStartHooks;
import dev.brownout.functions.handlers.priming.StandInAnswers;
import dev.brownout.functions.handlers.priming.StandInUpstream;
import dev.brownout.functions.replay.DeadLetters;
import dev.brownout.functions.replay.QueuedMessages;
import dev.brownout.functions.replay.ReplayService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The replay function, fed by the queue of the {@code queue} fallback (SQS event source with
 * partial batch responses): messages that must wait are reported as failures and come back after
 * the queue's visibility timeout. Each record's {@code ApproximateReceiveCount} tells the replay
 * how close the message is to the queue's redrive.
 */
public final class ReplayHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayHandler.class);

  private final Catalog catalog;
  private final ReplaySettings settings;
  private final Clock clock;
  private final Lazy<SqsClient> deadLetterQueue;
  private final Lazy<KmsClient> keyService;
  private final ReplayService service;

  // Held for as long as the handler lives: CRaC's global context keeps only a weak reference.
  private final SnapStartHooks hooks;

  public ReplayHandler() {
    this(ReplaySettings.from(Environment.system()), Clock.systemUTC());
  }

  public ReplayHandler(ReplaySettings settings, Clock clock) {
    this.catalog = CatalogSource.load(settings.catalogLocation());
    this.settings = settings;
    this.clock = clock;
    Transport aws = Transport.aws(settings.awsEndpoint());
    // SQS serves only a dead-lettered write, KMS only a write that carried a credential: built at
    // their first use (or by the priming, into the SnapStart snapshot), not at init.
    this.deadLetterQueue = new Lazy<>(() -> AwsClients.sqs(aws, AwsClients.SQS_CALL_TIMEOUT));
    this.keyService = new Lazy<>(() -> AwsClients.kms(aws));
    this.service =
        service(
            AwsClients.dynamoDb(aws),
            new HttpUpstream(HttpUpstream.defaultClient()),
            (body, reason) ->
                new SqsDeadLetters(deadLetterQueue.get(), settings.deadLetterQueueUrl())
                    .send(body, reason),
            new DataKeys() {
              @Override
              public DataKey generate() throws KeyFailure {
                return keys().generate();
              }

              @Override
              public byte[] decrypt(byte[] encrypted) throws KeyFailure {
                return keys().decrypt(encrypted);
              }

              private DataKeys keys() {
                return new KmsDataKeys(keyService.get(), settings.credentialsKey());
              }
            });
    // Nothing to make fresh after a restore: the priming used a service of its own, so no data key
    // was opened here; the SDK clients and the upstream's HttpClient have sent nothing (empty
    // pools), and the SDK resolves its credentials at its first call. The priming's lease does
    // create the JDK's UUID generator before the snapshot: a SecureRandom, which on Linux mixes
    // /dev/urandom into every draw, so the lease tokens drawn after a restore still differ.
    this.hooks = SnapStartHooks.priming(this::prime);
  }

  private ReplayService service(
      DynamoDbClient dynamoDb, UpstreamClient upstream, DeadLetters deadLetters, DataKeys keys) {
    return new ReplayService(
        catalog,
        new DynamoDbStatusBoard(dynamoDb, settings.statusTable()),
        new DynamoDbReplayLedger(dynamoDb, settings.statusTable()),
        upstream,
        deadLetters,
        new CredentialSeal(keys),
        settings.maxReceives(),
        clock);
  }

  /**
   * SnapStart's {@code beforeCheckpoint}: one batch as SQS delivers it (the bundled SQS event read
   * and the batch response written by the runtime's serialisers), holding one queued write, with a
   * sealed credential, of each route that has the {@code queue} fallback, against in-process
   * stand-ins: SDK clients of their own over {@link InProcessAws} (statuses, ledger, dead letters,
   * KMS; every dependency healthy) and {@link StandInUpstream}: each write's credential is opened
   * and the write delivered and recorded in the stand-in ledger. Nothing leaves the process. Then
   * it builds the SQS and KMS clients, so the snapshot holds them.
   *
   * @return the operations the stand-in AWS was asked, for tests
   */
  List<String> prime() {
    InProcessAws aws = new InProcessAws(StandInAnswers.ofReplay(catalog));
    Transport standIn = Transport.standIn(aws);
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(standIn);
        SqsClient sqs = AwsClients.sqs(standIn, AwsClients.SQS_CALL_TIMEOUT);
        KmsClient kms = AwsClients.kms(standIn)) {
      DataKeys keys = new KmsDataKeys(kms, settings.credentialsKey());
      ReplayService primer =
          service(
              dynamoDb,
              new StandInUpstream(),
              new SqsDeadLetters(sqs, settings.deadLetterQueueUrl()),
              keys);
      SQSEvent event = RuntimeJson.event("sqs-event.json", SQSEvent.class);
      SQSEvent.SQSMessage sample = event.getRecords().getFirst();
      List<SQSEvent.SQSMessage> records = new ArrayList<>();
      for (Route route : catalog.routes()) {
        if (route.fallback().stream().anyMatch(f -> f instanceof Fallback.Queue)) {
          SQSEvent.SQSMessage record =
              RuntimeJson.event("sqs-event.json", SQSEvent.class).getRecords().getFirst();
          record.setBody(queuedWrite(route, new CredentialSeal(keys)));
          records.add(record);
        }
      }
      event.setRecords(records.isEmpty() ? List.of(sample) : records);
      PrimingContext.label();
      LOG.info(
          "Priming before the SnapStart snapshot: {} queued writes against in-process stand-ins,"
              + " nothing sent",
          event.getRecords().size());
      PrimingContext context = new PrimingContext("replay");
      RuntimeJson.answer(answer(primer, event, context), SQSBatchResponse.class);
    } catch (DataKeys.KeyFailure e) {
      throw new IllegalStateException("the stand-in key service always answers", e);
    }
    deadLetterQueue.get();
    keyService.get();
    return aws.operations();
  }

  /** A write to {@code route} as the API queues it, its credential sealed. */
  private String queuedWrite(Route route, CredentialSeal seal) throws DataKeys.KeyFailure {
    Map<String, String> parameters = new HashMap<>();
    route.path().parameters().forEach(name -> parameters.put(name, "1"));
    return QueuedMessages.write(
        new RequestQueue.QueuedRequest(
            route.id(),
            route.method(),
            route.primary().url().expand(parameters, Map.of()),
            Map.of(
                "content-type",
                "application/json",
                "authorization",
                "Bearer " + PrimingContext.REQUEST_ID),
            "{}".getBytes(StandardCharsets.UTF_8),
            PrimingContext.REQUEST_ID,
            clock.instant()),
        seal);
  }

  SnapStartHooks snapStartHooks() {
    return hooks;
  }

  /** SQS's {@code ApproximateReceiveCount}; 1 if it is missing (a hand-made event). */
  private static int receives(SQSEvent.SQSMessage record) {
    String count =
        record.getAttributes() == null
            ? null
            : record.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return answer(service, event, context);
  }

  private static SQSBatchResponse answer(ReplayService service, SQSEvent event, Context context) {
    return PowertoolsLogging.withLogging(context, () -> batchResponse(service, event, context));
  }

  private static SQSBatchResponse batchResponse(
      ReplayService service, SQSEvent event, Context context) {
    List<ReplayService.Message> messages =
        event.getRecords() == null
            ? List.of()
            : event.getRecords().stream()
                .map(r -> new ReplayService.Message(r.getMessageId(), r.getBody(), receives(r)))
                .toList();
    List<SQSBatchResponse.BatchItemFailure> failures =
        service
            .replay(messages, () -> Duration.ofMillis(context.getRemainingTimeInMillis()))
            .stream()
            .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
            .toList();
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }
}
