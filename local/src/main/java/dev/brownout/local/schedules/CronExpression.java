package dev.brownout.local.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)}, in UTC, as EventBridge reads it
 * (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">eb-cron-expressions</a>):
 *
 * <ul>
 *   <li>six fields separated by white space: minutes 0-59, hours 0-23, day-of-month 1-31, month
 *       1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT (1 is Sunday, 7 Saturday), year 1970-2199;
 *   <li>{@code ,} lists, {@code -} ranges, {@code *} every value, {@code /} increments ({@code
 *       1/10} in minutes is 1, 11, 21 ...; {@code *}{@code /10} starts at the field's first value);
 *       the day-of-week field takes no {@code /} (its wildcards are {@code , - * ? L #});
 *   <li>{@code ?} ("any") only in day-of-month or day-of-week, and exactly one of the two is {@code
 *       ?}: "You can't specify the Day-of-month and Day-of-week fields in the same cron
 *       expression";
 *   <li>{@code L} in day-of-month is the month's last day; in day-of-week alone it is the week's
 *       last day (Saturday); {@code W} in day-of-month: {@code 3W} is the weekday closest to the
 *       3rd;
 *   <li>{@code #} in day-of-week: {@code 3#2} is the month's second Tuesday; "If you use a '#'
 *       character, you can define only one expression in the day-of-week field".
 * </ul>
 *
 * <p>Where the AWS page is silent this follows Quartz, whose syntax EventBridge's is: {@code LW}
 * (the month's last weekday) and {@code 6L} (the month's last Friday) are accepted; {@code L},
 * {@code W} and {@code #} items stand alone in their field; {@code nW} never moves into another
 * month (1W on a Saturday is Monday the 3rd) and months without day {@code n} have no {@code nW};
 * month and weekday names are read regardless of case. Stricter than some readers: a range must not
 * run backwards ({@code FRI-MON} is refused) and an increment must not exceed the field's span.
 */
public final class CronExpression implements ScheduleExpression {
  private static final int MIN_YEAR = 1970;
  private static final int MAX_YEAR = 2199;
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> WEEKDAYS =
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Field MINUTES = new Field("minutes", 0, 59, List.of());
  private static final Field HOURS = new Field("hours", 0, 23, List.of());
  private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of());
  private static final Field MONTH = new Field("month", 1, 12, MONTHS);
  private static final Field DAY_OF_WEEK = new Field("day-of-week", 1, 7, WEEKDAYS);
  private static final Field YEAR = new Field("year", MIN_YEAR, MAX_YEAR, List.of());
  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("([0-9]+)W");
  private static final Pattern LAST_WEEKDAY_OF_MONTH = Pattern.compile("([0-9A-Za-z]+)L");
  private static final Pattern NTH_WEEKDAY = Pattern.compile("([0-9A-Za-z]+)#([0-9]+)");

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet months;
  private final BitSet years;
  private final Predicate<LocalDate> days;

  private CronExpression(
      String text,
      BitSet minutes,
      BitSet hours,
      BitSet months,
      BitSet years,
      Predicate<LocalDate> days) {
    this.text = text;
    this.minutes = minutes;
    this.hours = hours;
    this.months = months;
    this.years = years;
    this.days = days;
  }

  static CronExpression parse(String text) {
    if (!text.startsWith("cron(") || !text.endsWith(")")) {
      throw new IllegalArgumentException(
          "cron expression \"" + text + "\" is not of the form cron(fields)");
    }
    String body = text.substring("cron(".length(), text.length() - 1).strip();
    String[] fields = body.isEmpty() ? new String[0] : body.split("\\s+");
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          "cron expression \""
              + text
              + "\" has "
              + fields.length
              + " fields, expected 6 (minutes hours day-of-month month day-of-week year)");
    }
    Parser parser = new Parser(text);
    String dayOfMonth = fields[2];
    String dayOfWeek = fields[4];
    boolean anyDayOfMonth = dayOfMonth.equals("?");
    boolean anyDayOfWeek = dayOfWeek.equals("?");
    if (anyDayOfMonth && anyDayOfWeek) {
      throw parser.invalid("has ? in both day-of-month and day-of-week; exactly one may be ?");
    }
    if (!anyDayOfMonth && !anyDayOfWeek) {
      throw parser.invalid(
          "sets both day-of-month \""
              + dayOfMonth
              + "\" and day-of-week \""
              + dayOfWeek
              + "\"; one of them must be ?");
    }
    BitSet minutes = parser.list(MINUTES, fields[0]);
    BitSet hours = parser.list(HOURS, fields[1]);
    Predicate<LocalDate> days =
        anyDayOfWeek ? parser.dayOfMonth(dayOfMonth) : parser.dayOfWeek(dayOfWeek);
    BitSet months = parser.list(MONTH, fields[3]);
    BitSet years = parser.list(YEAR, fields[5]);
    return new CronExpression(text, minutes, hours, months, years, days);
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public Optional<Instant> next(Instant after, Instant anchor) {
    return nextAfter(after);
  }

  /**
   * The first whole UTC minute strictly after {@code after} that matches every field.
   *
   * @return empty when no minute up to the end of 2199 (the last year EventBridge accepts) matches
   */
  public Optional<Instant> nextAfter(Instant after) {
    LocalDateTime start =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
    if (start.getYear() < MIN_YEAR) {
      start = LocalDateTime.of(MIN_YEAR, 1, 1, 0, 0);
    }
    for (int year = start.getYear(); year <= MAX_YEAR; year++) {
      if (!years.get(year)) {
        continue;
      }
      boolean sameYear = year == start.getYear();
      for (int month = sameYear ? start.getMonthValue() : 1; month <= 12; month++) {
        if (!months.get(month)) {
          continue;
        }
        boolean sameMonth = sameYear && month == start.getMonthValue();
        YearMonth yearMonth = YearMonth.of(year, month);
        for (int day = sameMonth ? start.getDayOfMonth() : 1;
            day <= yearMonth.lengthOfMonth();
            day++) {
          if (!days.test(yearMonth.atDay(day))) {
            continue;
          }
          boolean sameDay = sameMonth && day == start.getDayOfMonth();
          for (int hour = sameDay ? start.getHour() : 0; hour < 24; hour++) {
            if (!hours.get(hour)) {
              continue;
            }
            boolean sameHour = sameDay && hour == start.getHour();
            int minute = minutes.nextSetBit(sameHour ? start.getMinute() : 0);
            if (minute >= 0) {
              return Optional.of(
                  LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether this whole minute (seconds ignored) matches every field. */
  boolean matches(LocalDateTime minute) {
    return minutes.get(minute.getMinute())
        && hours.get(minute.getHour())
        && days.test(minute.toLocalDate())
        && months.get(minute.getMonthValue())
        && minute.getYear() >= MIN_YEAR
        && years.get(minute.getYear());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression cron && cron.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** One field's name, bounds and value names (index 0 names the field's first value). */
  private record Field(String name, int min, int max, List<String> names) {}

  /** Reads the fields of one expression; its errors quote the expression and the field. */
  private record Parser(String text) {

    IllegalArgumentException invalid(String why) {
      return new IllegalArgumentException("cron expression \"" + text + "\" " + why);
    }

    IllegalArgumentException invalid(Field field, String why) {
      return invalid("has a bad " + field.name() + " field: " + why);
    }

    /** A field of {@code ,}-separated values, ranges and increments. */
    BitSet list(Field field, String token) {
      if (token.contains("?")) {
        throw invalid(
            field, "\"" + token + "\": ? is only allowed alone, in day-of-month or day-of-week");
      }
      BitSet values = new BitSet(field.max() + 1);
      for (String item : token.split(",", -1)) {
        item(field, token, item, values);
      }
      return values;
    }

    private void item(Field field, String token, String item, BitSet values) {
      if (item.isEmpty()) {
        throw invalid(field, "\"" + token + "\" has an empty list item");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        if (field == DAY_OF_WEEK) {
          throw invalid(field, "\"" + token + "\" uses /, which day-of-week does not accept");
        }
        range = item.substring(0, slash);
        step = step(field, item.substring(slash + 1));
      }
      int low;
      int high;
      int dash = range.indexOf('-', 1);
      if (range.equals("*")) {
        low = field.min();
        high = field.max();
      } else if (dash > 0) {
        low = value(field, range.substring(0, dash));
        high = value(field, range.substring(dash + 1));
        if (low > high) {
          throw invalid(
              field, "range \"" + range + "\" runs backwards (" + low + " is after " + high + ")");
        }
      } else {
        low = value(field, range);
        high = slash >= 0 ? field.max() : low;
      }
      for (int v = low; v <= high; v += step) {
        values.set(v);
      }
    }

    private int step(Field field, String text) {
      int span = field.max() - field.min() + 1;
      if (!text.matches("[0-9]{1,4}")
          || Integer.parseInt(text) < 1
          || Integer.parseInt(text) > span) {
        throw invalid(field, "increment \"" + text + "\" is not a whole number in 1-" + span);
      }
      return Integer.parseInt(text);
    }

    private int value(Field field, String text) {
      int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
      if (named >= 0) {
        return field.min() + named;
      }
      if (!text.matches("[0-9]{1,4}")) {
        throw invalid(field, "value \"" + text + "\" is not " + expected(field));
      }
      int value = Integer.parseInt(text);
      if (value < field.min() || value > field.max()) {
        throw invalid(field, "value \"" + text + "\" is out of range: expected " + expected(field));
      }
      return value;
    }

    private static String expected(Field field) {
      String numbers = "a number in " + field.min() + "-" + field.max();
      return field.names().isEmpty()
          ? numbers
          : numbers + " or a name in " + field.names().getFirst() + "-" + field.names().getLast();
    }

    Predicate<LocalDate> dayOfMonth(String token) {
      if (token.equals("L")) {
        return date -> date.getDayOfMonth() == date.lengthOfMonth();
      }
      if (token.equals("LW")) {
        return date -> date.equals(lastWeekday(YearMonth.from(date)));
      }
      Matcher nearest = NEAREST_WEEKDAY.matcher(token);
      if (nearest.matches()) {
        int day = value(DAY_OF_MONTH, nearest.group(1));
        return date -> nearestWeekday(YearMonth.from(date), day).filter(date::equals).isPresent();
      }
      if (token.contains("L") || token.contains("W")) {
        throw invalid(
            DAY_OF_MONTH,
            "\"" + token + "\": L and W stand alone in day-of-month (L, LW or a day like 15W)");
      }
      BitSet days = list(DAY_OF_MONTH, token);
      return date -> days.get(date.getDayOfMonth());
    }

    Predicate<LocalDate> dayOfWeek(String token) {
      if (token.equals("L")) {
        return date -> awsWeekday(date) == 7;
      }
      Matcher last = LAST_WEEKDAY_OF_MONTH.matcher(token);
      if (last.matches()) {
        DayOfWeek weekday = javaWeekday(value(DAY_OF_WEEK, last.group(1)));
        return date -> date.equals(date.with(TemporalAdjusters.lastInMonth(weekday)));
      }
      Matcher nth = NTH_WEEKDAY.matcher(token);
      if (nth.matches()) {
        DayOfWeek weekday = javaWeekday(value(DAY_OF_WEEK, nth.group(1)));
        String ordinal = nth.group(2);
        if (!ordinal.matches("[1-5]")) {
          throw invalid(
              DAY_OF_WEEK,
              "\"" + token + "\": the number after # must be 1-5, not \"" + ordinal + "\"");
        }
        int n = Integer.parseInt(ordinal);
        return date -> date.getDayOfWeek() == weekday && (date.getDayOfMonth() - 1) / 7 + 1 == n;
      }
      if (token.contains("#")) {
        throw invalid(
            DAY_OF_WEEK,
            "\""
                + token
                + "\": with # the day-of-week field holds exactly one expression, like 3#2");
      }
      if (token.contains("L")) {
        throw invalid(
            DAY_OF_WEEK, "\"" + token + "\": L stands alone in day-of-week (L, or a day like 6L)");
      }
      BitSet weekdays = list(DAY_OF_WEEK, token);
      return date -> weekdays.get(awsWeekday(date));
    }
  }

  /** 1 is Sunday, 7 Saturday, as EventBridge numbers them. */
  private static int awsWeekday(LocalDate date) {
    return date.getDayOfWeek().getValue() % 7 + 1;
  }

  private static DayOfWeek javaWeekday(int awsWeekday) {
    return awsWeekday == 1 ? DayOfWeek.SUNDAY : DayOfWeek.of(awsWeekday - 1);
  }

  private static LocalDate lastWeekday(YearMonth month) {
    LocalDate last = month.atEndOfMonth();
    return switch (last.getDayOfWeek()) {
      case SATURDAY -> last.minusDays(1);
      case SUNDAY -> last.minusDays(2);
      default -> last;
    };
  }

  /** The weekday closest to day {@code day} of the month, without leaving the month. */
  private static Optional<LocalDate> nearestWeekday(YearMonth month, int day) {
    if (day > month.lengthOfMonth()) {
      return Optional.empty();
    }
    LocalDate date = month.atDay(day);
    return Optional.of(
        switch (date.getDayOfWeek()) {
          case SATURDAY -> day == 1 ? date.plusDays(2) : date.minusDays(1);
          case SUNDAY -> day == month.lengthOfMonth() ? date.minusDays(2) : date.plusDays(1);
          default -> date;
        });
  }
}
