package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
  private static final LambdaEnvironment.Cloud CLOUD =
      new LambdaEnvironment.Cloud("us-east-1", URI.create("http://localhost:4566"), "test");

  private static FunctionConfig function(Map<String, String> env) {
    return new FunctionConfig(
        "shop-api",
        "arn:aws:lambda:us-east-1:123456789012:function:shop-api",
        "dev.example.Handler::handleRequest",
        "java21",
        1024,
        Duration.ofSeconds(29),
        env,
        "abc.zip",
        "sha");
  }

  private static Map<String, String> environment(Map<String, String> own) {
    return LambdaEnvironment.of(
        function(own),
        Path.of("/tmp/pkg"),
        Path.of("/opt/runtime"),
        "127.0.0.1:9001",
        CLOUD,
        "abc123",
        "/usr/bin:/bin");
  }

  @Test
  void theFunctionsOwnVariablesAreKeptBesideLambdasReservedOnes() {
    Map<String, String> env = environment(Map.of("BROWNOUT_STATUS_TABLE", "status"));

    assertThat(env)
        .containsEntry("BROWNOUT_STATUS_TABLE", "status")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "shop-api")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("_HANDLER", "dev.example.Handler::handleRequest")
        .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java21")
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("LAMBDA_TASK_ROOT", "/tmp/pkg")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/shop-api")
        .containsEntry("AWS_ENDPOINT_URL", "http://localhost:4566")
        .containsEntry("PATH", "/usr/bin:/bin");
    // each function signs with its own name, so the edge can cut off one function (aws:ssm-api)
    assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", "shop-api");
    assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME"))
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST]abc123");
  }

  @Test
  void aFunctionCannotOverrideAReservedVariableOrTheLocalEndpoint() {
    Map<String, String> own = new java.util.HashMap<>();
    LambdaEnvironment.RESERVED.forEach(name -> own.put(name, "from-the-template"));
    own.put("AWS_ENDPOINT_URL", "https://dynamodb.us-east-1.amazonaws.com");

    Map<String, String> env = environment(own);

    assertThat(LambdaEnvironment.RESERVED)
        .filteredOn(name -> !name.equals("_X_AMZN_TRACE_ID"))
        .allSatisfy(name -> assertThat(env.get(name)).as(name).isNotEqualTo("from-the-template"));
    assertThat(env).containsEntry("AWS_ENDPOINT_URL", "http://localhost:4566");
  }

  @Test
  void theHeapIsEightyFivePercentOfTheMemorySettingAsInLambdasJavaRuntime() {
    assertThat(LambdaEnvironment.jvmOptions(512)).contains("-XX:MaxHeapSize=435m");
    assertThat(LambdaEnvironment.jvmOptions(1024)).contains("-XX:MaxHeapSize=870m");
    assertThat(LambdaEnvironment.jvmOptions(128)).contains("-XX:+UseSerialGC");
  }

  @Test
  void theJvmSeesTheMemorySettingAsItsMachinesMemoryAsInLambdasContainer() {
    assertThat(LambdaEnvironment.jvmOptions(512)).contains("-XX:MaxRAM=512m");
    assertThat(LambdaEnvironment.jvmOptions(1024)).contains("-XX:MaxRAM=1024m");
  }
}
