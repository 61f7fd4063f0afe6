package dev.brownout.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * The REST APIs a stack deployed, read back from moto ({@code GetRestApi}, {@code GetResources}
 * with methods and integrations, {@code GetDeployments}), never from the catalog: the routes served
 * locally are exactly those deployed. The stage name comes from the stack's template, because
 * moto's CloudFormation skips {@code AWS::ApiGateway::Stage}.
 */
public final class DeployedApis {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiGatewayClient apiGateway;
  private final CloudFormationClient cloudFormation;

  public DeployedApis(ApiGatewayClient apiGateway, CloudFormationClient cloudFormation) {
    this.apiGateway = apiGateway;
    this.cloudFormation = cloudFormation;
  }

  /**
   * Every REST API of the stack.
   *
   * @throws IllegalStateException when an API has no deployment or no stage in the template
   */
  public List<RestApiModel> of(String stackName, String accountId) {
    JsonNode template = template(stackName);
    List<RestApiModel> apis = new ArrayList<>();
    for (StackResourceSummary resource :
        cloudFormation
            .listStackResourcesPaginator(r -> r.stackName(stackName))
            .stackResourceSummaries()) {
      if (resource.resourceType().equals("AWS::ApiGateway::RestApi")) {
        String stage =
            stageName(template, resource.logicalResourceId())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the REST API "
                                + resource.logicalResourceId()
                                + " of "
                                + stackName
                                + " has no stage in the template"));
        apis.add(read(resource.physicalResourceId(), stage, accountId));
      }
    }
    return apis;
  }

  /** One API, as deployed. */
  public RestApiModel read(String apiId, String stage, String accountId) {
    var api = apiGateway.getRestApi(r -> r.restApiId(apiId));
    String deployment =
        apiGateway.getDeployments(r -> r.restApiId(apiId)).items().stream()
            .reduce((first, second) -> second)
            .map(d -> d.id())
            .orElseThrow(
                () -> new IllegalStateException("the REST API " + apiId + " has no deployment"));
    List<ApiResource> resources = new ArrayList<>();
    for (Resource resource :
        apiGateway.getResourcesPaginator(r -> r.restApiId(apiId).embed("methods")).items()) {
      Map<String, ApiMethod> methods = new LinkedHashMap<>();
      if (resource.resourceMethods() != null) {
        resource
            .resourceMethods()
            .forEach((name, method) -> methods.put(name, method(method, name)));
      }
      resources.add(new ApiResource(resource.id(), resource.path(), methods));
    }
    return new RestApiModel(
        apiId, api.name(), accountId, stage, deployment, api.binaryMediaTypes(), resources);
  }

  private static ApiMethod method(Method method, String name) {
    Integration integration = method.methodIntegration();
    if (integration == null) {
      return new ApiMethod(name, "NONE", null, null, null);
    }
    return new ApiMethod(
        name,
        integration.typeAsString(),
        integration.httpMethod(),
        integration.uri(),
        integration.timeoutInMillis() == null
            ? null
            : Duration.ofMillis(integration.timeoutInMillis()));
  }

  private JsonNode template(String stackName) {
    try {
      return JSON.readTree(cloudFormation.getTemplate(r -> r.stackName(stackName)).templateBody());
    } catch (IOException e) {
      throw new UncheckedIOException("the template of " + stackName + " is not JSON", e);
    }
  }

  /** The StageName of the template's stage (or deployment) of the API with this logical id. */
  static Optional<String> stageName(JsonNode template, String apiLogicalId) {
    for (JsonNode resource : template.path("Resources")) {
      String type = resource.path("Type").asText();
      JsonNode properties = resource.path("Properties");
      boolean ofThisApi = properties.path("RestApiId").path("Ref").asText().equals(apiLogicalId);
      if (ofThisApi
          && (type.equals("AWS::ApiGateway::Stage") || type.equals("AWS::ApiGateway::Deployment"))
          && properties.path("StageName").isTextual()) {
        return Optional.of(properties.path("StageName").asText());
      }
    }
    return Optional.empty();
  }
}
