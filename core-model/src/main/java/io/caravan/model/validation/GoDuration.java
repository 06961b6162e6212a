package io.caravan.model.validation;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations the way Go's {@code time.Duration.String} does ({@code 1m30s}, {@code 500ms}). */
final class GoDuration {
  private GoDuration() {}

  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long abs = Math.abs(nanos);
    if (abs < 1_000L) {
      return sign + abs + "ns";
    }
    if (abs < 1_000_000L) {
      return sign + decimal(abs, 1_000L) + "µs";
    }
    if (abs < 1_000_000_000L) {
      return sign + decimal(abs, 1_000_000L) + "ms";
    }
    long hours = abs / 3_600_000_000_000L;
    long minutes = (abs / 60_000_000_000L) % 60;
    long rest = abs % 60_000_000_000L;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(decimal(rest, 1_000_000_000L)).append('s').toString();
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
