package dev.brownout.core.contract;

/**
 * The status table's partition keys ({@code pk}). The functions' DynamoDB adapters and the
 * evaluator's plan (which the workflow's state machine writes as it is) key their items with these;
 * infra's {@code Storage} grants each caller only the partitions it uses ({@code
 * dynamodb:LeadingKeys}), naming them with these too.
 */
public final class StatusTableKeys {
  /**
   * One item per dependency ({@code sk=<dependency>}): written by the health check, read by the
   * evaluator, the API and the replay function.
   */
  public static final String STATUS = "STATUS";

  /** The level record's partition: written by the workflow, read with the statuses. */
  public static final String LEVEL = "LEVEL";

  /** The level record's sort key: there is one record, the current one. */
  public static final String CURRENT_LEVEL = "CURRENT";

  /** Level changes ({@code sk=<time>#<execution>}): written by the workflow, read by the page. */
  public static final String AUDIT = "AUDIT";

  /** The replay ledger ({@code sk=<route> <idempotency key>}): the replay function's. */
  public static final String REPLAY = "REPLAY";

  /** The API's answers by source, one item per minute: written and read by the API. */
  public static final String ANSWERS = "ANSWERS";

  private static final String HISTORY_PREFIX = "HISTORY#";

  private StatusTableKeys() {}

  /**
   * A dependency's check history ({@code sk=<check id>}): written by the health check, read by the
   * status page.
   */
  public static String history(String dependency) {
    return HISTORY_PREFIX + dependency;
  }
}
