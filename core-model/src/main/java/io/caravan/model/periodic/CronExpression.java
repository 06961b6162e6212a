package io.caravan.model.periodic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression in the dialect of Nomad's cron library ({@code hashicorp/cronexpr}), immutable
 * and thread-safe.
 *
 * <ul>
 *   <li>5 fields: minute, hour, day of month, month, day of week (second 0, any year); 6 fields add a
 *       year (1970–2099) at the end; 7 fields add a second (0–59) at the front.
 *   <li>Each field is a comma-separated list of {@code *} (or {@code ?}), {@code N}, {@code A-B},
 *       {@code *}{@code /S}, {@code A/S} (from A to the field's maximum) and {@code A-B/S}. Months take
 *       {@code jan}–{@code dec} (or full names), days of week {@code sun}–{@code sat} (or full names),
 *       and 0 or 7 for Sunday; names are case-insensitive.
 *   <li>Day of month also takes {@code L} (last day), {@code LW} (last weekday) and {@code NW} (the
 *       weekday nearest day N, not crossing the month); day of week takes {@code NL} (last such day of
 *       the month) and {@code N#K} (the K-th such day, K 1–5).
 *   <li>When both day of month and day of week are restricted (not {@code *}), a day matching
 *       <em>either</em> matches, as in crontab(5); otherwise the restricted one decides.
 *   <li>Shortcuts: {@code @yearly} (= {@code @annually}), {@code @monthly}, {@code @weekly} (Sunday),
 *       {@code @daily}, {@code @hourly}, each at second 0 of the start of its period.
 * </ul>
 *
 * Unlike the Go library, which accepts some malformed fields and then never matches, an inverted range
 * ({@code 5-2}), an out-of-range value or a step outside 1..max is rejected. {@link #next} works on wall-clock
 * time in a zone: a time skipped when clocks go forward does not fire, and a wall-clock time repeated when
 * they go back fires once (at its first occurrence).
 */
public final class CronExpression {
  private static final int MIN_YEAR = 1970;
  private static final int MAX_YEAR = 2099;
  /** How far {@link #next} looks ahead when the year is not restricted. */
  private static final int YEARS_AHEAD = 100;

  private static final Map<String, String> SHORTCUTS = Map.of(
      "@yearly", "0 0 0 1 1 * *",
      "@annually", "0 0 0 1 1 * *",
      "@monthly", "0 0 0 1 * * *",
      "@weekly", "0 0 0 * * 0 *",
      "@daily", "0 0 0 * * * *",
      "@hourly", "0 0 * * * * *");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> MONTH_NAMES = List.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final List<String> DAY_NAMES = List.of("sunday", "monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday");

  private final String text;
  private final boolean[] seconds = new boolean[60];
  private final boolean[] minutes = new boolean[60];
  private final boolean[] hours = new boolean[24];
  private final boolean[] months = new boolean[13];
  private final boolean[] years = new boolean[MAX_YEAR + 1];
  private boolean anyYear = true;
  // day of month
  private boolean domRestricted;
  private final boolean[] daysOfMonth = new boolean[32];
  private final boolean[] nearestWeekdays = new boolean[32];
  private boolean lastDay;
  private boolean lastWeekday;
  // day of week (0 = Sunday)
  private boolean dowRestricted;
  private final boolean[] daysOfWeek = new boolean[7];
  private final boolean[] lastOfWeekday = new boolean[7];
  private final boolean[][] nthWeekday = new boolean[6][7];

  private CronExpression(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws CronSyntaxException naming the field and the part that is wrong
   */
  public static CronExpression parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.trim();
    CronExpression c = new CronExpression(text);
    if (trimmed.isEmpty()) {
      throw new CronSyntaxException(text, "is empty");
    }
    if (trimmed.startsWith("@")) {
      String expanded = SHORTCUTS.get(trimmed.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new CronSyntaxException(text, "unknown shortcut " + trimmed
            + " (known: @yearly, @annually, @monthly, @weekly, @daily, @hourly)");
      }
      trimmed = expanded;
    }
    String[] f = trimmed.split("\\s+");
    if (f.length < 5 || f.length > 7) {
      throw new CronSyntaxException(text, "has " + f.length + " fields; expected 5 (minute hour day-of-month month"
          + " day-of-week), 6 (the same and a year) or 7 (a second, the same and a year)");
    }
    int i = 0;
    if (f.length == 7) {
      c.simple(f[i++], "second", 0, 59, c.seconds, null);
    } else {
      c.seconds[0] = true;
    }
    c.simple(f[i++], "minute", 0, 59, c.minutes, null);
    c.simple(f[i++], "hour", 0, 23, c.hours, null);
    c.dayOfMonth(f[i++]);
    c.simple(f[i++], "month", 1, 12, c.months, c::monthValue);
    c.dayOfWeek(f[i++]);
    if (i < f.length) {
      c.anyYear = false;
      c.simple(f[i], "year", MIN_YEAR, MAX_YEAR, c.years, null);
      if (isWildcard(f[i])) {
        c.anyYear = true;
      }
    }
    return c;
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  // ---------------------------------------------------------------- parsing

  private interface Value {
    int parse(String token);
  }

  private CronSyntaxException error(String field, String entry, String problem) {
    return new CronSyntaxException(text, field + " field \"" + entry + "\": " + problem);
  }

  private static boolean isWildcard(String field) {
    for (String entry : field.split(",", -1)) {
      if (entry.equals("*") || entry.equals("?")) {
        return true;
      }
    }
    return false;
  }

  /** A plain field: sets {@code out[v]} for every value the field lists. */
  private void simple(String field, String name, int min, int max, boolean[] out, Value names) {
    for (String raw : field.split(",", -1)) {
      int[] r = range(raw, name, min, max, names);
      for (int v = r[0]; v <= r[1]; v += r[2]) {
        out[v] = true;
      }
    }
  }

  /** {@code [first, last, step]} of one list entry of a plain field. */
  private int[] range(String raw, String name, int min, int max, Value names) {
    String entry = raw.toLowerCase(Locale.ROOT);
    if (entry.isEmpty()) {
      throw error(name, raw, "empty list entry");
    }
    if (entry.equals("*") || entry.equals("?")) {
      return new int[] {min, max, 1};
    }
    int step = 1;
    int slash = entry.indexOf('/');
    String body = entry;
    boolean stepped = slash >= 0;
    if (stepped) {
      String s = entry.substring(slash + 1);
      body = entry.substring(0, slash);
      step = number(s, name, raw, 1, max, "step");
    }
    int first;
    int last;
    if (body.equals("*")) {
      first = min;
      last = max;
    } else {
      int dash = body.indexOf('-');
      if (dash >= 0) {
        first = value(body.substring(0, dash), name, raw, min, max, names);
        last = value(body.substring(dash + 1), name, raw, min, max, names);
        if (first > last) {
          throw error(name, raw, "range is inverted (" + first + " > " + last + ")");
        }
      } else {
        first = value(body, name, raw, min, max, names);
        last = stepped ? max : first;
      }
    }
    return new int[] {first, last, step};
  }

  private int value(String token, String name, String raw, int min, int max, Value names) {
    if (names != null) {
      int named = names.parse(token);
      if (named >= 0) {
        return named;
      }
    }
    return number(token, name, raw, min, max, "value");
  }

  private int number(String token, String name, String raw, int min, int max, String what) {
    if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
      throw error(name, raw, "\"" + token + "\" is not a " + what);
    }
    int v = Integer.parseInt(token);
    if (v < min || v > max) {
      throw error(name, raw, what + " " + v + " is outside " + min + "-" + max);
    }
    return v;
  }

  private int monthValue(String token) {
    int i = MONTHS.indexOf(token);
    if (i < 0) {
      i = MONTH_NAMES.indexOf(token);
    }
    return i < 0 ? -1 : i + 1;
  }

  private static int dayName(String token) {
    int i = DAYS.indexOf(token);
    return i >= 0 ? i : DAY_NAMES.indexOf(token);
  }

  private void dayOfMonth(String field) {
    domRestricted = !isWildcard(field);
    for (String raw : field.split(",", -1)) {
      String e = raw.toLowerCase(Locale.ROOT);
      if (e.equals("l")) {
        lastDay = true;
      } else if (e.equals("lw")) {
        lastWeekday = true;
      } else if (e.endsWith("w") && e.length() > 1) {
        nearestWeekdays[number(e.substring(0, e.length() - 1), "day-of-month", raw, 1, 31, "day")] = true;
      } else {
        int[] r = range(raw, "day-of-month", 1, 31, null);
        for (int v = r[0]; v <= r[1]; v += r[2]) {
          daysOfMonth[v] = true;
        }
      }
    }
  }

  private void dayOfWeek(String field) {
    dowRestricted = !isWildcard(field);
    String name = "day-of-week";
    for (String raw : field.split(",", -1)) {
      String e = raw.toLowerCase(Locale.ROOT);
      int hash = e.indexOf('#');
      if (hash >= 0) {
        int day = weekday(e.substring(0, hash), raw);
        int nth = number(e.substring(hash + 1), name, raw, 1, 5, "week of the month");
        nthWeekday[nth][day] = true;
      } else if (e.length() > 1 && e.endsWith("l")) {
        lastOfWeekday[weekday(e.substring(0, e.length() - 1), raw)] = true;
      } else if (e.equals("*") || e.equals("?")) {
        java.util.Arrays.fill(daysOfWeek, true);
      } else {
        // 7 is Sunday too; a range may end on it (fri-sun, 5-7), so spans run over 0..7 and fold 7 to 0
        int step = 1;
        String body = e;
        int slash = e.indexOf('/');
        if (slash >= 0) {
          step = number(e.substring(slash + 1), name, raw, 1, 7, "step");
          body = e.substring(0, slash);
        }
        int first;
        int last;
        int dash = body.indexOf('-');
        if (body.equals("*")) {
          first = 0;
          last = 6;
        } else if (dash >= 0) {
          first = weekday(body.substring(0, dash), raw);
          String end = body.substring(dash + 1);
          last = end.equals("7") || (dayName(end) == 0 && first > 0) ? 7 : weekday(end, raw);
          if (first > last) {
            throw error(name, raw, "range is inverted (" + first + " > " + last + ")");
          }
        } else {
          first = weekday(body, raw);
          last = slash >= 0 ? 6 : first;
        }
        for (int v = first; v <= last; v += step) {
          daysOfWeek[v % 7] = true;
        }
      }
    }
  }

  private int weekday(String token, String raw) {
    int named = dayName(token);
    if (named >= 0) {
      return named;
    }
    return number(token, "day-of-week", raw, 0, 7, "day") % 7;
  }

  // ---------------------------------------------------------------- matching

  /**
   * The first time strictly after {@code after} (at whole seconds) whose wall-clock time in {@code zone}
   * matches, or empty when none does (a past year, or more than 100 years ahead).
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    Instant t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    LocalDateTime l = LocalDateTime.ofInstant(t, zone);
    while (true) {
      LocalDateTime m = nextLocal(l);
      if (m == null) {
        return Optional.empty();
      }
      List<ZoneOffset> offsets = new ArrayList<>(zone.getRules().getValidOffsets(m));
      offsets.sort(Comparator.comparing(o -> m.toInstant(o)));
      for (ZoneOffset o : offsets) {
        Instant i = m.toInstant(o);
        if (!i.isBefore(t)) {
          return Optional.of(i);
        }
      }
      // a wall-clock time that does not exist (clocks went forward) or that is before t: look further
      l = m.plusSeconds(1);
    }
  }

  /** The first matching wall-clock time at or after {@code l}, or null. */
  private LocalDateTime nextLocal(LocalDateTime l) {
    int lastYear = anyYear ? l.getYear() + YEARS_AHEAD : MAX_YEAR;
    for (int y = l.getYear(); y <= lastYear; y++) {
      if (!anyYear && (y > MAX_YEAR || !years[y])) {
        continue;
      }
      boolean sameY = y == l.getYear();
      for (int mo = sameY ? l.getMonthValue() : 1; mo <= 12; mo++) {
        if (!months[mo]) {
          continue;
        }
        boolean sameM = sameY && mo == l.getMonthValue();
        boolean[] days = days(y, mo);
        for (int d = sameM ? l.getDayOfMonth() : 1; d < days.length; d++) {
          if (!days[d]) {
            continue;
          }
          boolean sameD = sameM && d == l.getDayOfMonth();
          for (int h = sameD ? l.getHour() : 0; h < 24; h++) {
            if (!hours[h]) {
              continue;
            }
            boolean sameH = sameD && h == l.getHour();
            for (int mi = sameH ? l.getMinute() : 0; mi < 60; mi++) {
              if (!minutes[mi]) {
                continue;
              }
              boolean sameMi = sameH && mi == l.getMinute();
              for (int s = sameMi ? l.getSecond() : 0; s < 60; s++) {
                if (seconds[s]) {
                  return LocalDateTime.of(y, mo, d, h, mi, s);
                }
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** Which days of {@code year-month} match (index 1..length). */
  private boolean[] days(int year, int month) {
    LocalDate first = LocalDate.of(year, month, 1);
    int length = first.lengthOfMonth();
    boolean[] out = new boolean[length + 1];
    if (!domRestricted && !dowRestricted) {
      java.util.Arrays.fill(out, 1, length + 1, true);
      return out;
    }
    if (domRestricted) {
      for (int d = 1; d <= length; d++) {
        out[d] |= daysOfMonth[d];
        if (nearestWeekdays[d]) {
          out[nearestWeekday(first.withDayOfMonth(d), length)] = true;
        }
      }
      if (lastDay) {
        out[length] = true;
      }
      if (lastWeekday) {
        out[nearestWeekday(first.withDayOfMonth(length), length)] = true;
      }
    }
    if (dowRestricted) {
      int firstDow = first.getDayOfWeek().getValue() % 7;
      for (int d = 1; d <= length; d++) {
        int dow = (firstDow + d - 1) % 7;
        int nth = (d - 1) / 7 + 1;
        if (daysOfWeek[dow] || nthWeekday[nth][dow] || (lastOfWeekday[dow] && d + 7 > length)) {
          out[d] = true;
        }
      }
    }
    return out;
  }

  /** The weekday nearest {@code day} without leaving its month (Saturday → Friday, Sunday → Monday). */
  private static int nearestWeekday(LocalDate day, int length) {
    int d = day.getDayOfMonth();
    if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
      return d > 1 ? d - 1 : d + 2;
    }
    if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return d < length ? d + 1 : d - 2;
    }
    return d;
  }
}
