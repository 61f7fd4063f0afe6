package dev.brownout.local.notices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNoticesTest {

  @Test
  void anSnsEnvelopeIsShownAsTopicSubjectAndMessage() {
    String envelope =
        "{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:shop-levels\","
            + "\"Subject\":\"shop: FULL -> REDUCED\",\"Message\":\"pricing is unhealthy\"}";

    assertThat(TopicNotices.describe(envelope))
        .isEqualTo("notice on shop-levels: shop: FULL -> REDUCED: pricing is unhealthy");
  }

  @Test
  void aMessageWithoutSubjectIsShownWithoutOne() {
    String envelope =
        "{\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:t\",\"Message\":\"hello\"}";

    assertThat(TopicNotices.describe(envelope)).isEqualTo("notice on t: hello");
  }

  @Test
  void aBodyThatIsNotAnEnvelopeIsShownAsItIs() {
    assertThat(TopicNotices.describe("raw text")).isEqualTo("notice: raw text");
    assertThat(TopicNotices.describe("{\"a\":1}")).isEqualTo("notice: {\"a\":1}");
  }
}
