package io.caravan.model.periodic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.PeriodicConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

  private static Instant next(String cron, String after) {
    return CronExpression.parse(cron).next(Instant.parse(after), ZoneOffset.UTC).orElseThrow();
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // five fields: minute hour dom month dow
      "* * * * *            | 2026-12-06T02:30:15Z | 2026-12-06T02:31:00Z",
      "*/15 * * * *         | 2026-12-06T02:30:00Z | 2026-12-06T02:45:00Z",
      "5-20/5 3 * * *       | 2026-12-06T03:20:00Z | 2026-12-07T03:05:00Z",
      "0 0 29 2 *           | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
      "0 12 * * mon-fri     | 2026-12-05T13:00:00Z | 2026-12-07T12:00:00Z",
      "0 12 * * fri-sun     | 2026-12-06T13:00:00Z | 2026-12-11T12:00:00Z",
      "0 0 * * 7            | 2026-12-01T00:00:00Z | 2026-12-06T00:00:00Z",
      "0 0 * JAN,jul *      | 2026-12-06T00:00:00Z | 2027-01-01T00:00:00Z",
      // day of month and day of week both restricted: either matches (crontab(5))
      "0 0 13 * fri         | 2026-12-06T00:00:00Z | 2026-12-11T00:00:00Z",
      "0 0 13 * fri         | 2026-12-11T00:00:00Z | 2026-12-13T00:00:00Z",
      // only one restricted: that one decides
      "0 0 */10 * *         | 2026-12-06T00:00:00Z | 2026-12-11T00:00:00Z",
      "0 0 ? * 1            | 2026-12-06T00:00:00Z | 2026-12-07T00:00:00Z",
      // L, LW, nearest weekday, last and n-th weekday
      "0 0 L * *            | 2027-02-01T00:00:00Z | 2027-02-28T00:00:00Z",
      "0 0 LW * *           | 2027-01-01T00:00:00Z | 2027-01-29T00:00:00Z",
      "0 0 15W * *          | 2026-08-01T00:00:00Z | 2026-08-14T00:00:00Z",
      "0 0 1W * *           | 2026-07-31T00:00:00Z | 2026-08-03T00:00:00Z",
      "0 0 * * 5L           | 2026-12-01T00:00:00Z | 2026-12-25T00:00:00Z",
      "0 0 * * 1#2          | 2026-12-01T00:00:00Z | 2026-12-14T00:00:00Z",
      // six fields end with a year; seven start with a second
      "0 0 1 1 * 2030       | 2026-12-06T00:00:00Z | 2030-01-01T00:00:00Z",
      "30 0 0 * * * *       | 2026-12-06T00:00:00Z | 2026-12-06T00:00:30Z",
      // shortcuts
      "@hourly              | 2026-12-06T02:30:00Z | 2026-12-06T03:00:00Z",
      "@daily               | 2026-12-06T02:30:00Z | 2026-12-07T00:00:00Z",
      "@weekly              | 2026-12-06T02:30:00Z | 2026-12-13T00:00:00Z",
      "@monthly             | 2026-12-06T02:30:00Z | 2027-01-01T00:00:00Z",
      "@yearly              | 2026-12-06T02:30:00Z | 2027-01-01T00:00:00Z",
      "@annually            | 2026-12-06T02:30:00Z | 2027-01-01T00:00:00Z"})
  void nextMatchesNomadsCronLibrary(String cron, String after, String expected) {
    assertThat(next(cron.trim(), after.trim())).isEqualTo(Instant.parse(expected.trim()));
  }

  @Test
  void nextIsStrictlyAfterEvenWhenTheTimeItselfMatches() {
    assertThat(next("0 * * * *", "2026-12-06T03:00:00Z")).isEqualTo(Instant.parse("2026-12-06T04:00:00Z"));
    assertThat(next("0 * * * *", "2026-12-06T02:59:59.999Z")).isEqualTo(Instant.parse("2026-12-06T03:00:00Z"));
  }

  @Test
  void evaluatesWallClockTimeInTheZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    // 09:00 in Berlin in winter is 08:00 UTC, in summer 07:00 UTC
    assertThat(CronExpression.parse("0 9 * * *").next(Instant.parse("2026-12-06T10:00:00Z"), berlin))
        .contains(Instant.parse("2026-12-07T08:00:00Z"));
    assertThat(CronExpression.parse("0 9 * * *").next(Instant.parse("2026-07-06T10:00:00Z"), berlin))
        .contains(Instant.parse("2026-07-07T07:00:00Z"));
  }

  @Test
  void aWallClockTimeSkippedByDaylightSavingDoesNotFire() {
    ZoneId ny = ZoneId.of("America/New_York");
    // 2027-03-14 02:30 does not exist in New York; the next 02:30 is the following day (EDT, UTC-4)
    assertThat(CronExpression.parse("30 2 * * *").next(Instant.parse("2027-03-14T05:00:00Z"), ny))
        .contains(Instant.parse("2027-03-15T06:30:00Z"));
  }

  @Test
  void aPastYearHasNoNextTime() {
    assertThat(CronExpression.parse("0 0 1 1 * 2020").next(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "* * * *              | has 4 fields",
      "* * * * * * * *      | has 8 fields",
      "60 * * * *           | minute field \"60\": value 60 is outside 0-59",
      "* 24 * * *           | hour field \"24\": value 24 is outside 0-23",
      "* * 0 * *            | day-of-month field \"0\": value 0 is outside 1-31",
      "* * * 13 *           | month field \"13\": value 13 is outside 1-12",
      "* * * foo *          | month field \"foo\": \"foo\" is not a value",
      "* * * * 8            | day-of-week field \"8\": day 8 is outside 0-7",
      "5-2 * * * *          | minute field \"5-2\": range is inverted (5 > 2)",
      "*/0 * * * *          | minute field \"*/0\": step 0 is outside 1-59",
      "1,,2 * * * *         | minute field \"\": empty list entry",
      "* * * * 1#6          | day-of-week field \"1#6\": week of the month 6 is outside 1-5",
      "@every               | unknown shortcut @every"})
  void rejectsMalformedExpressionsNamingTheField(String cron, String message) {
    assertThatThrownBy(() -> CronExpression.parse(cron.trim()))
        .isInstanceOf(CronSyntaxException.class)
        .hasMessageContaining(message.trim());
  }

  @Test
  void scheduleTakesTheEarliestOfSeveralCronsInItsZone() {
    PeriodicSchedule s = PeriodicSchedule.of(new PeriodicConfig(true, "", List.of("0 10 * * *", "0 8 * * *"), "cron",
        false, "Europe/Berlin"));
    assertThat(s.next(Instant.parse("2026-12-06T05:00:00Z"))).contains(Instant.parse("2026-12-06T07:00:00Z"));
    assertThat(s.next(Instant.parse("2026-12-06T07:00:00Z"))).contains(Instant.parse("2026-12-06T09:00:00Z"));
  }
}
