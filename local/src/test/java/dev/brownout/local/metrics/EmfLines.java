package dev.brownout.local.metrics;

/**
 * Output lines of the real functions (Powertools for AWS Lambda (Java) 2.9.0), captured from {@code
 * HealthCheckHandlerIT}, {@code ApiHandlerIT} and {@code DegradationWorkflowIT} in the functions
 * module.
 */
final class EmfLines {
  /** The health-check function's record for a check of "pricing" that timed out. */
  static final String HEALTH_CHECK_PRICING =
      "{\"_aws\":{\"Timestamp\":1795754820508,\"CloudWatchMetrics\":[{\"Namespace\":\"Brownout/shop\","
          + "\"Dimensions\":[[\"Service\"],[\"Dependency\"]],\"Metrics\":[{\"Name\":\"CheckLatency\","
          + "\"Unit\":\"Milliseconds\"},{\"Name\":\"CheckFailures\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"DependencyHealthy\",\"Unit\":\"Count\"}]}]},\"Service\":\"health-check\","
          + "\"CheckLatency\":511.0,\"Dependency\":\"pricing\",\"CheckFailures\":1.0,"
          + "\"DependencyHealthy\":1.0}";

  /** The API function's record for one answered request. */
  static final String API_ROUTE =
      "{\"_aws\":{\"Timestamp\":1795754824991,\"CloudWatchMetrics\":[{\"Namespace\":\"Brownout/shop\","
          + "\"Dimensions\":[[\"Service\"],[\"Route\"]],\"Metrics\":[{\"Name\":\"BreakerOpen\","
          + "\"Unit\":\"Count\"},{\"Name\":\"Requests\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"PrimaryLatency\",\"Unit\":\"Milliseconds\"}]}]},\"Service\":\"api\","
          + "\"BreakerOpen\":0.0,\"Requests\":1.0,\"Route\":\"GET:/products/{id}\","
          + "\"PrimaryLatency\":24.0}";

  /** The API function's record for an answer from a fallback. */
  static final String API_FALLBACK =
      "{\"_aws\":{\"Timestamp\":1795754824993,\"CloudWatchMetrics\":[{\"Namespace\":\"Brownout/shop\","
          + "\"Dimensions\":[[\"Service\"],[\"Source\"]],\"Metrics\":[{\"Name\":\"FallbackServed\","
          + "\"Unit\":\"Count\"}]}]},\"Service\":\"api\",\"Source\":\"alternative\","
          + "\"FallbackServed\":1.0}";

  /** The evaluator's record for a decision to go to EMERGENCY. */
  static final String EVALUATOR =
      "{\"_aws\":{\"Timestamp\":1795754840641,\"CloudWatchMetrics\":[{\"Namespace\":\"Brownout/shop\","
          + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"LevelTransitions\","
          + "\"Unit\":\"Count\"},{\"Name\":\"DegradationLevel\",\"Unit\":\"None\"}]}]},"
          + "\"Service\":\"evaluator\",\"DegradationLevel\":3.0,\"LevelTransitions\":1.0}";

  /**
   * {@link #API_ROUTE} as Powertools writes it when one flush adds the same metric three times: an
   * array target.
   */
  static final String API_LATENCIES =
      API_ROUTE
          .replace("\"PrimaryLatency\":24.0", "\"PrimaryLatency\":[24.0,31.0,18.0]")
          .replace("\"Requests\":1.0", "\"Requests\":3.0");

  /** A Powertools Logging line of the health-check function: JSON, but not EMF. */
  static final String POWERTOOLS_LOG =
      "{\"level\":\"WARN\",\"message\":\"Check failed: timed out after 500ms; healthy=true,"
          + " consecutive failures 1\",\"cold_start\":false,\"function_arn\":"
          + "\"arn:aws:lambda:us-east-1:123456789012:function:health-check\","
          + "\"function_memory_size\":512,\"function_name\":\"health-check\","
          + "\"function_request_id\":\"04e6f9ea-4823-42c0-bec9-b393b0c204f4\","
          + "\"function_version\":\"$LATEST\",\"service\":\"service_undefined\","
          + "\"timestamp\":\"2026-11-27T04:47:00.505Z\",\"dependency\":\"pricing\"}";

  private EmfLines() {}
}
