package dev.brownout.local.metrics;

import java.io.IOException;
import java.net.URI;

/**
 * The writing calls the tests need besides {@link CloudWatchMetricsWriter}'s, for other packages.
 */
public final class TestCloudWatch {
  private TestCloudWatch() {}

  /** PutDashboard, as CloudFormation makes it when the CDK app is deployed. */
  public static void putDashboard(URI endpoint, String name, String body) {
    try {
      QueryApi.Response response =
          new QueryApi(endpoint, "us-east-1")
              .call(
                  "Action=PutDashboard&Version=2010-08-01&DashboardName="
                      + PutMetricDataCalls.encode(name)
                      + "&DashboardBody="
                      + PutMetricDataCalls.encode(body));
      if (!response.ok()) {
        throw new IllegalStateException(
            "PutDashboard answered " + response.status() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("PutDashboard: no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
