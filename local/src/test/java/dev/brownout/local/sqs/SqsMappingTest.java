package dev.brownout.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

class SqsMappingTest {
  private static final String FUNCTION =
      "arn:aws:lambda:us-east-1:123456789012:function:brownout-replay";

  @Test
  void aQueueMappingIsReadWithItsBatchingAndResponseTypes() {
    SqsMapping mapping =
        SqsMapping.from(
                EventSourceMappingConfiguration.builder()
                    .uuid("u-1")
                    .eventSourceArn("arn:aws:sqs:us-east-1:123456789012:replay")
                    .functionArn(FUNCTION)
                    .batchSize(25)
                    .maximumBatchingWindowInSeconds(5)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .state("Enabled")
                    .build())
            .orElseThrow();

    assertThat(mapping.queue().name()).isEqualTo("replay");
    assertThat(mapping.queue().account()).isEqualTo("123456789012");
    assertThat(mapping.batchSize()).isEqualTo(25);
    assertThat(mapping.batchingWindow()).isEqualTo(Duration.ofSeconds(5));
    assertThat(mapping.reportBatchItemFailures()).isTrue();
    assertThat(mapping.enabled()).isTrue();
    assertThat(mapping.functionName()).isEqualTo("brownout-replay");
    assertThat(mapping.filtered()).isFalse();
  }

  @Test
  void aMappingThatNamesLittleGetsLambdasDefaults() {
    SqsMapping mapping =
        SqsMapping.from(
                EventSourceMappingConfiguration.builder()
                    .uuid("u-1")
                    .eventSourceArn("arn:aws:sqs:us-east-1:123456789012:replay")
                    .functionArn(FUNCTION + ":live")
                    .state("Disabled")
                    .build())
            .orElseThrow();

    assertThat(mapping.batchSize()).isEqualTo(10);
    assertThat(mapping.batchingWindow()).isZero();
    assertThat(mapping.reportBatchItemFailures()).isFalse();
    assertThat(mapping.enabled()).isFalse();
    assertThat(mapping.functionName()).isEqualTo("brownout-replay");
  }

  @Test
  void aFifoQueueHasNoBatchingWindow() {
    SqsMapping mapping =
        SqsMapping.from(
                EventSourceMappingConfiguration.builder()
                    .uuid("u-1")
                    .eventSourceArn("arn:aws:sqs:us-east-1:123456789012:orders.fifo")
                    .functionArn(FUNCTION)
                    .maximumBatchingWindowInSeconds(30)
                    .build())
            .orElseThrow();

    assertThat(mapping.batchingWindow()).isZero();
    assertThat(mapping.enabled()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000",
        "arn:aws:kafka:us-east-1:123456789012:cluster/c/1"
      })
  void mappingsFromOtherSourcesAreNotOurs(String source) {
    assertThat(
            SqsMapping.from(
                EventSourceMappingConfiguration.builder()
                    .uuid("u-1")
                    .eventSourceArn(source)
                    .functionArn(FUNCTION)
                    .build()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "replay", "arn:aws:sqs:us-east-1:123456789012", "arn:aws:sqs::1:replay"})
  void aQueueArnThatIsNotOneIsRefusedAndQuoted(String arn) {
    assertThatThrownBy(() -> QueueArn.parse(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + arn + "\"");
  }
}
