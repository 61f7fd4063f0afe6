package dev.brownout.functions.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * AWS clients as every function builds them: once per execution environment, on the small
 * url-connection HTTP client, with region and credentials from the environment. {@code
 * AWS_ENDPOINT_URL} (a local cloud, tests) points them elsewhere.
 */
public final class AwsClients {
  public static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration SQS_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration KMS_CALL_TIMEOUT = Duration.ofSeconds(5);

  private AwsClients() {}

  /**
   * A DynamoDB client whose calls, retries included, give up after {@link #DYNAMODB_CALL_TIMEOUT}:
   * within the health check's margin before its timeout, and far within API Gateway's 29 s.
   */
  public static DynamoDbClient dynamoDb(Optional<URI> endpoint) {
    return dynamoDb(endpoint, DYNAMODB_CALL_TIMEOUT);
  }

  /** A DynamoDB client whose calls, retries included, give up after {@code callTimeout}. */
  public static DynamoDbClient dynamoDb(Optional<URI> endpoint, Duration callTimeout) {
    return configure(DynamoDbClient.builder(), endpoint)
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
        .build();
  }

  /**
   * A DynamoDB client that tries each call once, giving up after {@code callTimeout}: for writes
   * that must not be sent twice ({@code ADD} counts again when the first attempt was applied but
   * its answer lost).
   */
  public static DynamoDbClient dynamoDbWithoutRetries(
      Optional<URI> endpoint, Duration callTimeout) {
    return configure(DynamoDbClient.builder(), endpoint)
        .overrideConfiguration(
            o -> o.apiCallTimeout(callTimeout).retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * An SSM client whose calls give up after {@link #SSM_CALL_TIMEOUT}: the API reads flags on a
   * request's path, and keeps its last values rather than wait on a slow SSM.
   */
  public static SsmClient ssm(Optional<URI> endpoint) {
    return configure(SsmClient.builder(), endpoint)
        .overrideConfiguration(o -> o.apiCallTimeout(SSM_CALL_TIMEOUT))
        .build();
  }

  /** An SQS client whose calls, retries included, give up after {@link #SQS_CALL_TIMEOUT}. */
  public static SqsClient sqs(Optional<URI> endpoint) {
    return sqs(endpoint, SQS_CALL_TIMEOUT);
  }

  /** An SQS client whose calls, retries included, give up after {@code callTimeout}. */
  public static SqsClient sqs(Optional<URI> endpoint, Duration callTimeout) {
    return configure(SqsClient.builder(), endpoint)
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
        .build();
  }

  /**
   * A KMS client whose calls give up after {@link #KMS_CALL_TIMEOUT}: the API seals a queued
   * write's credential on the request's path, within API Gateway's 29 s.
   */
  public static KmsClient kms(Optional<URI> endpoint) {
    return configure(KmsClient.builder(), endpoint)
        .overrideConfiguration(o -> o.apiCallTimeout(KMS_CALL_TIMEOUT))
        .build();
  }

  public static SfnClient stepFunctions(Optional<URI> endpoint) {
    return configure(SfnClient.builder(), endpoint).build();
  }

  private static <B extends AwsSyncClientBuilder<B, ?> & SdkClientBuilder<B, ?>> B configure(
      B builder, Optional<URI> endpoint) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }
}
