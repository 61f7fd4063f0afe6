package dev.brownout.functions.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.functions.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckSettingsTest {

  @Test
  void onlyTheStatusTableIsRequired() {
    var settings =
        HealthCheckSettings.from(new Environment(Map.of("BROWNOUT_STATUS_TABLE", "shop-status")));

    assertThat(settings)
        .isEqualTo(
            new HealthCheckSettings(
                "classpath:brownout.yaml",
                "shop-status",
                Optional.empty(),
                Duration.ofDays(7),
                Duration.ofSeconds(55),
                Optional.empty()));
  }

  @Test
  void everyValueCanBeSet() {
    var settings =
        HealthCheckSettings.from(
            new Environment(
                Map.of(
                    "BROWNOUT_STATUS_TABLE", "shop-status",
                    "BROWNOUT_CATALOG", "/var/task/shop.yaml",
                    "BROWNOUT_WORKFLOW_ARN",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:shop",
                    "BROWNOUT_HISTORY_TTL", "24h",
                    "BROWNOUT_CHECK_WINDOW", "40s",
                    "AWS_ENDPOINT_URL", "http://localhost:4566")));

    assertThat(settings.catalogLocation()).isEqualTo("/var/task/shop.yaml");
    assertThat(settings.workflowArn())
        .contains("arn:aws:states:us-east-1:123456789012:stateMachine:shop");
    assertThat(settings.historyTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.window()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.awsEndpoint()).contains(URI.create("http://localhost:4566"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                HealthCheckSettings.from(
                    new Environment(
                        Map.of(
                            "BROWNOUT_HISTORY_TTL",
                            "a week",
                            "AWS_ENDPOINT_URL",
                            "http://bad host"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The health-check function is misconfigured: BROWNOUT_STATUS_TABLE is not set;"
                + " BROWNOUT_HISTORY_TTL must be a duration like 30s, 5m or 168h, got \"a week\";"
                + " AWS_ENDPOINT_URL must be a URL, got \"http://bad host\"");
  }

  @Test
  void aBrownoutVariableTheFunctionDoesNotReadIsNamedButDoesNotStopTheFunction() {
    Environment env =
        new Environment(
            Map.of(
                "BROWNOUT_STATUS_TABLE", "shop-status",
                "BROWNOUT_CHECK_WINDOWS", "40s",
                "BROWNOUT_CACHE_TABLE", "shop-cache",
                "AWS_REGION", "eu-west-1"));

    HealthCheckSettings settings = HealthCheckSettings.from(env);

    assertThat(settings.statusTable()).isEqualTo("shop-status");
    assertThat(env.unread()).containsExactly("BROWNOUT_CACHE_TABLE", "BROWNOUT_CHECK_WINDOWS");
  }
}
