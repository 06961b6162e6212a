package io.caravan.hcl.functions;

import java.time.YearMonth;

/**
 * The YAML timestamps go-cty-yaml recognises (Go layouts {@code 2006-1-2T15:4:5.999999999Z07:00},
 * the same with a lower-case {@code t}, {@code 2006-1-2 15:4:5.999999999} in UTC, and
 * {@code 2006-1-2}), rewritten as RFC 3339 without fractional seconds, as cty's time functions expect.
 */
final class YamlTimestamps {
  private YamlTimestamps() {}

  /** The RFC 3339 form of {@code s}, or null when it is not one of the accepted timestamps. */
  static String rfc3339(String s) {
    Cursor c = new Cursor(s);
    int year = c.fixedDigits(4);
    if (year < 0 || !c.take('-')) return null;
    int month = c.oneOrTwoDigits();
    if (month < 1 || month > 12 || !c.take('-')) return null;
    int day = c.oneOrTwoDigits();
    if (day < 1) return null;
    int hour = 0, minute = 0, second = 0, offsetMinutes = 0;
    if (!c.atEnd()) {
      char sep = c.next();
      boolean zoned = sep == 'T' || sep == 't';
      if (!zoned && sep != ' ') return null;
      hour = c.oneOrTwoDigits();
      if (hour < 0 || hour >= 24 || !c.take(':')) return null;
      minute = c.oneOrTwoDigits();
      if (minute < 0 || minute >= 60 || !c.take(':')) return null;
      second = c.oneOrTwoDigits();
      if (second < 0 || second >= 60) return null;
      c.skipFraction();
      if (zoned) {
        if (c.take('Z')) {
          offsetMinutes = 0;
        } else {
          offsetMinutes = c.offset();
          if (offsetMinutes == Integer.MIN_VALUE) return null;
        }
      }
      if (!c.atEnd()) return null;
    }
    if (day > YearMonth.of(year, month).lengthOfMonth()) return null;
    StringBuilder b = new StringBuilder(25);
    b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second));
    if (offsetMinutes == 0) {
      b.append('Z');
    } else {
      int abs = Math.abs(offsetMinutes);
      b.append(offsetMinutes < 0 ? '-' : '+').append(String.format("%02d:%02d", abs / 60, abs % 60));
    }
    return b.toString();
  }

  /** A read position over the candidate text. */
  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    char next() {
      return s.charAt(i++);
    }

    boolean take(char c) {
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    private boolean digitAt(int at) {
      return at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9';
    }

    int fixedDigits(int n) {
      int v = 0;
      for (int k = 0; k < n; k++) {
        if (!digitAt(i)) return -1;
        v = v * 10 + (s.charAt(i++) - '0');
      }
      return v;
    }

    /** Go's getnum(value, false): one digit, or two when the second is a digit. */
    int oneOrTwoDigits() {
      if (!digitAt(i)) return -1;
      int v = s.charAt(i++) - '0';
      if (digitAt(i)) v = v * 10 + (s.charAt(i++) - '0');
      return v;
    }

    /** An optional fractional second: a point or comma followed by digits. */
    void skipFraction() {
      if (i + 1 < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',') && digitAt(i + 1)) {
        i += 2;
        while (digitAt(i)) i++;
      }
    }

    /** {@code ±hh:mm} in minutes, or MIN_VALUE. */
    int offset() {
      if (s.length() - i < 6 || s.charAt(i + 3) != ':') return Integer.MIN_VALUE;
      char sign = s.charAt(i);
      if (sign != '+' && sign != '-') return Integer.MIN_VALUE;
      i++;
      int hh = fixedDigits(2);
      if (hh < 0 || !take(':')) return Integer.MIN_VALUE;
      int mm = fixedDigits(2);
      if (mm < 0 || hh > 24 || mm > 60) return Integer.MIN_VALUE;
      int total = hh * 60 + mm;
      return sign == '-' ? -total : total;
    }
  }
}
