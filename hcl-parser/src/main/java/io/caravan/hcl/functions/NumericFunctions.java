package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** cty's numeric functions: abs, ceil, floor, log, pow, signum, max, min, parseint. */
public final class NumericFunctions {
  private NumericFunctions() {}

  /** {@code abs(num)}. */
  public static Value abs(Value num) {
    return Value.number(num.asNumber().abs());
  }

  /** {@code ceil(num)}: the smallest whole number not less than num. */
  public static Value ceil(Value num) {
    return Value.number(num.asNumber().setScale(0, RoundingMode.CEILING));
  }

  /** {@code floor(num)}: the largest whole number not greater than num. */
  public static Value floor(Value num) {
    return Value.number(num.asNumber().setScale(0, RoundingMode.FLOOR));
  }

  /** {@code log(num, base)}: computed in float64 like cty, then taken exactly. */
  public static Value log(Value num, Value base) throws FunctionException {
    return fromDouble(Math.log(num.asNumber().doubleValue()) / Math.log(base.asNumber().doubleValue()));
  }

  /** {@code pow(num, power)}: computed in float64 like cty, then taken exactly. */
  public static Value pow(Value num, Value power) throws FunctionException {
    return fromDouble(Math.pow(num.asNumber().doubleValue(), power.asNumber().doubleValue()));
  }

  /** {@code signum(num)}: -1, 0 or 1. */
  public static Value signum(Value num) {
    return Value.number(num.asNumber().signum());
  }

  /** {@code max(numbers...)}. */
  public static Value max(List<Value> numbers) throws FunctionException {
    return extreme(numbers, 1);
  }

  /** {@code min(numbers...)}. */
  public static Value min(List<Value> numbers) throws FunctionException {
    return extreme(numbers, -1);
  }

  private static Value extreme(List<Value> numbers, int sign) throws FunctionException {
    if (numbers.isEmpty()) {
      throw new FunctionException("must pass at least one number");
    }
    BigDecimal best = numbers.get(0).asNumber();
    for (Value v : numbers.subList(1, numbers.size())) {
      if (v.asNumber().compareTo(best) * sign > 0) {
        best = v.asNumber();
      }
    }
    return Value.number(best);
  }

  /** {@code parseint(number, base)}: bases 2 to 62, digits 0-9a-zA-Z, optional sign. */
  public static Value parseint(Value number, Value baseValue) throws FunctionException {
    String s = number.asString();
    BigDecimal b = baseValue.asNumber();
    int base;
    try {
      base = b.intValueExact();
    } catch (ArithmeticException e) {
      throw new FunctionException(1, "base must be a whole number");
    }
    if (base < 2 || base > 62) {
      throw new FunctionException(1, "base must be a whole number between 2 and 62 inclusive");
    }
    BigInteger parsed = parse(s, base);
    if (parsed == null) {
      throw new FunctionException(0, "cannot parse \"" + s + "\" as a base " + base + " integer");
    }
    return Value.number(new BigDecimal(parsed));
  }

  private static BigInteger parse(String s, int base) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i >= s.length()) {
      return null;
    }
    BigInteger result = BigInteger.ZERO;
    BigInteger bigBase = BigInteger.valueOf(base);
    for (; i < s.length(); i++) {
      int d = digit(s.charAt(i), base);
      if (d < 0 || d >= base) {
        return null;
      }
      result = result.multiply(bigBase).add(BigInteger.valueOf(d));
    }
    return negative ? result.negate() : result;
  }

  private static int digit(char c, int base) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
      return base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
    }
    return -1;
  }

  /** A float64 result as cty stores it (a 53-bit float, printed shortest), or an error for NaN/Inf. */
  static Value fromDouble(double d) throws FunctionException {
    if (Double.isNaN(d)) {
      throw new FunctionException("the result is not a number");
    }
    if (Double.isInfinite(d)) {
      throw new FunctionException("the result is infinite");
    }
    return Value.number(BigDecimal.valueOf(d));
  }
}
