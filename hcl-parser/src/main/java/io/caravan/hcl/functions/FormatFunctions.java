package io.caravan.hcl.functions;

import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** cty's format and formatlist: Go-style verbs (%v %#v %t %d %b %o %x %X %e %E %f %g %G %s %q %%). */
public final class FormatFunctions {
  private FormatFunctions() {}

  /** {@code format(format, args...)}. */
  public static Value format(Value format, List<Value> args) throws FunctionException {
    return Value.string(render(format.asString(), args));
  }

  /**
   * {@code formatlist(format, args...)}: list and tuple arguments are iterated in step, other
   * arguments repeat; all sequences must have the same length.
   */
  public static Value formatlist(Value format, List<Value> args) throws FunctionException {
    int length = -1;
    int lengthArg = -1;
    for (int i = 0; i < args.size(); i++) {
      Value a = args.get(i);
      if (a.type() instanceof Type.ListType || a.type() instanceof Type.TupleType) {
        if (length >= 0 && a.length() != length) {
          throw new FunctionException(i + 1, "argument " + (i + 1) + " has length " + a.length()
              + ", which is inconsistent with argument " + (lengthArg + 1) + " of length " + length);
        }
        length = a.length();
        lengthArg = i;
      }
    }
    if (length < 0) {
      return Value.list(Type.STRING, List.of(format(format, args)));
    }
    List<Value> out = new ArrayList<>();
    for (int row = 0; row < length; row++) {
      List<Value> rowArgs = new ArrayList<>();
      for (Value a : args) {
        boolean seq = a.type() instanceof Type.ListType || a.type() instanceof Type.TupleType;
        rowArgs.add(seq ? a.elements().get(row) : a);
      }
      out.add(Value.string(render(format.asString(), rowArgs)));
    }
    return Value.list(Type.STRING, out);
  }

  private static String render(String fmt, List<Value> args) throws FunctionException {
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      int verbStart = i;
      i++;
      if (i < fmt.length() && fmt.charAt(i) == '%') {
        out.append('%');
        i++;
        continue;
      }
      boolean minus = false;
      boolean plus = false;
      boolean sharp = false;
      boolean zero = false;
      boolean space = false;
      for (; i < fmt.length(); i++) {
        char f = fmt.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '#') {
          sharp = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == ' ') {
          space = true;
        } else {
          break;
        }
      }
      if (i < fmt.length() && fmt.charAt(i) == '[') {
        int close = fmt.indexOf(']', i);
        if (close < 0) {
          throw new FunctionException(0, "unterminated argument index at " + i);
        }
        next = Integer.parseInt(fmt.substring(i + 1, close)) - 1;
        i = close + 1;
      }
      int width = -1;
      int ws = i;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        i++;
      }
      if (i > ws) {
        width = Integer.parseInt(fmt.substring(ws, i));
      }
      int precision = -1;
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        i++;
        int ps = i;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          i++;
        }
        precision = i > ps ? Integer.parseInt(fmt.substring(ps, i)) : 0;
      }
      if (i >= fmt.length()) {
        throw new FunctionException(0, "invalid format string starting at offset " + verbStart + ": missing verb");
      }
      char verb = fmt.charAt(i++);
      if (next >= args.size()) {
        throw new FunctionException("not enough arguments for \"" + fmt.substring(verbStart, i) + "\" at "
            + verbStart + ": need index " + (next + 1) + " but have " + args.size() + " total");
      }
      Value arg = args.get(next);
      int argIndex = next + 1;
      next++;
      String body = verb(verb, arg, argIndex, sharp, plus, space, precision);
      out.append(pad(body, width, minus, zero && !minus && verb != 's' && verb != 'q' && verb != 'v'));
    }
    if (next < args.size()) {
      throw new FunctionException("too many arguments; only " + next + " used by format string");
    }
    return out.toString();
  }

  private static String verb(char verb, Value arg, int argIndex, boolean sharp, boolean plus, boolean space,
      int precision) throws FunctionException {
    if (arg.isNull() && verb != 'v') {
      throw new FunctionException(argIndex, "unsupported value for \"%" + verb + "\" at " + (argIndex - 1)
          + ": null value cannot be formatted");
    }
    switch (verb) {
      case 'v' -> {
        if (sharp || arg.isNull()) {
          return JsonFunctions.jsonencode(arg).asString();
        }
        Type t = arg.type();
        if (t.equals(Type.STRING)) {
          return arg.asString();
        }
        if (t.equals(Type.BOOL)) {
          return Boolean.toString(arg.asBool());
        }
        if (t.equals(Type.NUMBER)) {
          return sign(JsonFunctions.plain(arg.asNumber()), plus, space);
        }
        return JsonFunctions.jsonencode(arg).asString();
      }
      case 's' -> {
        String s = convert(arg, Type.STRING, argIndex).asString();
        return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
      }
      case 'q' -> {
        StringBuilder b = new StringBuilder();
        JsonFunctions.quote(convert(arg, Type.STRING, argIndex).asString(), b);
        return b.toString();
      }
      case 't' -> {
        return Boolean.toString(convert(arg, Type.BOOL, argIndex).asBool());
      }
      case 'd', 'b', 'o', 'x', 'X' -> {
        BigDecimal n = convert(arg, Type.NUMBER, argIndex).asNumber();
        if (verb != 'x' && verb != 'X' || n.stripTrailingZeros().scale() <= 0) {
          BigInteger whole;
          try {
            whole = n.toBigIntegerExact();
          } catch (ArithmeticException e) {
            throw new FunctionException(argIndex, "unsupported value for \"%" + verb + "\" at " + (argIndex - 1)
                + ": value must be a whole number");
          }
          int radix = switch (verb) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
          };
          String digits = whole.abs().toString(radix);
          if (verb == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
          }
          return sign((whole.signum() < 0 ? "-" : "") + digits, plus, space);
        }
        return sign(Double.toHexString(n.doubleValue()), plus, space);
      }
      case 'f', 'F' -> {
        BigDecimal n = convert(arg, Type.NUMBER, argIndex).asNumber();
        return sign(n.setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString(), plus, space);
      }
      case 'e', 'E', 'g', 'G' -> {
        double d = convert(arg, Type.NUMBER, argIndex).asNumber().doubleValue();
        String s = switch (verb) {
          case 'e' -> String.format("%." + (precision < 0 ? 6 : precision) + "e", d);
          case 'E' -> String.format("%." + (precision < 0 ? 6 : precision) + "E", d);
          default -> shortestG(d, precision, verb == 'G');
        };
        return sign(s, plus, space);
      }
      default -> throw new FunctionException(argIndex, "unsupported format verb %" + verb);
    }
  }

  private static String shortestG(double d, int precision, boolean upper) {
    String s;
    if (precision < 0) {
      BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
      int exp = b.precision() - b.scale() - 1;
      s = exp < -4 || exp >= 21 ? String.format("%." + Math.max(b.precision() - 1, 0) + "e", d) : JsonFunctions.plain(b);
    } else {
      s = String.format("%." + Math.max(precision, 1) + "g", d);
    }
    return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
  }

  private static String sign(String s, boolean plus, boolean space) {
    if (s.startsWith("-")) {
      return s;
    }
    return plus ? "+" + s : space ? " " + s : s;
  }

  private static String pad(String s, int width, boolean left, boolean zeros) {
    int n = s.codePointCount(0, s.length());
    if (width <= n) {
      return s;
    }
    String fill = (zeros ? "0" : " ").repeat(width - n);
    if (left) {
      return s + fill;
    }
    if (zeros && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }

  private static Value convert(Value v, Type t, int argIndex) throws FunctionException {
    try {
      return Convert.to(v, t);
    } catch (ConversionException e) {
      throw new FunctionException(argIndex, "unsupported value for \"%" + "\" at " + (argIndex - 1) + ": "
          + e.getMessage());
    }
  }
}
