package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;

/** cty's time functions: formatdate (cty's spec language) and timeadd (Go duration syntax). */
public final class DateTimeFunctions {
  private DateTimeFunctions() {}

  /** {@code formatdate(format, timestamp)}: timestamp in RFC 3339. */
  public static Value formatdate(Value format, Value timestamp) throws FunctionException {
    OffsetDateTime t = parseTimestamp(timestamp.asString(), 1);
    String spec = format.asString();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (c == '\'') {
        // A quoted literal; inside it, '' stands for one quote. A lone '' outside is also one quote.
        int j = i + 1;
        StringBuilder literal = new StringBuilder();
        boolean closed = false;
        while (j < spec.length()) {
          if (spec.charAt(j) == '\'') {
            if (j + 1 < spec.length() && spec.charAt(j + 1) == '\'') {
              literal.append('\'');
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          literal.append(spec.charAt(j++));
        }
        if (!closed) {
          throw new FunctionException(0, "unterminated literal '");
        }
        out.append(j == i + 1 ? "'" : literal);
        i = j + 1;
        continue;
      }
      if (!Character.isLetter(c)) {
        out.append(c);
        i++;
        continue;
      }
      int j = i;
      while (j < spec.length() && spec.charAt(j) == c) {
        j++;
      }
      out.append(field(spec.substring(i, j), t));
      i = j;
    }
    return Value.string(out.toString());
  }

  private static String field(String token, OffsetDateTime t) throws FunctionException {
    return switch (token) {
      case "YYYY" -> String.format("%04d", t.getYear());
      case "YY" -> String.format("%02d", t.getYear() % 100);
      case "MMMM" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "MMM" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "MM" -> String.format("%02d", t.getMonthValue());
      case "M" -> Integer.toString(t.getMonthValue());
      case "DD" -> String.format("%02d", t.getDayOfMonth());
      case "D" -> Integer.toString(t.getDayOfMonth());
      case "EEEE" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "EEE" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "hh" -> String.format("%02d", t.getHour());
      case "h" -> Integer.toString(t.getHour());
      case "HH" -> String.format("%02d", twelveHour(t));
      case "H" -> Integer.toString(twelveHour(t));
      case "AA" -> t.getHour() < 12 ? "AM" : "PM";
      case "aa" -> t.getHour() < 12 ? "am" : "pm";
      case "mm" -> String.format("%02d", t.getMinute());
      case "m" -> Integer.toString(t.getMinute());
      case "ss" -> String.format("%02d", t.getSecond());
      case "s" -> Integer.toString(t.getSecond());
      case "ZZZZZ" -> zone(t, true, true);
      case "ZZZZ" -> zone(t, false, true);
      case "ZZZ" -> t.getOffset().equals(ZoneOffset.UTC) ? "UTC" : zone(t, false, false);
      case "Z" -> t.getOffset().equals(ZoneOffset.UTC) ? "Z" : zone(t, true, false);
      default -> throw new FunctionException(0, "invalid date format verb \"" + token
          + "\": unsupported sequence");
    };
  }

  private static int twelveHour(OffsetDateTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String zone(OffsetDateTime t, boolean colon, boolean alwaysNumeric) {
    int seconds = t.getOffset().getTotalSeconds();
    String sign = seconds < 0 ? "-" : "+";
    int abs = Math.abs(seconds);
    return sign + String.format("%02d", abs / 3600) + (colon ? ":" : "") + String.format("%02d", (abs % 3600) / 60);
  }

  /** {@code timeadd(timestamp, duration)}: the result in RFC 3339 with the input's offset. */
  public static Value timeadd(Value timestamp, Value duration) throws FunctionException {
    OffsetDateTime t = parseTimestamp(timestamp.asString(), 0);
    Duration d;
    try {
      d = Duration.ofNanos(GoDurations.parse(duration.asString()));
    } catch (IllegalArgumentException e) {
      throw new FunctionException(1, e.getMessage());
    }
    OffsetDateTime r = t.plus(d);
    String text = r.getOffset().equals(ZoneOffset.UTC)
        ? r.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction(r) + "Z"
        : r.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction(r) + r.getOffset().getId();
    return Value.string(text);
  }

  private static String fraction(OffsetDateTime t) {
    if (t.getNano() == 0) {
      return "";
    }
    String nanos = String.format("%09d", t.getNano());
    return "." + nanos.replaceAll("0+$", "");
  }

  private static OffsetDateTime parseTimestamp(String text, int argIndex) throws FunctionException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new FunctionException(argIndex, "not a valid RFC3339 timestamp: cannot use \"" + text
          + "\" as year");
    }
  }
}
