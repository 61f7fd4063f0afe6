package dev.brownout.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.local.metrics.CloudWatchQueries.CloudWatchException;
import org.junit.jupiter.api.Test;

class CloudWatchQueriesTest {
  @Test
  void motosInfAndNanForValuesBeyondADoubleAreReadAsNotFinite() {
    assertThat(CloudWatchQueries.value("Sum", "inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(CloudWatchQueries.value("Sum", "-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(CloudWatchQueries.value("Average", "nan")).isNaN();
    assertThat(CloudWatchQueries.value("Sum", "1.7E308")).isEqualTo(1.7e308);
  }

  @Test
  void aValueThatIsNoNumberIsACloudWatchExceptionQuotingIt() {
    assertThatThrownBy(() -> CloudWatchQueries.value("Sum", "lots"))
        .isInstanceOf(CloudWatchException.class)
        .hasMessage("GetMetricStatistics: CloudWatch answered the Sum lots");
  }
}
