package dev.brownout.functions.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * AWS clients as every function builds them: once per execution environment, on the small
 * url-connection HTTP client, with region and credentials from the environment. {@code
 * AWS_ENDPOINT_URL} (a local cloud, tests) points them elsewhere. The same clients can be built on
 * an in-process {@link Transport#standIn stand-in} instead, to prime their request path before a
 * SnapStart snapshot without sending anything.
 */
public final class AwsClients {
  public static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration SQS_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration KMS_CALL_TIMEOUT = Duration.ofSeconds(5);

  private AwsClients() {}

  /**
   * How a client's calls travel.
   *
   * @param endpoint {@code AWS_ENDPOINT_URL}, when set: another AWS endpoint (a local cloud)
   * @param standIn answers every call in process; empty for the real url-connection client
   */
  public record Transport(Optional<URI> endpoint, Optional<SdkHttpClient> standIn) {
    /**
     * To AWS, or to {@code endpoint} when set, with region and credentials from the environment.
     */
    public static Transport aws(Optional<URI> endpoint) {
      return new Transport(endpoint, Optional.empty());
    }

    /**
     * Every call answered by {@code standIn}, in a fixed region, signed with fixed dummy
     * credentials: nothing is looked up (no region or credentials provider chain, no instance
     * metadata) and nothing leaves the process.
     */
    public static Transport standIn(SdkHttpClient standIn) {
      return new Transport(Optional.empty(), Optional.of(standIn));
    }
  }

  /**
   * A DynamoDB client whose calls, retries included, give up after {@link #DYNAMODB_CALL_TIMEOUT}:
   * within the health check's margin before its timeout, and far within API Gateway's 29 s.
   */
  public static DynamoDbClient dynamoDb(Optional<URI> endpoint) {
    return dynamoDb(Transport.aws(endpoint));
  }

  /**
   * A DynamoDB client whose calls, retries included, give up after {@link #DYNAMODB_CALL_TIMEOUT}.
   */
  public static DynamoDbClient dynamoDb(Transport transport) {
    return dynamoDb(transport, DYNAMODB_CALL_TIMEOUT);
  }

  /** A DynamoDB client whose calls, retries included, give up after {@code callTimeout}. */
  public static DynamoDbClient dynamoDb(Optional<URI> endpoint, Duration callTimeout) {
    return dynamoDb(Transport.aws(endpoint), callTimeout);
  }

  /** A DynamoDB client whose calls, retries included, give up after {@code callTimeout}. */
  public static DynamoDbClient dynamoDb(Transport transport, Duration callTimeout) {
    return configure(DynamoDbClient.builder(), transport)
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
    return dynamoDbWithoutRetries(Transport.aws(endpoint), callTimeout);
  }

  /**
   * A DynamoDB client that tries each call once: see {@link #dynamoDbWithoutRetries(Optional,
   * Duration)}.
   */
  public static DynamoDbClient dynamoDbWithoutRetries(Transport transport, Duration callTimeout) {
    return configure(DynamoDbClient.builder(), transport)
        .overrideConfiguration(
            o -> o.apiCallTimeout(callTimeout).retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * An SSM client whose calls give up after {@link #SSM_CALL_TIMEOUT}: the API reads flags on a
   * request's path, and keeps its last values rather than wait on a slow SSM.
   */
  public static SsmClient ssm(Optional<URI> endpoint) {
    return ssm(Transport.aws(endpoint));
  }

  /** An SSM client whose calls give up after {@link #SSM_CALL_TIMEOUT}. */
  public static SsmClient ssm(Transport transport) {
    return configure(SsmClient.builder(), transport)
        .overrideConfiguration(o -> o.apiCallTimeout(SSM_CALL_TIMEOUT))
        .build();
  }

  /** An SQS client whose calls, retries included, give up after {@link #SQS_CALL_TIMEOUT}. */
  public static SqsClient sqs(Optional<URI> endpoint) {
    return sqs(endpoint, SQS_CALL_TIMEOUT);
  }

  /** An SQS client whose calls, retries included, give up after {@code callTimeout}. */
  public static SqsClient sqs(Optional<URI> endpoint, Duration callTimeout) {
    return sqs(Transport.aws(endpoint), callTimeout);
  }

  /** An SQS client whose calls, retries included, give up after {@code callTimeout}. */
  public static SqsClient sqs(Transport transport, Duration callTimeout) {
    return configure(SqsClient.builder(), transport)
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
        .build();
  }

  /**
   * A KMS client whose calls give up after {@link #KMS_CALL_TIMEOUT}: the API seals a queued
   * write's credential on the request's path, within API Gateway's 29 s.
   */
  public static KmsClient kms(Optional<URI> endpoint) {
    return kms(Transport.aws(endpoint));
  }

  /** A KMS client whose calls give up after {@link #KMS_CALL_TIMEOUT}. */
  public static KmsClient kms(Transport transport) {
    return configure(KmsClient.builder(), transport)
        .overrideConfiguration(o -> o.apiCallTimeout(KMS_CALL_TIMEOUT))
        .build();
  }

  public static SfnClient stepFunctions(Optional<URI> endpoint) {
    return stepFunctions(Transport.aws(endpoint));
  }

  public static SfnClient stepFunctions(Transport transport) {
    return configure(SfnClient.builder(), transport).build();
  }

  private static <
          B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?> & SdkClientBuilder<B, ?>>
      B configure(B builder, Transport transport) {
    transport
        .standIn()
        .ifPresentOrElse(
            standIn ->
                builder
                    .httpClient(standIn)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("stand-in", "stand-in"))),
            () -> builder.httpClientBuilder(UrlConnectionHttpClient.builder()));
    transport.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }
}
