package dev.brownout.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.replay.CredentialSeal;
import dev.brownout.functions.adapters.dynamodb.DynamoDbReplayLedger;
import dev.brownout.functions.adapters.dynamodb.DynamoDbStatusBoard;
import dev.brownout.functions.adapters.http.HttpUpstream;
import dev.brownout.functions.adapters.kms.KmsDataKeys;
import dev.brownout.functions.adapters.sqs.SqsDeadLetters;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.CatalogSource;
import dev.brownout.functions.config.Environment;
import dev.brownout.functions.replay.ReplayService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The replay function, fed by the queue of the {@code queue} fallback (SQS event source with
 * partial batch responses): messages that must wait are reported as failures and come back after
 * the queue's visibility timeout. Each record's {@code ApproximateReceiveCount} tells the replay
 * how close the message is to the queue's redrive.
 */
public final class ReplayHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final ReplayService service;

  public ReplayHandler() {
    this(ReplaySettings.from(Environment.system()), Clock.systemUTC());
  }

  public ReplayHandler(ReplaySettings settings, Clock clock) {
    Catalog catalog = CatalogSource.load(settings.catalogLocation());
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings.awsEndpoint());
    this.service =
        new ReplayService(
            catalog,
            new DynamoDbStatusBoard(dynamoDb, settings.statusTable()),
            new DynamoDbReplayLedger(dynamoDb, settings.statusTable()),
            new HttpUpstream(HttpUpstream.defaultClient()),
            new SqsDeadLetters(
                AwsClients.sqs(settings.awsEndpoint()), settings.deadLetterQueueUrl()),
            new CredentialSeal(
                new KmsDataKeys(AwsClients.kms(settings.awsEndpoint()), settings.credentialsKey())),
            settings.maxReceives(),
            clock);
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
    return PowertoolsLogging.withLogging(
        context,
        () -> {
          List<ReplayService.Message> messages =
              event.getRecords() == null
                  ? List.of()
                  : event.getRecords().stream()
                      .map(
                          r ->
                              new ReplayService.Message(r.getMessageId(), r.getBody(), receives(r)))
                      .toList();
          List<SQSBatchResponse.BatchItemFailure> failures =
              service
                  .replay(messages, () -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                  .stream()
                  .map(
                      id ->
                          SQSBatchResponse.BatchItemFailure.builder()
                              .withItemIdentifier(id)
                              .build())
                  .toList();
          return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
  }
}
