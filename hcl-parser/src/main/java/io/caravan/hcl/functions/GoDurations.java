package io.caravan.hcl.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Go's {@code time.ParseDuration}: "300ms", "-1.5h", "2h45m"; units ns, us, µs, ms, s, m, h. */
public final class GoDurations {
  private GoDurations() {}

  /** Parses a Go duration into nanoseconds, throwing with Go's error text when it is invalid. */
  public static long parse(String s) {
    String orig = s;
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    boolean negative = false;
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return 0;
    }
    if (i == s.length()) {
      throw invalid(orig);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(orig);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
      }
      long scale = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
      };
      String normalized = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
      total = total.add(new BigDecimal(normalized).multiply(BigDecimal.valueOf(scale)));
    }
    BigDecimal nanos = total.setScale(0, RoundingMode.DOWN);
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(orig);
    }
    return negative ? -nanos.longValue() : nanos.longValue();
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
  }
}
