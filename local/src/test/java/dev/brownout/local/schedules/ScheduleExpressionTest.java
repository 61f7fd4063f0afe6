package dev.brownout.local.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {
  private static final Instant ANCHOR = Instant.parse("2026-11-27T10:00:17Z");

  @ParameterizedTest(name = "{0} fires every {1}")
  @CsvSource({
    "rate(1 minute), PT1M",
    "rate(5 minutes), PT5M",
    "rate(1 hour), PT1H",
    "rate(12 hours), PT12H",
    "rate(1 day), PT24H",
    "rate(7 days), PT168H",
    "rate(1440 minutes), PT24H",
  })
  void aRateIsItsValueTimesItsUnit(String text, Duration period) {
    assertThat(ScheduleExpression.parse(text)).isEqualTo(new ScheduleExpression.Rate(text, period));
  }

  @ParameterizedTest(name = "after anchor{1} comes anchor{2}")
  @CsvSource({
    "rate(5 minutes), PT0S, PT5M",
    "rate(5 minutes), PT4M59S, PT5M",
    "rate(5 minutes), PT5M, PT10M",
    "rate(5 minutes), PT5M0.001S, PT10M",
    "rate(5 minutes), -PT1H, PT5M",
    "rate(5 minutes), -PT1S, PT5M",
    "rate(1 day), PT26H, PT48H",
    "rate(1 hour), PT1000H30M, PT1001H",
  })
  void aRateFiresAWholeNumberOfPeriodsAfterItsAnchorAndNeverAtIt(
      String text, Duration after, Duration expected) {
    assertThat(ScheduleExpression.parse(text).next(ANCHOR.plus(after), ANCHOR))
        .contains(ANCHOR.plus(expected));
  }

  @Test
  void aRateOfFiveMinutesFiresFiveMinutesAfterItsAnchor() {
    ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)");

    assertThat(rate.next(ANCHOR, ANCHOR)).contains(Instant.parse("2026-11-27T10:05:17Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(1 minutes)  | rate expression \"rate(1 minutes)\" unit \"minutes\" must be singular",
        "rate(1 hours)    | unit \"hours\" must be singular for a value of 1",
        "rate(5 minute)   | rate expression \"rate(5 minute)\" unit \"minute\" must be plural",
        "rate(2 day)      | unit \"day\" must be plural for a value of 2",
        "rate(0 minutes)  | value \"0\" is not a positive whole number",
        "rate(-5 minutes) | value \"-5\" is not a positive whole number",
        "rate(1.5 hours)  | value \"1.5\" is not a positive whole number",
        "rate(five days)  | value \"five\" is not a positive whole number",
        "rate(5 weeks)    | unit \"weeks\" is not one of minute, minutes, hour, hours, day, days",
        "rate(5 Minutes)  | unit \"Minutes\" is not one of",
        "rate(5 seconds)  | unit \"seconds\" is not one of",
        "rate(5minutes)   | has 1 parts, expected 2",
        "rate(5  minutes) | has 3 parts, expected 2",
        "rate(5 minutes   | does not end with \")\"",
        "every(5 minutes) | schedule expression \"every(5 minutes)\" is neither rate",
        "RATE(5 minutes)  | is neither rate(value unit) nor cron(fields)",
      })
  void anInvalidRateIsRefusedSayingWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> ScheduleExpression.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void aMissingExpressionIsRefused() {
    assertThatThrownBy(() -> ScheduleExpression.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // plain values; strictly after; day and year roll over
        "cron(0 10 * * ? *)          | 2026-11-27T09:59:59Z | 2026-11-27T10:00:00Z",
        "cron(0 10 * * ? *)          | 2026-11-27T10:00:00Z | 2026-11-28T10:00:00Z",
        "cron(15 12 * * ? *)         | 2026-11-27T12:15:01Z | 2026-11-28T12:15:00Z",
        "cron(59 23 * * ? *)         | 2026-12-31T23:59:00Z | 2027-01-01T23:59:00Z",
        "cron(0 0 1 1 ? *)           | 2026-06-15T00:00:00Z | 2027-01-01T00:00:00Z",
        // * every value
        "cron(* * * * ? *)           | 2026-11-27T10:00:30Z | 2026-11-27T10:01:00Z",
        "cron(* * * * ? *)           | 2026-12-31T23:59:00Z | 2027-01-01T00:00:00Z",
        // , lists
        "cron(0,30 * * * ? *)        | 2026-11-27T10:05:00Z | 2026-11-27T10:30:00Z",
        "cron(0,30 * * * ? *)        | 2026-11-27T10:30:00Z | 2026-11-27T11:00:00Z",
        // - ranges
        "cron(0 8-10 * * ? *)        | 2026-11-27T09:00:00Z | 2026-11-27T10:00:00Z",
        "cron(0 8-10 * * ? *)        | 2026-11-27T10:00:00Z | 2026-11-28T08:00:00Z",
        "cron(0 0 10-12 * ? *)       | 2026-11-12T00:00:00Z | 2026-12-10T00:00:00Z",
        // / increments, from a value, from *, within a range
        "cron(1/10 * * * ? *)        | 2026-11-27T10:21:00Z | 2026-11-27T10:31:00Z",
        "cron(1/10 * * * ? *)        | 2026-11-27T10:51:00Z | 2026-11-27T11:01:00Z",
        "cron(*/15 * * * ? *)        | 2026-11-27T10:44:59Z | 2026-11-27T10:45:00Z",
        "cron(0 0/6 * * ? *)         | 2026-11-27T12:00:00Z | 2026-11-27T18:00:00Z",
        "cron(10-30/10 9 * * ? *)    | 2026-11-27T09:20:00Z | 2026-11-27T09:30:00Z",
        "cron(10-30/10 9 * * ? *)    | 2026-11-27T09:30:00Z | 2026-11-28T09:10:00Z",
        "cron(0 0 1/10 * ? *)        | 2026-11-20T00:00:00Z | 2026-11-21T00:00:00Z",
        "cron(0 0 1 */5 ? *)         | 2026-02-01T00:00:00Z | 2026-06-01T00:00:00Z",
        // month names and numbers, any case
        "cron(0 0 1 JAN,JUL ? *)     | 2026-02-01T00:00:00Z | 2026-07-01T00:00:00Z",
        "cron(0 0 1 MAR-MAY ? *)     | 2026-05-01T00:00:00Z | 2027-03-01T00:00:00Z",
        "cron(0 0 1 jul ? *)         | 2026-02-01T00:00:00Z | 2026-07-01T00:00:00Z",
        "cron(0 0 1 12 ? *)          | 2026-02-01T00:00:00Z | 2026-12-01T00:00:00Z",
        // weekday names and numbers: 1 is Sunday, 7 Saturday (2026-11-27 is a Friday)
        "cron(0 9 ? * MON-FRI *)     | 2026-11-27T08:00:00Z | 2026-11-27T09:00:00Z",
        "cron(0 9 ? * MON-FRI *)     | 2026-11-27T09:00:00Z | 2026-11-30T09:00:00Z",
        "cron(0 9 ? * 2-6 *)         | 2026-11-27T09:00:00Z | 2026-11-30T09:00:00Z",
        "cron(0 9 ? * 1 *)           | 2026-11-27T09:00:00Z | 2026-11-29T09:00:00Z",
        "cron(0 9 ? * SUN *)         | 2026-11-27T09:00:00Z | 2026-11-29T09:00:00Z",
        "cron(0 9 ? * 7 *)           | 2026-11-27T09:00:00Z | 2026-11-28T09:00:00Z",
        "cron(0 9 ? * sat,Mon *)     | 2026-11-28T09:00:00Z | 2026-11-30T09:00:00Z",
        "cron(0 9 ? * * *)           | 2026-11-27T09:00:00Z | 2026-11-28T09:00:00Z",
        // L: the month's last day (leap years, 30- and 31-day months); alone in day-of-week, SAT
        "cron(0 0 L * ? *)           | 2026-02-10T00:00:00Z | 2026-02-28T00:00:00Z",
        "cron(0 0 L * ? *)           | 2028-02-01T00:00:00Z | 2028-02-29T00:00:00Z",
        "cron(0 0 L * ? *)           | 2026-04-30T00:00:00Z | 2026-05-31T00:00:00Z",
        "cron(0 0 L * ? *)           | 2026-12-31T00:00:00Z | 2027-01-31T00:00:00Z",
        "cron(0 0 ? * L *)           | 2026-11-27T00:00:00Z | 2026-11-28T00:00:00Z",
        // nL in day-of-week: the month's last such weekday
        "cron(0 0 ? * 6L *)          | 2026-11-01T00:00:00Z | 2026-11-27T00:00:00Z",
        "cron(0 0 ? * 6L *)          | 2026-11-27T00:00:00Z | 2026-12-25T00:00:00Z",
        "cron(0 0 ? * FRIL *)        | 2026-11-01T00:00:00Z | 2026-11-27T00:00:00Z",
        // W: the weekday nearest the day, never leaving the month
        "cron(0 0 15W * ? *)         | 2026-08-01T00:00:00Z | 2026-08-14T00:00:00Z",
        "cron(0 0 15W * ? *)         | 2026-11-01T00:00:00Z | 2026-11-16T00:00:00Z",
        "cron(0 0 15W * ? *)         | 2026-12-01T00:00:00Z | 2026-12-15T00:00:00Z",
        "cron(0 0 1W * ? *)          | 2026-07-31T12:00:00Z | 2026-08-03T00:00:00Z",
        "cron(0 0 31W * ? *)         | 2026-05-01T00:00:00Z | 2026-05-29T00:00:00Z",
        "cron(0 0 31W * ? *)         | 2026-06-01T00:00:00Z | 2026-07-31T00:00:00Z",
        "cron(0 0 LW * ? *)          | 2026-10-01T00:00:00Z | 2026-10-30T00:00:00Z",
        "cron(0 0 LW * ? *)          | 2026-12-01T00:00:00Z | 2026-12-31T00:00:00Z",
        // #: the month's nth such weekday
        "cron(0 9 ? * 3#2 *)         | 2026-12-01T00:00:00Z | 2026-12-08T09:00:00Z",
        "cron(0 9 ? * TUE#1 *)       | 2026-12-01T09:00:00Z | 2027-01-05T09:00:00Z",
        "cron(0 9 ? * 2#5 *)         | 2026-12-01T00:00:00Z | 2027-03-29T09:00:00Z",
        // leap days and days some months lack
        "cron(0 0 29 2 ? *)          | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
        "cron(0 0 29 FEB ? *)        | 2099-03-01T00:00:00Z | 2104-02-29T00:00:00Z",
        "cron(0 0 31 * ? *)          | 2026-04-01T00:00:00Z | 2026-05-31T00:00:00Z",
        "cron(0 0 30 * ? *)          | 2026-01-30T00:00:00Z | 2026-03-30T00:00:00Z",
        // the year field and its bounds
        "cron(0 0 1 1 ? 2030)        | 2026-06-15T00:00:00Z | 2030-01-01T00:00:00Z",
        "cron(0 0 1 1 ? 2026/2)      | 2026-06-15T00:00:00Z | 2028-01-01T00:00:00Z",
        "cron(0 0 1 1 ? 2027-2029)   | 2028-06-15T00:00:00Z | 2029-01-01T00:00:00Z",
        "cron(0 0 1 1 ? 2199)        | 2198-06-15T00:00:00Z | 2199-01-01T00:00:00Z",
        "cron(0 0 1 1 ? 1970)        | 1900-01-01T00:00:00Z | 1970-01-01T00:00:00Z",
        "cron(59 23 31 12 ? *)       | 2199-12-31T23:58:00Z | 2199-12-31T23:59:00Z",
      })
  void aCronExpressionFiresAtTheFirstMatchingMinuteAfter(
      String text, Instant after, Instant expected) {
    CronExpression cron = (CronExpression) ScheduleExpression.parse(text);

    assertThat(cron.nextAfter(after)).contains(expected);
    assertThat(cron.next(after, ANCHOR)).contains(expected);
  }

  @ParameterizedTest(name = "{0} after {1} never fires")
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 0 1 1 ? 2030)   | 2030-01-01T00:00:00Z",
        "cron(0 0 1 1 ? 2199)   | 2199-01-01T00:00:00Z",
        "cron(* * * * ? *)      | 2199-12-31T23:59:00Z",
        "cron(0 0 31 2 ? *)     | 2026-01-01T00:00:00Z",
        "cron(0 0 30 FEB ? *)   | 2026-01-01T00:00:00Z",
        "cron(0 0 31 4,6,9 ? *) | 2026-01-01T00:00:00Z",
        "cron(0 0 29 2 ? 2100)  | 2026-01-01T00:00:00Z",
      })
  void aCronExpressionWithNoMatchingMinuteLeftNeverFiresAgain(String text, Instant after) {
    assertThat(((CronExpression) ScheduleExpression.parse(text)).nextAfter(after)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 12 * * ? )           | has 5 fields, expected 6",
        "cron(0 12 * * ? * *)        | has 7 fields, expected 6",
        "cron()                      | has 0 fields, expected 6",
        "cron(0 12 * * ? *           | is not of the form cron(fields)",
        // the ? rule
        "cron(0 12 * * * *)          | sets both day-of-month \"*\" and day-of-week \"*\"; one"
            + " of them must be ?",
        "cron(0 12 1 * MON *)        | sets both day-of-month \"1\" and day-of-week \"MON\"",
        "cron(0 12 ? * ? *)          | has ? in both day-of-month and day-of-week",
        "cron(? 12 1 * ? *)          | bad minutes field: \"?\": ? is only allowed alone",
        "cron(0 12 1 ? ? *)          | bad month field: \"?\": ? is only allowed alone",
        "cron(0 12 1,? * ? *)        | bad day-of-month field: \"1,?\": ? is only allowed alone",
        // values out of range or unknown
        "cron(60 12 * * ? *)         | bad minutes field: value \"60\" is out of range: expected"
            + " a number in 0-59",
        "cron(0 24 * * ? *)          | bad hours field: value \"24\" is out of range",
        "cron(0 0 32 * ? *)          | bad day-of-month field: value \"32\" is out of range",
        "cron(0 0 0 * ? *)           | bad day-of-month field: value \"0\" is out of range",
        "cron(0 0 1 13 ? *)          | bad month field: value \"13\" is out of range",
        "cron(0 0 1 FOO ? *)         | bad month field: value \"FOO\" is not a number in 1-12 or"
            + " a name in JAN-DEC",
        "cron(0 0 ? * 8 *)           | bad day-of-week field: value \"8\" is out of range:"
            + " expected a number in 1-7 or a name in SUN-SAT",
        "cron(0 0 ? * 0 *)           | bad day-of-week field: value \"0\" is out of range",
        "cron(0 0 ? * MON-FOO *)     | bad day-of-week field: value \"FOO\" is not",
        "cron(0 0 1 1 ? 1969)        | bad year field: value \"1969\" is out of range: expected"
            + " a number in 1970-2199",
        "cron(0 0 1 1 ? 2200)        | bad year field: value \"2200\" is out of range",
        "cron(a 0 1 * ? *)           | bad minutes field: value \"a\" is not a number in 0-59",
        "cron(-5 0 1 * ? *)          | bad minutes field: value \"-5\" is not a number",
        "cron(0 0 1 * ? L)           | bad year field: value \"L\" is not a number",
        "cron(0,,5 0 1 * ? *)        | bad minutes field: \"0,,5\" has an empty list item",
        // ranges and increments
        "cron(30-10 * * * ? *)       | bad minutes field: range \"30-10\" runs backwards",
        "cron(0 0 ? * FRI-MON *)     | bad day-of-week field: range \"FRI-MON\" runs backwards",
        "cron(0/0 * * * ? *)         | bad minutes field: increment \"0\" is not a whole number"
            + " in 1-60",
        "cron(0/61 * * * ? *)        | bad minutes field: increment \"61\"",
        "cron(0/x * * * ? *)         | bad minutes field: increment \"x\"",
        "cron(0 0 ? * */2 *)         | bad day-of-week field: \"*/2\" uses /, which day-of-week"
            + " does not accept",
        // L, W and #
        "cron(0 0 1,L * ? *)         | bad day-of-month field: \"1,L\": L and W stand alone",
        "cron(0 0 15W,1 * ? *)       | bad day-of-month field: \"15W,1\": L and W stand alone",
        "cron(0 0 32W * ? *)         | bad day-of-month field: value \"32\" is out of range",
        "cron(0 0 1 * 6L,1 *)        | sets both day-of-month",
        "cron(0 0 ? * 6L,1 *)        | bad day-of-week field: \"6L,1\": L stands alone",
        "cron(0 0 ? * 8L *)          | bad day-of-week field: value \"8\" is out of range",
        "cron(0 0 ? * 3#1,6#3 *)     | bad day-of-week field: \"3#1,6#3\": with # the"
            + " day-of-week field holds exactly one expression",
        "cron(0 0 ? * 3#6 *)         | bad day-of-week field: \"3#6\": the number after # must"
            + " be 1-5, not \"6\"",
        "cron(0 0 ? * 3#0 *)         | the number after # must be 1-5, not \"0\"",
        "cron(0 0 L * ? 2026W)       | bad year field: value \"2026W\" is not",
        "cron(0 L 1 * ? *)           | bad hours field: value \"L\" is not",
      })
  void anInvalidCronExpressionIsRefusedNamingTheFieldAndTheValue(String text, String message) {
    assertThatThrownBy(() -> ScheduleExpression.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cron expression \"" + text + "\" ")
        .hasMessageContaining(message);
  }

  /**
   * For many seeded-random expressions and instants: the next firing is a whole minute strictly
   * after the instant that matches every field, and no minute between them matches.
   */
  @Test
  void theNextFiringOfAnyCronExpressionIsTheFirstMatchingMinuteAfterTheInstant() {
    Random random = new Random(20261127);
    int fired = 0;
    for (int i = 0; i < 2000; i++) {
      Generated generated = Generated.random(random);
      CronExpression cron = (CronExpression) ScheduleExpression.parse(generated.text());
      Instant after =
          LocalDateTime.of(2019 + random.nextInt(22), 1, 1, 0, 0)
              .plusMinutes(random.nextInt(366 * 24 * 60))
              .plusSeconds(random.nextInt(2) * random.nextInt(60))
              .toInstant(ZoneOffset.UTC);

      Optional<Instant> next = cron.nextAfter(after);

      LocalDateTime from = LocalDateTime.ofInstant(after, ZoneOffset.UTC);
      LocalDateTime until =
          next.map(n -> LocalDateTime.ofInstant(n, ZoneOffset.UTC))
              .orElse(LocalDateTime.of(2200, 1, 1, 0, 0));
      if (next.isPresent()) {
        fired++;
        assertThat(next.get()).as(generated.text() + " after " + after).isAfter(after);
        assertThat(next.get().truncatedTo(ChronoUnit.MINUTES)).isEqualTo(next.get());
        assertThat(cron.matches(until)).as(generated.text() + " at " + until).isTrue();
      }
      assertThat(firstMatchBetween(cron, generated, from, until))
          .as(generated.text() + " between " + from + " and " + until)
          .isEmpty();
    }
    assertThat(fired).as("expressions that fired again").isGreaterThan(1300);
  }

  /** The first matching minute strictly after {@code from} and strictly before {@code until}. */
  private static Optional<LocalDateTime> firstMatchBetween(
      CronExpression cron, Generated generated, LocalDateTime from, LocalDateTime until) {
    LocalTime aMatchingTime = LocalTime.of(generated.anHour(), generated.aMinute());
    for (LocalDate day = from.toLocalDate();
        !day.isAfter(until.toLocalDate());
        day = day.plusDays(1)) {
      // A day on which some minute matches is a day on which this known minute matches.
      if (!cron.matches(day.atTime(aMatchingTime))) {
        continue;
      }
      for (LocalDateTime minute = day.atStartOfDay();
          minute.toLocalDate().equals(day);
          minute = minute.plusMinutes(1)) {
        if (minute.isAfter(from) && minute.isBefore(until) && cron.matches(minute)) {
          return Optional.of(minute);
        }
      }
    }
    return Optional.empty();
  }

  /** A random expression, with one minute and one hour its fields are known to hold. */
  private record Generated(String text, int aMinute, int anHour) {
    private static final String[] MONTHS = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] WEEKDAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    static Generated random(Random random) {
      Field minutes = field(random, 0, 59, null, true);
      Field hours = field(random, 0, 23, null, true);
      String month = field(random, 1, 12, random.nextInt(3) == 0 ? MONTHS : null, true).text();
      String year =
          switch (random.nextInt(6)) {
            case 0 -> Integer.toString(2019 + random.nextInt(25));
            case 1 -> (2019 + random.nextInt(10)) + "-" + (2030 + random.nextInt(10));
            case 2 -> (2019 + random.nextInt(5)) + "/" + (1 + random.nextInt(4));
            default -> "*";
          };
      String dayOfMonth = "?";
      String dayOfWeek = "?";
      if (random.nextBoolean()) {
        dayOfMonth =
            switch (random.nextInt(8)) {
              case 0 -> "L";
              case 1 -> "LW";
              case 2 -> (1 + random.nextInt(31)) + "W";
              default -> field(random, 1, 31, null, true).text();
            };
      } else {
        String weekday =
            random.nextBoolean()
                ? Integer.toString(1 + random.nextInt(7))
                : WEEKDAYS[random.nextInt(7)];
        dayOfWeek =
            switch (random.nextInt(8)) {
              case 0 -> "L";
              case 1 -> weekday + "L";
              case 2 -> weekday + "#" + (1 + random.nextInt(5));
              default -> field(random, 1, 7, random.nextBoolean() ? WEEKDAYS : null, false).text();
            };
      }
      return new Generated(
          "cron("
              + String.join(" ", minutes.text(), hours.text(), dayOfMonth, month, dayOfWeek, year)
              + ")",
          minutes.member(),
          hours.member());
    }

    /** A random list, range, increment, value or *, and one value it holds. */
    private static Field field(Random random, int min, int max, String[] names, boolean steps) {
      int span = max - min + 1;
      int a = min + random.nextInt(span);
      int b = a + random.nextInt(max - a + 1);
      return switch (random.nextInt(steps ? 7 : 5)) {
        case 0 -> new Field("*", min);
        case 1 -> new Field(name(a, min, names), a);
        case 2 -> new Field(name(a, min, names) + "-" + name(b, min, names), a);
        case 3, 4 -> {
          List<String> items = new ArrayList<>();
          int count = 1 + random.nextInt(4);
          for (int i = 0; i < count; i++) {
            items.add(name(min + random.nextInt(span), min, names));
          }
          items.set(0, name(a, min, names));
          yield new Field(String.join(",", items), a);
        }
        case 5 -> new Field(a + "/" + (1 + random.nextInt(span)), a);
        default -> new Field(a + "-" + b + "/" + (1 + random.nextInt(span)), a);
      };
    }

    private static String name(int value, int min, String[] names) {
      return names == null ? Integer.toString(value) : names[value - min];
    }

    private record Field(String text, int member) {}
  }
}
