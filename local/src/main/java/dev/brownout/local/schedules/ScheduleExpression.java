package dev.brownout.local.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An EventBridge rule's {@code ScheduleExpression}, {@code rate(...)} or {@code cron(...)}, parsed
 * by the rules of <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html">Setting
 * a schedule pattern for scheduled rules</a> (its cron and rate references: <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">eb-cron-expressions</a>,
 * <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html">eb-rate-expressions</a>).
 * Times are UTC, as for every EventBridge rule.
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, CronExpression {

  /**
   * Parses a schedule expression.
   *
   * @throws IllegalArgumentException if {@code text} is not a valid EventBridge schedule
   *     expression; the message quotes the expression and says which part is wrong and why
   */
  static ScheduleExpression parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("schedule expression is missing (null)");
    }
    if (text.startsWith("rate(")) {
      return Rate.parse(text);
    }
    if (text.startsWith("cron(")) {
      return CronExpression.parse(text);
    }
    throw new IllegalArgumentException(
        "schedule expression \"" + text + "\" is neither rate(value unit) nor cron(fields)");
  }

  /** The expression as written. */
  String text();

  /**
   * The first firing strictly after {@code after}.
   *
   * @param anchor when the rule started: a rate rule fires at {@code anchor + k * period}, {@code k
   *     >= 1}; a cron rule ignores it
   * @return empty when the rule never fires again (a cron expression past its last year)
   */
  Optional<Instant> next(Instant after, Instant anchor);

  /**
   * {@code rate(value unit)}: every {@code value} minutes, hours or days. Per AWS, the value is a
   * positive whole number and the unit is one of {@code minute | minutes | hour | hours | day |
   * days}, singular if and only if the value is 1 ({@code rate(1 hours)} and {@code rate(5 hour)}
   * are refused).
   *
   * <p>"A rate expression starts when you create the scheduled event rule" (eb-rate-expressions):
   * the first firing is one period after the rule's anchor, which the local cloud takes as the
   * moment its scheduler first saw the rule enabled, then every period after that.
   *
   * @param period how long between two firings
   */
  record Rate(String text, Duration period) implements ScheduleExpression {
    private static final List<String> SINGULAR = List.of("minute", "hour", "day");
    private static final List<String> PLURAL = List.of("minutes", "hours", "days");
    private static final List<Duration> UNITS =
        List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));

    static Rate parse(String text) {
      if (!text.endsWith(")")) {
        throw invalid(text, "does not end with \")\"");
      }
      String[] parts = text.substring("rate(".length(), text.length() - 1).split(" ", -1);
      if (parts.length != 2) {
        throw invalid(
            text, "has " + parts.length + " parts, expected 2 separated by one space: value unit");
      }
      String value = parts[0];
      String unit = parts[1];
      if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) == 0) {
        throw invalid(text, "value \"" + value + "\" is not a positive whole number");
      }
      int amount = Integer.parseInt(value);
      int singular = SINGULAR.indexOf(unit);
      int plural = PLURAL.indexOf(unit);
      if (singular < 0 && plural < 0) {
        throw invalid(
            text, "unit \"" + unit + "\" is not one of minute, minutes, hour, hours, day, days");
      }
      if (amount == 1 && plural >= 0) {
        throw invalid(text, "unit \"" + unit + "\" must be singular for a value of 1");
      }
      if (amount > 1 && singular >= 0) {
        throw invalid(
            text, "unit \"" + unit + "\" must be plural for a value of " + amount + " (above 1)");
      }
      Duration unitLength = UNITS.get(Math.max(singular, plural));
      return new Rate(text, unitLength.multipliedBy(amount));
    }

    private static IllegalArgumentException invalid(String text, String why) {
      return new IllegalArgumentException("rate expression \"" + text + "\" " + why);
    }

    @Override
    public Optional<Instant> next(Instant after, Instant anchor) {
      long periods = Duration.between(anchor, after).dividedBy(period) + 1;
      return Optional.of(anchor.plus(period.multipliedBy(Math.max(1, periods))));
    }
  }
}
