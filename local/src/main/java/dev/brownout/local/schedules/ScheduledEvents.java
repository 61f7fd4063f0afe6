package dev.brownout.local.schedules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The event EventBridge sends to a schedule rule's targets, shaped as AWS's own example (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html">Tutorial:
 * Schedule AWS Lambda functions using EventBridge</a>, kept in {@code
 * events/health-check/scheduled-event.json}):
 *
 * <pre>{@code
 * {"version":"0","id":"53dc4d37-...","detail-type":"Scheduled Event","source":"aws.events",
 *  "account":"123456789012","time":"2015-10-08T16:53:06Z","region":"us-east-1",
 *  "resources":["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],"detail":{}}
 * }</pre>
 *
 * Keys in that order; {@code time} in whole UTC seconds ({@code yyyy-MM-ddTHH:mm:ssZ}); the account
 * and region are the rule's, read from its ARN.
 */
public final class ScheduledEvents {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private ScheduledEvents() {}

  /**
   * Builds one scheduled event.
   *
   * @param id the event's id (EventBridge uses a random UUID)
   * @param ruleArn the rule's ARN, {@code arn:<partition>:events:<region>:<account>:rule/<name>}
   * @param time when the rule fired; fractions of a second are dropped
   * @throws IllegalArgumentException if {@code ruleArn} is not an EventBridge rule ARN
   */
  public static ObjectNode event(String id, String ruleArn, Instant time) {
    String[] arn = ruleArn.split(":", 6);
    if (arn.length != 6
        || !arn[0].equals("arn")
        || !arn[2].equals("events")
        || arn[3].isEmpty()
        || arn[4].isEmpty()
        || !arn[5].startsWith("rule/")) {
      throw new IllegalArgumentException(
          "\""
              + ruleArn
              + "\" is not an EventBridge rule ARN"
              + " (arn:<partition>:events:<region>:<account>:rule/<name>)");
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "0");
    event.put("id", id);
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", arn[4]);
    event.put("time", TIME.format(time.truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", arn[3]);
    event.putArray("resources").add(ruleArn);
    event.putObject("detail");
    return event;
  }
}
