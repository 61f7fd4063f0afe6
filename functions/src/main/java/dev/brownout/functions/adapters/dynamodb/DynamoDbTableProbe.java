package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Checks a {@code dynamodb} dependency: its table must be ACTIVE. */
public final class DynamoDbTableProbe implements Probe {
  private final DynamoDbClient dynamoDb;
  private final Clock clock;

  public DynamoDbTableProbe(DynamoDbClient dynamoDb, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.clock = clock;
  }

  @Override
  public CheckResult check(Dependency dependency) {
    var check = (HealthCheck.DynamoDb) dependency.check();
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    try {
      TableStatus status =
          dynamoDb
              .describeTable(
                  DescribeTableRequest.builder()
                      .tableName(check.table())
                      .overrideConfiguration(o -> o.apiCallTimeout(check.timeout()))
                      .build())
              .table()
              .tableStatus();
      Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
      return status == TableStatus.ACTIVE
          ? CheckResult.success(latency, start)
          : CheckResult.failure(
              "table " + check.table() + " is " + status + ", expected ACTIVE", latency, start);
    } catch (ResourceNotFoundException e) {
      return CheckResult.failure(
          "table " + check.table() + " does not exist",
          Duration.ofNanos(System.nanoTime() - startNanos),
          start);
    } catch (SdkException e) {
      return CheckResult.failure(
          "DynamoDB did not describe table " + check.table() + ": " + e.getMessage(),
          Duration.ofNanos(System.nanoTime() - startNanos),
          start);
    }
  }
}
