package dev.brownout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.functions.adapters.metrics.MetricsNamespace;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.config.CatalogSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One piece of a function's init at a time, in a fresh JVM run by {@link ColdStartFigures} with the
 * functions' jar on the class path and the same JVM options: each named step runs in the order
 * given and prints how long it took, so that a piece's cost can be read alone (first in its JVM)
 * and after the others (as the handler runs it).
 *
 * <p>Steps: {@code log} (one log line: Logback, set up in code, Powertools' JSON), {@code catalog}
 * (the catalog file), {@code client} (a DynamoDB client as {@link AwsClients} builds it), {@code
 * client-explicit} (the same with region and credentials provider given), {@code call} (one
 * GetItem), {@code clients} (the API's other four clients), {@code metrics} (Powertools metrics as
 * the functions make them), {@code json} (Jackson, one map written).
 */
public final class InitProbe {
  private InitProbe() {}

  public static void main(String[] args) throws Exception {
    String catalogPath = args[0];
    Optional<URI> endpoint = Optional.of(URI.create(System.getenv("AWS_ENDPOINT_URL")));
    Catalog catalog = null;
    DynamoDbClient dynamoDb = null;
    List<String> out = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      long start = System.nanoTime();
      switch (args[i]) {
        case "log" -> LoggerFactory.getLogger(InitProbe.class).info("probe");
        case "catalog" -> catalog = CatalogSource.load(catalogPath);
        case "client" -> dynamoDb = AwsClients.dynamoDb(endpoint);
        case "client-explicit" ->
            dynamoDb =
                DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(System.getenv("AWS_REGION")))
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                    .endpointOverride(endpoint.orElseThrow())
                    .build();
        case "call" ->
            dynamoDb.getItem(
                g ->
                    g.tableName("cold-status")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("LEVEL"),
                                "sk", AttributeValue.fromS("CURRENT"))));
        case "clients" -> {
          AwsClients.dynamoDbWithoutRetries(endpoint, Duration.ofSeconds(1));
          AwsClients.ssm(endpoint);
          AwsClients.sqs(endpoint);
          AwsClients.kms(endpoint);
        }
        case "metrics" -> MetricsNamespace.metrics(catalog, MetricsNamespace.API);
        case "json" -> new ObjectMapper().writeValueAsString(Map.of("a", List.of(1, 2)));
        default -> throw new IllegalArgumentException("no step \"" + args[i] + "\"");
      }
      out.add(args[i] + "=" + (System.nanoTime() - start) / 1_000_000);
    }
    System.out.println("PROBE " + String.join(" ", out));
    System.exit(0);
  }
}
