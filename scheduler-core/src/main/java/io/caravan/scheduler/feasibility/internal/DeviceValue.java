package io.caravan.scheduler.feasibility.internal;

import io.caravan.model.cluster.DeviceAttribute;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A typed device attribute value as device plugins report it and device constraints compare it:
 * an integer or float with an optional unit, a string or a bool. Numbers compare across units of
 * the same kind (bytes, byte rates, hertz, watts) after scaling to the base unit; a number with a
 * unit never compares with one without; strings compare lexically; bools only for equality.
 */
public final class DeviceValue {
  /** What a unit measures; only units of one kind compare. */
  private enum Kind { BYTES, BYTE_RATE, HERTZ, WATTS }

  /** A unit's kind and its size in the kind's base unit (byte, byte/s, hertz, watt). */
  private record Unit(Kind kind, BigDecimal scale) {}

  private static final Map<String, Unit> UNITS = units();
  /** Unit names, longest first, so that {@code MiB/s} is tried before {@code B/s} and {@code MW} before {@code W}. */
  private static final List<String> BY_LENGTH = UNITS.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
      .toList();

  private final @Nullable BigDecimal number;
  private final @Nullable String string;
  private final @Nullable Boolean bool;
  private final @Nullable Unit unit;

  private DeviceValue(@Nullable BigDecimal number, @Nullable String string, @Nullable Boolean bool, @Nullable Unit unit) {
    this.number = number;
    this.string = string;
    this.bool = bool;
    this.unit = unit;
  }

  private static Map<String, Unit> units() {
    Map<String, Unit> m = new java.util.LinkedHashMap<>();
    String[] decimal = {"K", "M", "G", "T", "P", "E"};
    String[] binary = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    m.put("B", new Unit(Kind.BYTES, BigDecimal.ONE));
    m.put("B/s", new Unit(Kind.BYTE_RATE, BigDecimal.ONE));
    for (int i = 0; i < decimal.length; i++) {
      BigDecimal d = BigDecimal.valueOf(1000).pow(i + 1);
      BigDecimal b = BigDecimal.valueOf(1024).pow(i + 1);
      m.put(decimal[i] + "B", new Unit(Kind.BYTES, d));
      m.put(binary[i] + "B", new Unit(Kind.BYTES, b));
      m.put(decimal[i] + "B/s", new Unit(Kind.BYTE_RATE, d));
      m.put(binary[i] + "B/s", new Unit(Kind.BYTE_RATE, b));
    }
    m.put("MHz", new Unit(Kind.HERTZ, BigDecimal.valueOf(1_000_000)));
    m.put("GHz", new Unit(Kind.HERTZ, BigDecimal.valueOf(1_000_000_000)));
    m.put("mW", new Unit(Kind.WATTS, new BigDecimal("0.001")));
    m.put("W", new Unit(Kind.WATTS, BigDecimal.ONE));
    m.put("kW", new Unit(Kind.WATTS, BigDecimal.valueOf(1000)));
    m.put("MW", new Unit(Kind.WATTS, BigDecimal.valueOf(1_000_000)));
    m.put("GW", new Unit(Kind.WATTS, BigDecimal.valueOf(1_000_000_000)));
    return Map.copyOf(m);
  }

  /** A node's reported attribute; {@code null} when it carries no value. */
  public static @Nullable DeviceValue of(DeviceAttribute a) {
    Unit u = a.unit().isEmpty() ? null : UNITS.get(a.unit());
    if (a.intVal() != null) {
      return new DeviceValue(BigDecimal.valueOf(a.intVal()), null, null, u);
    }
    if (a.floatVal() != null) {
      return a.floatVal().isNaN() || a.floatVal().isInfinite()
          ? null : new DeviceValue(new BigDecimal(a.floatVal()), null, null, u);
    }
    if (a.stringVal() != null) {
      return string(a.stringVal());
    }
    if (a.boolVal() != null) {
      return new DeviceValue(null, null, a.boolVal(), null);
    }
    return null;
  }

  /** A plain string value (vendor, type, model, or a literal that is not a number or bool). */
  public static DeviceValue string(String s) {
    return new DeviceValue(null, s, null, null);
  }

  /**
   * Parses a constraint literal: a number with an optional known unit suffix (spaces allowed
   * before it, as in {@code "2 GiB"}), else {@code true}/{@code false} (Go's bool spellings),
   * else a string.
   */
  public static DeviceValue parse(String input) {
    if (input.isEmpty()) {
      return string(input);
    }
    String numeric = input;
    Unit unit = null;
    if (Character.isLetter(input.charAt(input.length() - 1))) {
      for (String name : BY_LENGTH) {
        if (input.endsWith(name)) {
          unit = UNITS.get(name);
          numeric = input.substring(0, input.length() - name.length()).strip();
          break;
        }
      }
    }
    BigDecimal n = parseNumber(numeric);
    if (n != null) {
      return new DeviceValue(n, null, null, unit);
    }
    Boolean b = switch (input) {
      case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
      case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
      default -> null;
    };
    return b != null ? new DeviceValue(null, null, b, null) : string(input);
  }

  private static @Nullable BigDecimal parseNumber(String s) {
    if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '+' || s.charAt(0) == '.')) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value as a string when it is one. */
  public @Nullable String asString() {
    return string;
  }

  /**
   * Compares with {@code other}: negative, zero or positive; empty when the two are not
   * comparable (different types, different unit kinds, a unit on one side only). Bools compare
   * only for equality (0 or 1).
   */
  public OptionalInt compareTo(DeviceValue other) {
    if (number != null && other.number != null) {
      if ((unit == null) != (other.unit == null)) {
        return OptionalInt.empty();
      }
      if (unit == null) {
        return OptionalInt.of(Integer.signum(number.compareTo(other.number)));
      }
      if (unit.kind() != other.unit.kind()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Integer.signum(number.multiply(unit.scale()).compareTo(other.number.multiply(other.unit.scale()))));
    }
    if (string != null && other.string != null) {
      return OptionalInt.of(Integer.signum(string.compareTo(other.string)));
    }
    if (bool != null && other.bool != null) {
      return OptionalInt.of(bool.equals(other.bool) ? 0 : 1);
    }
    return OptionalInt.empty();
  }

  /** True for bool values, which support equality only. */
  public boolean isBool() {
    return bool != null;
  }

  @Override
  public String toString() {
    if (number != null) {
      String u = unit == null ? "" : " " + UNITS.entrySet().stream().filter(e -> e.getValue().equals(unit))
          .map(Map.Entry::getKey).findFirst().orElse("");
      return number.toPlainString() + u;
    }
    return Stream.of(string, bool).filter(java.util.Objects::nonNull).findFirst().map(Object::toString).orElse("");
  }
}
