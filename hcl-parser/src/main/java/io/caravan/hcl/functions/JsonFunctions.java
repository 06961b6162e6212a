package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** cty's jsonencode and jsondecode: objects become objects and arrays tuples, numbers stay exact. */
public final class JsonFunctions {
  private JsonFunctions() {}

  /** {@code jsonencode(val)}: compact JSON with sorted object keys and Go's HTML-safe escaping. */
  public static Value jsonencode(Value val) throws FunctionException {
    StringBuilder b = new StringBuilder();
    write(val, b);
    return Value.string(b.toString());
  }

  /** Appends {@code v} as JSON. */
  static void write(Value v, StringBuilder b) throws FunctionException {
    if (v.isUnknown()) {
      throw new FunctionException(0, "value is not known");
    }
    if (v.isNull()) {
      b.append("null");
      return;
    }
    Type t = v.type();
    if (t.equals(Type.STRING)) {
      quote(v.asString(), b);
    } else if (t.equals(Type.NUMBER)) {
      b.append(plain(v.asNumber()));
    } else if (t.equals(Type.BOOL)) {
      b.append(v.asBool());
    } else if (t instanceof Type.MapType || t instanceof Type.ObjectType) {
      b.append('{');
      boolean first = true;
      for (var e : v.attributes().entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        quote(e.getKey(), b);
        b.append(':');
        write(e.getValue(), b);
      }
      b.append('}');
    } else {
      b.append('[');
      boolean first = true;
      for (Value e : v.elements()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        write(e, b);
      }
      b.append(']');
    }
  }

  /** A number as cty writes it: plain decimal without trailing zeros. */
  static String plain(BigDecimal n) {
    BigDecimal s = n.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }

  /** Go's encoding/json string escaping (with HTML escaping). */
  static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** {@code jsondecode(str)}. */
  public static Value jsondecode(Value str) throws FunctionException {
    Parser p = new Parser(str.asString());
    p.skipSpace();
    if (p.atEnd()) {
      throw new FunctionException("EOF");
    }
    Value v = p.value();
    p.skipSpace();
    if (!p.atEnd()) {
      throw new FunctionException("extraneous data after JSON object");
    }
    return v;
  }

  /** A small JSON reader with Go-like error texts. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    void skipSpace() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
        i++;
      }
    }

    Value value() throws FunctionException {
      skipSpace();
      if (atEnd()) {
        throw new FunctionException("EOF");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Value> attrs = new LinkedHashMap<>();
          skipSpace();
          if (peek('}')) {
            i++;
            return Value.object(attrs);
          }
          while (true) {
            skipSpace();
            if (atEnd()) {
              throw new FunctionException("EOF");
            }
            if (s.charAt(i) != '"') {
              throw invalid("looking for beginning of object key string");
            }
            String key = string();
            skipSpace();
            expect(':', "after object key");
            attrs.put(key, value());
            skipSpace();
            if (atEnd()) {
              throw new FunctionException("EOF");
            }
            if (s.charAt(i) == ',') {
              i++;
              continue;
            }
            expect('}', "after object key:value pair");
            return Value.object(attrs);
          }
        }
        case '[' -> {
          i++;
          List<Value> elements = new ArrayList<>();
          skipSpace();
          if (peek(']')) {
            i++;
            return Value.tuple(elements);
          }
          while (true) {
            elements.add(value());
            skipSpace();
            if (atEnd()) {
              throw new FunctionException("EOF");
            }
            if (s.charAt(i) == ',') {
              i++;
              continue;
            }
            expect(']', "after array element");
            return Value.tuple(elements);
          }
        }
        case '"' -> {
          return StringFunctions.text(string());
        }
        case 't' -> {
          return literal("true", Value.TRUE);
        }
        case 'f' -> {
          return literal("false", Value.FALSE);
        }
        case 'n' -> {
          return literal("null", Value.NULL_DYNAMIC);
        }
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw invalid("looking for beginning of value");
        }
      }
    }

    private boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c, String context) throws FunctionException {
      if (atEnd()) {
        throw new FunctionException("EOF");
      }
      if (s.charAt(i) != c) {
        throw invalid(context);
      }
      i++;
    }

    private FunctionException invalid(String context) {
      return new FunctionException("invalid character '" + s.charAt(i) + "' " + context);
    }

    private Value literal(String word, Value v) throws FunctionException {
      if (!s.startsWith(word, i)) {
        throw invalid("looking for beginning of value");
      }
      i += word.length();
      return v;
    }

    private Value number() throws FunctionException {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      try {
        return Value.number(new BigDecimal(s.substring(start, i)));
      } catch (NumberFormatException e) {
        throw new FunctionException("invalid number literal " + s.substring(start, i));
      }
    }

    private String string() throws FunctionException {
      i++;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw new FunctionException("EOF");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (atEnd()) {
          throw new FunctionException("EOF");
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw new FunctionException("EOF");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new FunctionException("invalid character '" + e + "' in string escape code");
        }
      }
    }
  }
}
