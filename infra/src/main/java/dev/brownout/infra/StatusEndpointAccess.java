package dev.brownout.infra;

/**
 * Who may call {@code GET /_brownout/status} and the status page {@code GET /_brownout/}, which
 * show the app's dependencies and flags.
 */
public enum StatusEndpointAccess {
  /**
   * Requests signed with AWS credentials whose policy allows {@code execute-api:Invoke} on it (the
   * method's authorization is {@code AWS_IAM}); see {@link Brownout#grantStatusEndpoint}.
   */
  IAM,
  /** Anyone who has the URL. */
  PUBLIC
}
