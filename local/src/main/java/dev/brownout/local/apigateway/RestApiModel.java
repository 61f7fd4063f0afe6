package dev.brownout.local.apigateway;

import java.util.List;

/**
 * A deployed REST API as the local cloud serves it: what moto's {@code GetRestApi}, {@code
 * GetStage} and {@code GetResources} report for one stage.
 *
 * @param apiId the API's id, as in {@code requestContext.apiId}
 * @param name the API's name
 * @param accountId the account that owns it, as in {@code requestContext.accountId}
 * @param stage the stage served, as in {@code requestContext.stage}
 * @param deploymentId the stage's deployment, as in {@code requestContext.deploymentId}
 * @param binaryMediaTypes the API's {@code binaryMediaTypes}; CloudFormation's {@code ~1} escape
 *     for {@code /} is undone ({@code image~1png} is {@code image/png})
 * @param resources every resource of the deployment, the root {@code /} included
 * @throws IllegalArgumentException when an id, the account, the stage or the deployment is missing
 */
public record RestApiModel(
    String apiId,
    String name,
    String accountId,
    String stage,
    String deploymentId,
    List<String> binaryMediaTypes,
    List<ApiResource> resources) {

  public RestApiModel {
    require("apiId", apiId);
    require("accountId", accountId);
    require("stage", stage);
    require("deploymentId", deploymentId);
    binaryMediaTypes =
        binaryMediaTypes == null
            ? List.of()
            : binaryMediaTypes.stream().map(type -> type.replace("~1", "/")).toList();
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  private static void require(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the REST API has no " + what);
    }
  }
}
