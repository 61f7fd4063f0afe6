package dev.brownout.local.sqs;

/**
 * An SQS queue's ARN, {@code arn:<partition>:sqs:<region>:<account>:<name>}, in its parts.
 *
 * @param arn the ARN as given
 */
record QueueArn(String arn, String region, String account, String name) {

  /**
   * @throws IllegalArgumentException if {@code arn} is not an SQS queue's ARN, quoting it
   */
  static QueueArn parse(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", -1);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[2].equals("sqs")
        || parts[3].isEmpty()
        || parts[5].isEmpty()) {
      throw new IllegalArgumentException(
          "queue ARN \""
              + arn
              + "\" is not of the form arn:<partition>:sqs:<region>:<account>:<name>");
    }
    return new QueueArn(arn, parts[3], parts[4], parts[5]);
  }

  static boolean isQueueArn(String arn) {
    try {
      parse(arn);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  boolean fifo() {
    return name.endsWith(".fifo");
  }
}
