package io.caravan.hcl.functions;

import io.caravan.hcl.Numbers;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one YAML scalar (its text, explicit tag and style) into a value with go-cty-yaml v1.2's
 * rules: YAML 1.1 booleans ({@code y}, {@code yes}, {@code on}, ...), YAML 1.2 integer and float
 * literals as exact numbers, unquoted dates as RFC 3339 strings, quoted scalars always strings.
 */
final class YamlScalars {
  static final String TAG_PREFIX = "tag:yaml.org,2002:";
  static final String STR = TAG_PREFIX + "str";
  static final String BOOL = TAG_PREFIX + "bool";
  static final String INT = TAG_PREFIX + "int";
  static final String FLOAT = TAG_PREFIX + "float";
  static final String NULL = TAG_PREFIX + "null";
  static final String TIMESTAMP = TAG_PREFIX + "timestamp";
  static final String BINARY = TAG_PREFIX + "binary";
  static final String MAP = TAG_PREFIX + "map";
  static final String SEQ = TAG_PREFIX + "seq";
  static final String MERGE = TAG_PREFIX + "merge";

  /** How the scalar was written; only the quoted styles escape type resolution. */
  enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, BLOCK }

  /** Words with a fixed meaning in untagged (or bool/null/float-tagged) plain scalars. */
  private static final Map<String, Value> WORDS = words();
  private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> INFINITIES =
      Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0o[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)");
  private static final Pattern FLOATING = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  /** What Go's big.ParseFloat accepts in base 10 (sign, digits with an optional point, exponent). */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private YamlScalars() {}

  private static Map<String, Value> words() {
    Map<String, Value> m = new java.util.HashMap<>();
    for (String w : "y Y yes Yes YES true True TRUE on On ON".split(" ")) m.put(w, Value.TRUE);
    for (String w : "n N no No NO false False FALSE off Off OFF".split(" ")) m.put(w, Value.FALSE);
    return Map.copyOf(m);
  }

  /** True for the tags a scalar may carry; anything else is "unsupported tag". */
  static boolean resolvable(String tag) {
    return tag.isEmpty() || tag.equals(STR) || tag.equals(BOOL) || tag.equals(INT) || tag.equals(FLOAT)
        || tag.equals(NULL) || tag.equals(TIMESTAMP) || tag.equals(BINARY);
  }

  /** The value of scalar {@code src} with explicit tag {@code tag} ("" when none). */
  static Value resolve(String tag, String src, Style style) throws YamlException {
    if (!resolvable(tag)) {
      throw new YamlException("unsupported tag " + goQuote(tag));
    }
    char hint = hint(src);
    if (hint != 0 && !tag.equals(STR) && !tag.equals(BINARY)) {
      if (style == Style.SINGLE_QUOTED || style == Style.DOUBLE_QUOTED) {
        return StringFunctions.text(src);
      }
      Value word = WORDS.get(src);
      if (word != null) return word;
      if (NULL_WORDS.contains(src)) return Value.NULL_DYNAMIC;
      if (INFINITIES.contains(src)) {
        throw new YamlException("floating point infinity is not supported by Caravan's exact numbers");
      }
      if (tag.isEmpty() && (src.equals(".nan") || src.equals(".NaN") || src.equals(".NAN"))) {
        throw new YamlException("floating point NaN is not supported");
      }
      switch (hint) {
        case '.' -> {
          BigDecimal d = decimal(src);
          if (d != null) return Value.number(Numbers.roundToFloat(d));
        }
        case 'D', 'S' -> {
          if (tag.isEmpty() || tag.equals(TIMESTAMP)) {
            String ts = YamlTimestamps.rfc3339(src);
            if (ts != null) return Value.string(ts);
          }
          if (INTEGER.matcher(src).matches()) {
            tag = INT;
          } else if (FLOATING.matcher(src).matches()) {
            tag = FLOAT;
          }
        }
        default -> { } // 'M': the words were looked up above
      }
    }
    switch (tag) {
      case "" -> {
        return StringFunctions.text(src);
      }
      case STR -> {
        return StringFunctions.text(src);
      }
      case BINARY -> {
        String b64 = src.replace("\r", "").replace("\n", "");
        try {
          if (b64.length() % 4 != 0) throw new IllegalArgumentException("unpadded");
          Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
          throw new YamlException("cannot parse " + goQuote(src) + " as " + tag + ": not valid base64");
        }
        return StringFunctions.text(src); // cty has no bytes: the base64 text is kept
      }
      case BOOL -> {
        Value word = WORDS.get(src);
        if (word == null) throw new YamlException("cannot parse " + goQuote(src) + " as " + tag);
        return word;
      }
      case INT, FLOAT -> {
        Value n = number(src.replace("_", ""));
        if (n == null) throw new YamlException("cannot parse " + goQuote(src) + " as " + tag);
        return n;
      }
      case TIMESTAMP -> {
        String ts = YamlTimestamps.rfc3339(src);
        if (ts == null) throw new YamlException("cannot parse " + goQuote(src) + " as " + tag);
        return Value.string(ts);
      }
      case NULL -> {
        return Value.NULL_DYNAMIC;
      }
      default -> throw new YamlException("unsupported tag " + goQuote(tag));
    }
  }

  /** A decimal (rounded to cty's 512-bit floats), then Go's strconv base-0 integers (0x, 0o, 0b, 0 octal). */
  private static Value number(String plain) {
    BigDecimal d = decimal(plain);
    if (d != null) return Value.number(Numbers.roundToFloat(d));
    BigInteger i = goInteger(plain);
    return i == null ? null : Value.number(new BigDecimal(i));
  }

  private static BigDecimal decimal(String s) {
    if (!DECIMAL.matcher(s).matches()) return null;
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // exponent beyond BigDecimal's range
    }
  }

  /** strconv.ParseInt(s, 0, 64), falling back to ParseUint for large unsigned values. */
  private static BigInteger goInteger(String s) {
    boolean negative = false;
    String body = s;
    if (body.startsWith("+") || body.startsWith("-")) {
      negative = body.charAt(0) == '-';
      body = body.substring(1);
    }
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) return null;
    BigInteger v;
    try {
      v = new BigInteger(body, radix);
    } catch (NumberFormatException e) {
      return null;
    }
    if (v.signum() < 0 || body.charAt(0) == '+' || body.charAt(0) == '-') return null;
    if (negative) v = v.negate();
    BigInteger min = BigInteger.ONE.shiftLeft(63).negate();
    BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(maxUnsigned) > 0) return null;
    if (v.bitLength() >= 64 && s.startsWith("+")) return null; // ParseUint takes no sign
    return v;
  }

  /** The resolver's first-character hint: sign, digit, dot, a word's first letter, or 0. */
  private static char hint(String src) {
    if (src.isEmpty()) return 'N';
    char c = src.charAt(0);
    if (c == '+' || c == '-') return 'S';
    if (c >= '0' && c <= '9') return 'D';
    if ("yYnNtTfFoO~".indexOf(c) >= 0) return 'M';
    if (c == '.') return '.';
    return 0;
  }

  /** Go's %q for the ASCII texts that appear in these messages. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
