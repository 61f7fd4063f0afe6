package dev.brownout.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedResourcesTest {

  @Test
  void eachSkippedTypeIsSaidWithWhatItMeansLocally() {
    String text =
        SkippedResources.describe(
            new LinkedHashSet<>(List.of("AWS::CloudWatch::Alarm", "AWS::ApiGateway::Stage")));

    assertThat(text.lines())
        .containsExactly(
            "  AWS::CloudWatch::Alarm: alarms are not evaluated locally",
            "  AWS::ApiGateway::Stage: no stage settings: throttling, access logs and tracing of"
                + " the API are not applied locally; the local API serves the stage named in the"
                + " template");
  }

  @Test
  void aTypeWithoutAKnownMeaningIsSaidNotToBeCreated() {
    assertThat(SkippedResources.describe(new LinkedHashSet<>(List.of("AWS::WAFv2::WebACL"))))
        .isEqualTo("  AWS::WAFv2::WebACL: not created locally\n");
  }
}
