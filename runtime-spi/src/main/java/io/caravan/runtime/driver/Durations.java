package io.caravan.runtime.driver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style duration strings ({@code 1h2m3s}, {@code 250ms}, {@code 1.5s}) used in driver config blocks. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /** Whether the string is a valid Go duration. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Parses a Go duration string, or a config value that is a number of nanoseconds or a {@link Duration}.
   *
   * @throws IllegalArgumentException when the value is not a duration
   */
  public static Duration of(Object value) {
    if (value instanceof Duration d) {
      return d;
    }
    if (value instanceof Number n) {
      return Duration.ofNanos(n.longValue());
    }
    if (value instanceof String s) {
      return parse(s);
    }
    throw new IllegalArgumentException("not a duration: " + value);
  }

  /** Parses a Go duration string such as {@code 1m30s}. */
  public static Duration parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    double nanos = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("invalid duration \"" + s + "\" (expected e.g. 5s, 250ms, 1m30s)");
      }
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      pos = m.end();
    }
    return Duration.ofNanos((long) nanos);
  }
}
