package dev.brownout.core.contract;

/**
 * Brownout's own paths on the app's API: the API function answers them ({@code StatusEndpoint}),
 * infra's {@code Api} gives them their API Gateway resources and access, and the catalog may not
 * use them for a route.
 */
public final class StatusPaths {
  /** Reserved for Brownout: no catalog route may start with it. Also the page's resource. */
  public static final String PREFIX = "/_brownout";

  /** {@code GET}: the status as JSON. */
  public static final String STATUS = PREFIX + "/status";

  /** {@code GET}: the status page; API Gateway serves it from the {@link #PREFIX} resource. */
  public static final String PAGE = PREFIX + "/";

  private StatusPaths() {}
}
