package dev.brownout.core.serving;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a public page may say about a failed health check. A check's error names hosts, ports,
 * tables and, from the AWS SDK, account ids and role ARNs; the unauthenticated status endpoint
 * shows only the kind of failure, from an allow-list. The full error stays in the health-check
 * function's logs and the status table.
 */
public final class PublicReasons {
  /** The words of an error not in the list: no part of it is shown. */
  public static final String UNKNOWN = "the check failed (details in the health-check logs)";

  private record Kind(Pattern error, String shown) {}

  // Kept as the probes word their errors (HttpErrors, TcpProbe, DynamoDbTableProbe, HttpCheckJudge,
  // HealthMonitor); PublicReasonsTest in functions feeds it each of them.
  private static final List<Kind> KINDS =
      List.of(
          kind("timed out after [0-9.]+[a-z]+", null),
          kind("could not connect to .*", "could not connect"),
          kind("cannot connect to .*", "could not connect"),
          kind("connection to .* refused", "connection refused"),
          kind("DNS lookup failed for .*", "DNS lookup failed"),
          kind("TLS handshake with .* failed.*", "TLS handshake failed"),
          kind("I/O error talking to .*", "I/O error"),
          kind("status [0-9]{3}, expected [0-9x]{3}( or [0-9x]{3})*", null),
          kind("slow: answered in [0-9]+ms, over the latency budget of [0-9]+ms", null),
          kind("the body is not UTF-8 text", null),
          kind("the body does not match .*", "the body does not match"),
          kind("bodyMatch .*", "the body could not be matched in time"),
          kind("table .* is [A-Z_]+, expected ACTIVE", "the table is not ACTIVE"),
          kind("table .* does not exist", "the table does not exist"),
          kind("DynamoDB did not describe table .*", "DynamoDB did not answer"),
          kind("the check itself failed.*", "the check itself failed"));

  private PublicReasons() {}

  private static Kind kind(String error, String shown) {
    return new Kind(Pattern.compile(error, Pattern.DOTALL), shown);
  }

  /**
   * A problem worded as "what: detail" without its detail: the status board says which item is
   * malformed, and the logs why.
   */
  public static String withoutDetail(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? problem : problem.substring(0, colon);
  }

  // The two reasons of the level that carry a detail (EvaluationService's data problems): a status
  // item's or the level record's parse error, and the override's.
  private static final Pattern MALFORMED_ITEM =
      Pattern.compile("(.*? is malformed): .*", Pattern.DOTALL);
  private static final Pattern MALFORMED_OVERRIDE =
      Pattern.compile("the override is malformed \\(.*\\); it is ignored", Pattern.DOTALL);

  /**
   * A reason for the level (the level record's, a transition's) in words safe for anyone to read:
   * Brownout's own reasons ({@code "pricing: unhealthy ..."}) as they are, a data problem without
   * its detail ({@code "the status item of orders is malformed"}).
   */
  public static String ofLevelReason(String reason) {
    var item = MALFORMED_ITEM.matcher(reason);
    if (item.matches()) {
      return item.group(1);
    }
    if (MALFORMED_OVERRIDE.matcher(reason).matches()) {
      return "the override is malformed; it is ignored";
    }
    return reason;
  }

  /** The kind of failure {@code error} is, in words safe for anyone to read. */
  public static String ofCheckError(String error) {
    String text = error.length() > 1024 ? error.substring(0, 1024) : error;
    for (Kind kind : KINDS) {
      if (kind.error().matcher(text).matches()) {
        return kind.shown() == null ? text : kind.shown();
      }
    }
    return UNKNOWN;
  }
}
