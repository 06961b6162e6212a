package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.SourceRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser for HCL's JSON syntax: plain JSON (RFC 8259) read into a small tree of values that keep
 * their byte offsets, with hcl's JSON diagnostics (summary and subject). Like hcl, it stops at the
 * first syntax error. Numbers are kept exactly; strings are decoded here and parsed as templates
 * only when evaluated ({@link JsonExpression}).
 */
public final class JsonSyntax {
  private static final int MAX_DEPTH = 1000;

  /** A JSON value; {@code start} and {@code end} are byte offsets ({@code end} exclusive). */
  sealed interface JNode permits JStr, JNum, JBool, JNull, JArr, JObj {
    int start();

    int end();
  }

  /** A string; {@code start} is the opening quote. {@code escaped} if its source held a backslash escape. */
  record JStr(String value, boolean escaped, int start, int end) implements JNode {}

  /** A number. */
  record JNum(BigDecimal value, int start, int end) implements JNode {}

  /** {@code true} or {@code false}. */
  record JBool(boolean value, int start, int end) implements JNode {}

  /** {@code null}. */
  record JNull(int start, int end) implements JNode {}

  /** An array; {@code start} is the opening bracket. */
  record JArr(List<JNode> values, int start, int end) implements JNode {}

  /** An object; {@code start} is the opening brace, {@code end - 1} the closing one. Duplicate names are kept. */
  record JObj(List<JProp> props, int start, int end) implements JNode {}

  /** An object property: its name's string token, the colon, and its value. */
  record JProp(JStr name, int colon, JNode value) {}

  /** A parsed JSON file: the source, its position table, the root value (null after a syntax error) and the diagnostics. */
  public static final class Doc {
    final byte[] src;
    final String file;
    final PosTable pt;
    final JNode root;
    final ImmutableList<Diagnostic> diagnostics;

    private Doc(byte[] src, String file, PosTable pt, JNode root, List<Diagnostic> diagnostics) {
      this.src = src;
      this.file = file;
      this.pt = pt;
      this.root = root;
      this.diagnostics = ImmutableList.copyOf(diagnostics);
    }

    /** The syntax diagnostics. */
    public ImmutableList<Diagnostic> diagnostics() {
      return diagnostics;
    }

    SourceRange range(int start, int end) {
      return pt.range(start, end);
    }
  }

  private static final class Bail extends RuntimeException {
    Bail() {
      super(null, null, false, false);
    }
  }

  private final byte[] b;
  private final PosTable pt;
  private final List<Diagnostic> diags = new ArrayList<>();
  private int p;
  private int depth;

  private JsonSyntax(byte[] b, PosTable pt) {
    this.b = b;
    this.pt = pt;
  }

  /** Parses {@code src} (UTF-8, named {@code file} in ranges); never throws for bad input. */
  public static Doc parse(byte[] src, String file) {
    PosTable pt = new PosTable(src, file);
    JsonSyntax ps = new JsonSyntax(src, pt);
    if (src.length >= 3 && (src[0] & 0xff) == 0xEF && (src[1] & 0xff) == 0xBB && (src[2] & 0xff) == 0xBF) {
      ps.p = 3;
    }
    JNode root = null;
    try {
      root = ps.value();
      ps.skipSpace();
      if (ps.p < src.length) {
        int s = ps.p;
        ps.err("Extraneous data after value", "Extra characters appear after the JSON value.", s, s + ps.tokenLength(s));
        root = null;
      }
    } catch (Bail e) {
      root = null;
    } catch (StackOverflowError e) {
      ps.err("Nesting too deep", "This JSON value is nested too deeply to be parsed.", Math.min(ps.p, src.length), Math.min(ps.p, src.length));
      root = null;
    }
    return new Doc(src, file, pt, root, ps.diags);
  }

  /** Nomad's jobspec2 rule for telling the syntaxes apart: the first byte that is not a space is an opening brace. */
  public static boolean looksLikeJson(byte[] src) {
    for (byte c : src) {
      if (c != ' ') {
        return c == '{';
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------ lexing

  private void err(String summary, String detail, int s, int e) {
    diags.add(Diagnostic.error(summary, detail, pt.range(s, Math.min(Math.max(s, e), b.length))));
  }

  private Bail fail(String summary, String detail, int s, int e) {
    err(summary, detail, s, e);
    return new Bail();
  }

  private void skipSpace() {
    while (p < b.length) {
      byte c = b[p];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        p++;
      } else {
        return;
      }
    }
  }

  /** The byte length of the token (or the one character) at {@code s}, for a diagnostic's subject. */
  private int tokenLength(int s) {
    if (s >= b.length) {
      return 0;
    }
    int c = b[s] & 0xff;
    if (c == '"') {
      int e = s + 1;
      while (e < b.length && b[e] != '"' && b[e] != '\n') {
        e += b[e] == '\\' ? 2 : 1;
      }
      return Math.min(e + 1, b.length) - s;
    }
    if (isWordByte(c)) {
      int e = s;
      while (e < b.length && isWordByte(b[e] & 0xff)) {
        e++;
      }
      return e - s;
    }
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    return Math.min(len, b.length - s);
  }

  private static boolean isWordByte(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '+' || c == '.';
  }

  // ------------------------------------------------------------------------------------------ values

  private JNode value() {
    skipSpace();
    if (p >= b.length) {
      throw fail("Missing value", "The JSON data ends prematurely.", p, p);
    }
    int c = b[p] & 0xff;
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case '}':
        throw fail("Missing JSON value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", p, p + 1);
      case ']':
        throw fail("Missing array element value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", p, p + 1);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
          return keyword();
        }
        throw fail("Invalid start of value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", p, p + tokenLength(p));
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw fail("Nesting too deep", "This JSON value is nested too deeply to be parsed.", p, p + 1);
    }
  }

  private JObj object() {
    enter();
    int open = p++;
    List<JProp> props = new ArrayList<>();
    skipSpace();
    if (p < b.length && b[p] == '}') {
      p++;
      depth--;
      return new JObj(List.of(), open, p);
    }
    while (true) {
      skipSpace();
      if (p >= b.length) {
        throw fail("Unclosed object", "No closing brace was found for this JSON object.", open, open + 1);
      }
      if (b[p] != '"') {
        JNode key = value(); // hcl reads any value, then insists on a string
        throw fail("Invalid object property name", "A JSON object property name must be a string", key.start(), key.start() + 1);
      }
      JStr name = string();
      skipSpace();
      if (p >= b.length || b[p] != ':') {
        if (p < b.length && (b[p] == '}' || b[p] == ',')) {
          throw fail("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", p, p + 1);
        }
        if (p < b.length && b[p] == '=') {
          throw fail("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", p, p + 1);
        }
        throw fail("Missing property value colon", "A colon must appear between an object property's name and its value.", p, p + tokenLength(p));
      }
      int colon = p++;
      JNode val = value();
      props.add(new JProp(name, colon, val));
      skipSpace();
      if (p >= b.length) {
        throw fail("Unclosed object", "No closing brace was found for this JSON object.", open, open + 1);
      }
      int c = b[p];
      if (c == ',') {
        int comma = p++;
        skipSpace();
        if (p < b.length && b[p] == '}') {
          throw fail("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", comma, comma + 1);
        }
        continue;
      }
      if (c == '}') {
        p++;
        depth--;
        return new JObj(props, open, p);
      }
      if (c == ']') {
        throw fail("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", p, p + 1);
      }
      // hcl spells the summary this way; kept so messages match Nomad's
      throw fail("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", p, p + tokenLength(p));
    }
  }

  private JArr array() {
    enter();
    int open = p++;
    List<JNode> values = new ArrayList<>();
    skipSpace();
    if (p < b.length && b[p] == ']') {
      p++;
      depth--;
      return new JArr(List.of(), open, p);
    }
    while (true) {
      values.add(value());
      skipSpace();
      if (p >= b.length) {
        throw fail("Unclosed array", "No closing bracket was found for this JSON array.", open, open + 1);
      }
      int c = b[p];
      if (c == ',') {
        int comma = p++;
        skipSpace();
        if (p < b.length && b[p] == ']') {
          throw fail("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", comma, comma + 1);
        }
        continue;
      }
      if (c == ']') {
        p++;
        depth--;
        return new JArr(values, open, p);
      }
      if (c == ':') {
        throw fail("Invalid array value", "A colon is not used to introduce values in a JSON array.", p, p + 1);
      }
      if (c == '}') {
        throw fail("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", p, p + 1);
      }
      throw fail("Missing attribute seperator comma", "A comma must appear between each value in an array.", p, p + tokenLength(p));
    }
  }

  private JNode keyword() {
    int s = p;
    while (p < b.length && isWordByte(b[p] & 0xff)) {
      p++;
    }
    String word = new String(b, s, p - s, StandardCharsets.US_ASCII);
    switch (word) {
      case "true":
        return new JBool(true, s, p);
      case "false":
        return new JBool(false, s, p);
      case "null":
        return new JNull(s, p);
      case "undefined", "NaN", "Infinity":
        throw fail("Invalid JSON keyword", "The JavaScript identifier \"" + word + "\" cannot be used in JSON.", s, p);
      default:
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        String hint = lower.equals("true") || lower.equals("false") || lower.equals("null") ? " Did you mean \"" + lower + "\"?" : "";
        throw fail("Invalid JSON keyword", "\"" + word + "\" is not a valid JSON keyword." + hint, s, p);
    }
  }

  private JNum number() {
    int s = p;
    while (p < b.length && isWordByte(b[p] & 0xff)) {
      p++;
    }
    String text = new String(b, s, p - s, StandardCharsets.US_ASCII);
    if (!validNumber(text)) {
      throw fail("Invalid JSON number", "There is a syntax error in the given JSON number.", s, p);
    }
    try {
      return new JNum(new BigDecimal(text), s, p);
    } catch (NumberFormatException | ArithmeticException e) {
      throw fail("Invalid JSON number", "There is a syntax error in the given JSON number.", s, p);
    }
  }

  /** RFC 8259's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  static boolean validNumber(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && t.charAt(i) == '-') {
      i++;
    }
    if (i >= n) {
      return false;
    }
    if (t.charAt(i) == '0') {
      i++;
    } else if (t.charAt(i) >= '1' && t.charAt(i) <= '9') {
      while (i < n && Character.isDigit(t.charAt(i))) {
        i++;
      }
    } else {
      return false;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      int d = i;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int d = i;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
      }
      if (i == d) {
        return false;
      }
    }
    return i == n;
  }

  private JStr string() {
    int s = p++;
    StringBuilder out = null; // made on the first escape; until then the value is a slice of the source
    int runStart = p;
    while (true) {
      if (p >= b.length) {
        throw fail("Invalid JSON string", "There is a syntax error in the given JSON string.", s, p);
      }
      int c = b[p] & 0xff;
      if (c == '"') {
        String value = out == null ? new String(b, runStart, p - runStart, StandardCharsets.UTF_8)
            : out.append(new String(b, runStart, p - runStart, StandardCharsets.UTF_8)).toString();
        p++;
        return new JStr(value, out != null, s, p);
      }
      if (c < 0x20) {
        throw fail("Invalid JSON string", "There is a syntax error in the given JSON string.", p, p + 1);
      }
      if (c >= 0x80) {
        int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        boolean ok = len > 0 && p + len <= b.length;
        for (int k = 1; ok && k < len; k++) {
          ok = (b[p + k] & 0xC0) == 0x80;
        }
        if (!ok) {
          throw fail("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.", p, p + 1);
        }
        p += len;
        continue;
      }
      if (c != '\\') {
        p++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(new String(b, runStart, p - runStart, StandardCharsets.UTF_8));
      int esc = p;
      int e = p + 1 < b.length ? b[p + 1] & 0xff : -1;
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          int cu = hex4(p + 2);
          if (cu < 0) {
            throw fail("Invalid JSON string", "There is a syntax error in the given JSON string.", esc, Math.min(esc + 6, b.length));
          }
          out.append((char) cu);
          p += 4;
        }
        default -> throw fail("Invalid JSON string", "There is a syntax error in the given JSON string.", esc, Math.min(esc + 2, b.length));
      }
      p += 2;
      runStart = p;
    }
  }

  private int hex4(int at) {
    if (at + 4 > b.length) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(b[at + i], 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
