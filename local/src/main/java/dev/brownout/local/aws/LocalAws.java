package dev.brownout.local.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS SDK clients of the local cloud's own parts, all pointed at the edge (so they see what any
 * other client sees) with the local cloud's region and test credentials; built once, closed
 * together.
 */
public final class LocalAws implements AutoCloseable {
  private final URI endpoint;
  private final Region region;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final List<AutoCloseable> clients = new ArrayList<>();
  private LambdaClient lambda;
  private S3Client s3;
  private SqsClient sqs;
  private SnsClient sns;
  private SfnClient sfn;
  private EventBridgeClient events;
  private DynamoDbClient dynamoDb;
  private SsmClient ssm;
  private ApiGatewayClient apiGateway;
  private CloudFormationClient cloudFormation;

  public LocalAws(URI endpoint, String region) {
    this.endpoint = endpoint;
    this.region = Region.of(region);
  }

  private <C extends AutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>>
      C build(B builder) {
    C client =
        builder
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(http)
            .build();
    clients.add(client);
    return client;
  }

  public synchronized LambdaClient lambda() {
    return lambda != null ? lambda : (lambda = build(LambdaClient.builder()));
  }

  public synchronized S3Client s3() {
    return s3 != null ? s3 : (s3 = build(S3Client.builder().forcePathStyle(true)));
  }

  public synchronized SqsClient sqs() {
    return sqs != null ? sqs : (sqs = build(SqsClient.builder()));
  }

  public synchronized SnsClient sns() {
    return sns != null ? sns : (sns = build(SnsClient.builder()));
  }

  public synchronized SfnClient sfn() {
    return sfn != null ? sfn : (sfn = build(SfnClient.builder()));
  }

  public synchronized EventBridgeClient events() {
    return events != null ? events : (events = build(EventBridgeClient.builder()));
  }

  public synchronized SsmClient ssm() {
    return ssm != null ? ssm : (ssm = build(SsmClient.builder()));
  }

  public synchronized DynamoDbClient dynamoDb() {
    return dynamoDb != null ? dynamoDb : (dynamoDb = build(DynamoDbClient.builder()));
  }

  public synchronized ApiGatewayClient apiGateway() {
    return apiGateway != null ? apiGateway : (apiGateway = build(ApiGatewayClient.builder()));
  }

  public synchronized CloudFormationClient cloudFormation() {
    return cloudFormation != null
        ? cloudFormation
        : (cloudFormation = build(CloudFormationClient.builder()));
  }

  /** The account moto answers as. */
  public String account() {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      return sts.getCallerIdentity().account();
    }
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        // closing a client frees memory only
      }
    }
    http.close();
  }
}
