package dev.brownout.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeployedApisTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theStageNameIsTheTemplatesStageOfThatApi() throws Exception {
    var template =
        JSON.readTree(
            """
            {"Resources": {
              "OtherStage": {"Type": "AWS::ApiGateway::Stage",
                "Properties": {"RestApiId": {"Ref": "Other"}, "StageName": "v2"}},
              "ApiStage": {"Type": "AWS::ApiGateway::Stage",
                "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "prod"}}}}
            """);

    assertThat(DeployedApis.stageName(template, "Api")).contains("prod");
    assertThat(DeployedApis.stageName(template, "Other")).contains("v2");
  }

  @Test
  void aDeploymentWithAStageNameStandsForTheStage() throws Exception {
    var template =
        JSON.readTree(
            """
            {"Resources": {"Deployment": {"Type": "AWS::ApiGateway::Deployment",
              "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "dev"}}}}
            """);

    assertThat(DeployedApis.stageName(template, "Api")).contains("dev");
  }

  @Test
  void anApiWithoutAStageHasNone() throws Exception {
    var template =
        JSON.readTree(
            """
            {"Resources": {"Deployment": {"Type": "AWS::ApiGateway::Deployment",
              "Properties": {"RestApiId": {"Ref": "Api"}}}}}
            """);

    assertThat(DeployedApis.stageName(template, "Api")).isEmpty();
  }
}
