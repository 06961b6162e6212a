package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.Expression;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Traversal;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent parser for HCL2 native syntax working directly on UTF-8 bytes (linear time). */
public final class Parser {
  private static final int MAX_DEPTH = 200;

  private final byte[] b;
  private final String file;
  private final PosTable pt;
  /** Recently made short string values by hash slot (see {@link #literalString}). */
  private final Value[] strings;
  /** Recently made integer values by hash slot (see {@link #integer}). */
  private final long[] integerKeys;
  private final Value[] integerValues;
  /** Recently made ASCII names by hash slot (see {@link #asciiName}). */
  private final String[] names;
  private final Node.Source source;
  private final List<Diagnostic> diags = new ArrayList<>();
  /** Items of the bodies being parsed, innermost body on top (one array for the whole parse, not a list per body). */
  private Object[] itemStack = new Object[16];
  private int itemTop;
  private int p;
  private int depth;
  private boolean singleLine;
  /** The bytes traversal ranges index into: {@code b}, or the whole JSON file for a template inside a JSON string. */
  private final byte[] traversalSource;

  /**
   * Slots of the sharing caches for a source of {@code length} bytes: 1,024 for large files, fewer
   * for small ones (a typical jobspec is a few kilobytes, and four 1,024-slot tables were most of
   * what parsing it allocated).
   */
  private static int cacheSlots(int length) {
    return Integer.highestOneBit(Math.max(16, Math.min(1024, length >> 4)));
  }

  private Parser(byte[] src, String file) {
    int slots = cacheSlots(src.length);
    this.strings = new Value[slots];
    this.integerKeys = new long[slots];
    this.integerValues = new Value[slots];
    this.names = new String[slots];
    this.b = src;
    this.file = file;
    this.pt = new PosTable(src, file);
    this.source = new Node.Source(src, pt);
    this.traversalSource = src;
  }

  private Parser(byte[] text, String file, byte[] fileBytes, int line, int column, int byteOffset) {
    int slots = cacheSlots(text.length);
    this.strings = new Value[slots];
    this.integerKeys = new long[slots];
    this.integerValues = new Value[slots];
    this.names = new String[slots];
    this.b = text;
    this.file = file;
    this.pt = new PosTable(text, file, line, column, byteOffset);
    this.source = new Node.Source(text, pt);
    this.traversalSource = fileBytes;
  }

  /** A template parsed from the text of a JSON string, or the diagnostics that stopped it. */
  public record Template(Expression expression, ImmutableList<Diagnostic> diagnostics) {}

  /**
   * Parses {@code text} (the decoded content of a JSON string) as a bare HCL template, as hcl's
   * ParseTemplate: no quotes and no backslash escapes, only {@code ${}} and {@code %{}} sequences.
   * Positions start at line {@code line}, column {@code column}, byte {@code byteOffset} of
   * {@code file}, whose bytes {@code fileBytes} traversals refer to (as in hcl, escapes before a
   * position in the string shift it).
   */
  public static Template parseTemplate(byte[] text, String file, byte[] fileBytes, int line, int column, int byteOffset) {
    Parser ps = new Parser(text, file, fileBytes, line, column, byteOffset);
    Expression expr;
    try {
      TemplateParser tp = new TemplateParser(ps, true, null, false);
      expr = ps.finishTemplate(tp.parseSeq(0), 0);
    } catch (StackOverflowError e) {
      ps.err("Nesting too deep", "This construct is nested too deeply to be parsed.", Math.min(ps.p, text.length), Math.min(ps.p, text.length));
      expr = null;
    } catch (Bail e) {
      expr = null;
    }
    return new Template(expr, ImmutableList.copyOf(ps.diags));
  }

  /** Parses a config file. */
  public static ParseResult parse(byte[] src, String file) {
    Parser ps = new Parser(src, file);
    if (src.length >= 3 && (src[0] & 0xff) == 0xEF && (src[1] & 0xff) == 0xBB && (src[2] & 0xff) == 0xBF) ps.p = 3;
    ps.checkUtf8();
    Body body;
    try {
      body = ps.parseBody(true, 0);
    } catch (StackOverflowError e) {
      ps.err("Nesting too deep", "This construct is nested too deeply to be parsed.", Math.min(ps.p, src.length), Math.min(ps.p, src.length));
      body = new Body(ImmutableList.of(), ps.pt.range(0, src.length), ps.pt.range(src.length, src.length));
    } catch (Bail e) {
      body = new Body(ImmutableList.of(), ps.pt.range(0, src.length), ps.pt.range(src.length, src.length));
    }
    return new ParseResult(body, ImmutableList.copyOf(ps.diags));
  }

  /** Thrown to abandon parsing after an unrecoverable error. */
  private static final class Bail extends RuntimeException {
    Bail() { super(null, null, false, false); }
  }

  // ---------------------------------------------------------------- helpers

  private void checkUtf8() {
    int i = 0;
    boolean inRun = false;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      boolean ok = len > 0 && i + len <= b.length;
      for (int k = 1; ok && k < len; k++) if ((b[i + k] & 0xC0) != 0x80) ok = false;
      if (!ok) {
        if (!inRun) err("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.", i, i + 1);
        inRun = true;
        i++;
      } else {
        inRun = false;
        i += len;
      }
    }
  }

  private SourceRange r(int s, int e) {
    return pt.range(s, e);
  }

  private void err(String summary, String detail, int s, int e) {
    diags.add(Diagnostic.error(summary, detail, r(s, e)));
  }

  private void err(String summary, String detail, int s, int e, SourceRange ctx) {
    diags.add(Diagnostic.error(summary, detail, r(s, e), ctx));
  }

  private int peek() {
    return p < b.length ? b[p] & 0xff : -1;
  }

  private int peek(int k) {
    return p + k < b.length ? b[p + k] & 0xff : -1;
  }

  private boolean at(String s) {
    if (p + s.length() > b.length) return false;
    for (int i = 0; i < s.length(); i++) if (b[p + i] != s.charAt(i)) return false;
    return true;
  }

  /** Skips spaces, tabs and comments; newlines too if {@code nl}. Line comments stop before the newline. */
  private void skip(boolean nl) {
    while (p < b.length) {
      int c = b[p];
      if (c == ' ' || c == '\t') p++;
      else if (c == '\r' && peek(1) == '\n') { if (!nl) return; p += 2; }
      else if (c == '\n') { if (!nl) return; p++; }
      else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (p < b.length && b[p] != '\n' && !(b[p] == '\r' && peek(1) == '\n')) p++;
      } else if (c == '/' && peek(1) == '*') {
        int s = p;
        p += 2;
        while (p < b.length && !(b[p] == '*' && peek(1) == '/')) p++;
        if (p >= b.length) {
          err("Unterminated block comment", "There is no closing marker for this block comment.", s, s + 2);
          throw new Bail();
        }
        p += 2;
      } else return;
    }
  }

  private boolean atNewline() {
    return peek() == '\n' || (peek() == '\r' && peek(1) == '\n');
  }

  private void eatNewline() {
    if (peek() == '\r') p++;
    p++;
  }

  private static boolean isIdStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isIdPart(int c) {
    return isIdStart(c) || (c >= '0' && c <= '9') || c == '-';
  }

  private boolean atIdent() {
    int c = peek();
    if (c < 0x80) return isIdStart(c);
    int cp = codePointAt(p);
    return Character.isUnicodeIdentifierStart(cp);
  }

  private int codePointAt(int i) {
    int c = b[i] & 0xff;
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > b.length) return 0xFFFD;
    return new String(b, i, len, StandardCharsets.UTF_8).codePointAt(0);
  }

  private String ident() {
    int s = p;
    boolean ascii = true;
    int hash = 0;
    while (p < b.length) {
      int c = b[p] & 0xff;
      if (c < 0x80) {
        if (isIdPart(c)) {
          hash = 31 * hash + c;
          p++;
        } else {
          break;
        }
      } else {
        int cp = codePointAt(p);
        if (!Character.isUnicodeIdentifierPart(cp)) break;
        ascii = false;
        p += Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return ascii ? asciiName(s, p - s, hash) : new String(b, s, p - s, StandardCharsets.UTF_8);
  }

  /**
   * An ASCII name, shared with the last identical name that hashed to the same slot: attribute and
   * block names repeat all through a file, and one String each would be most of a large AST's text.
   */
  private String asciiName(int s, int len, int hash) {
    int slot = (hash ^ (hash >>> 16)) & (names.length - 1);
    String cached = names[slot];
    if (cached != null && cached.length() == len) {
      int i = 0;
      while (i < len && cached.charAt(i) == b[s + i]) i++;
      if (i == len) return cached;
    }
    String name = new String(b, s, len, StandardCharsets.ISO_8859_1);
    names[slot] = name;
    return name;
  }

  private int charLen(int i) {
    int c = b[i] & 0xff;
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    return Math.min(len, b.length - i);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      err("Nesting too deep", "This construct is nested too deeply to be parsed.", p, Math.min(p + 1, b.length));
      throw new Bail();
    }
  }

  // ---------------------------------------------------------------- bodies

  private Body parseBody(boolean top, int openBrace) {
    int start = p;
    int base = itemTop; // this body's items are itemStack[base, itemTop); nested bodies push above them
    int attributes = 0;
    Map<String, Attribute> seen = null; // made for bodies with many attributes; small ones are searched
    while (true) {
      skip(true);
      if (p >= b.length) {
        if (!top) {
          err("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", openBrace, openBrace + 1);
          throw new Bail();
        }
        break;
      }
      if (peek() == '}') {
        if (top) {
          err("Argument or block definition required", "An argument or block definition is required here.", p, p + 1);
          p++;
          recoverLine();
          continue;
        }
        break;
      }
      Object item = parseItem();
      if (item == null) continue;
      if (item instanceof Attribute a) {
        Attribute prev = seen != null ? seen.get(a.name()) : firstAttribute(base, a.name());
        if (prev != null) {
          SourceRange pr = prev.nameRange();
          err("Attribute redefined", "The argument \"" + a.name() + "\" was already set at " + pr.filename() + ":" + pr.start().line() + "," + pr.start().column() + "-" + pr.end().column() + ". Each argument may be set only once.", pos(a.nameRange()), end(a.nameRange()));
        } else if (seen != null) {
          seen.put(a.name(), a);
        } else if (++attributes > SMALL_BODY) {
          seen = new HashMap<>();
          for (int i = base; i < itemTop; i++) {
            if (itemStack[i] instanceof Attribute o) seen.putIfAbsent(o.name(), o);
          }
          seen.putIfAbsent(a.name(), a);
        }
      }
      pushItem(item);
    }
    ImmutableList<Object> items = popItems(base);
    return Body.ofBytes(items, pt, start, p, p, p);
  }

  private static final String[] NO_NAMES = new String[0];
  private static final int[] NO_OFFSETS = new int[0];

  /** Bodies with at most this many attributes find a redefined one by a scan instead of a map. */
  private static final int SMALL_BODY = 8;

  /** The first attribute named {@code name} among the items from {@code base} up. */
  private Attribute firstAttribute(int base, String name) {
    for (int i = base; i < itemTop; i++) {
      if (itemStack[i] instanceof Attribute o && o.name().equals(name)) return o;
    }
    return null;
  }

  private void pushItem(Object item) {
    if (itemTop == itemStack.length) itemStack = java.util.Arrays.copyOf(itemStack, itemTop * 2);
    itemStack[itemTop++] = item;
  }

  /** The items from {@code base} up, as an exactly sized list, popped off the stack. */
  private ImmutableList<Object> popItems(int base) {
    int n = itemTop - base;
    ImmutableList<Object> out;
    if (n == 0) {
      out = ImmutableList.of();
    } else if (n == 1) {
      out = ImmutableList.of(itemStack[base]);
    } else {
      ImmutableList.Builder<Object> list = ImmutableList.builderWithExpectedSize(n);
      for (int i = base; i < itemTop; i++) list.add(itemStack[i]);
      out = list.build();
    }
    java.util.Arrays.fill(itemStack, base, itemTop, null);
    itemTop = base;
    return out;
  }

  private static int pos(SourceRange r) { return r.startOffset(); }
  private static int end(SourceRange r) { return r.endOffset(); }

  private void recoverLine() {
    int depthB = 0;
    while (p < b.length) {
      int c = b[p];
      if (c == '\n' && depthB <= 0) { p++; return; }
      if (c == '{') depthB++;
      if (c == '}') { depthB--; }
      if (c == '"') { skipQuotedRaw(); continue; }
      p++;
    }
  }

  private void skipQuotedRaw() {
    p++;
    while (p < b.length && b[p] != '"' && b[p] != '\n') { if (b[p] == '\\') p++; p++; }
    if (p < b.length && b[p] == '"') p++;
  }

  private Object parseItem() {
    int s = p;
    if (!atIdent()) {
      if (peek() == '"') {
        int qs = p;
        skipQuotedRaw();
        int qe = p;
        skip(false);
        if (peek() == '=') {
          err("Invalid argument name", "Argument names must not be quoted.", qs, qs + 1);
        } else {
          err("Invalid argument name", "Argument names must not be quoted.", qs, qs + 1);
        }
        recoverLine();
        return null;
      }
      invalidCharOr(s, "Argument or block definition required", "An argument or block definition is required here.");
      recoverLine();
      return null;
    }
    String name = ident();
    int nameEnd = p;
    skip(false);
    if (peek() == '=' && peek(1) != '=') {
      int eq = p;
      p++;
      skip(false);
      enter();
      Node expr = parseExpr(false);
      depth--;
      Attribute a = Attribute.ofBytes(name, expr, pt, s, expr.endByte(), nameEnd, eq, eq + 1);
      skip(false);
      if (p < b.length && !atNewline()) {
        if (peek() == '}' || singleLine) return a; // caller (single-line block) handles
        int bad = p;
        invalidCharOrMissing(bad, s);
        recoverLine();
        return a;
      }
      if (p < b.length) eatNewline();
      return a;
    }
    // block
    String label0 = null; // the first label; labelNames holds them all once there are two
    String[] labelNames = NO_NAMES;
    int[] labelOffsets = NO_OFFSETS; // start and end of each label
    int labelCount = 0;
    while (true) {
      skip(false);
      int ls = p;
      String lab;
      if (peek() == '"') {
        lab = parseSimpleQuoted();
        if (lab == null) { recoverLine(); return null; }
      } else if (atIdent()) {
        lab = ident();
      } else break;
      if (labelCount == 0) {
        label0 = lab;
        labelOffsets = new int[2];
      } else {
        if (labelCount >= labelNames.length) {
          labelNames = java.util.Arrays.copyOf(labelNames, 2 * labelCount);
          labelNames[0] = label0;
        }
        if (2 * labelCount >= labelOffsets.length) labelOffsets = java.util.Arrays.copyOf(labelOffsets, 4 * labelCount);
        labelNames[labelCount] = lab;
      }
      labelOffsets[2 * labelCount] = ls;
      labelOffsets[2 * labelCount + 1] = p;
      labelCount++;
    }
    ImmutableList<String> labels = labelCount == 0 ? ImmutableList.of()
        : labelCount == 1 ? ImmutableList.of(label0) : ImmutableList.copyOf(java.util.Arrays.copyOf(labelNames, labelCount));
    if (labelOffsets.length != 2 * labelCount) labelOffsets = java.util.Arrays.copyOf(labelOffsets, 2 * labelCount);
    if (peek() != '{') {
      if (atNewline() || p >= b.length) {
        int e = p >= b.length ? p : p + (peek() == '\r' ? 2 : 1);
        err("Invalid block definition", "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.", p, e, r(s, e));
        throw new Bail();
      } else if (labels.isEmpty()) {
        if (!reportInvalidChar(p)) {
          err("Argument or block definition required", "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.", s, nameEnd);
        }
      } else {
        err("Invalid block definition", "Either a quoted string block label or an opening brace (\"{\") is expected here.", p, p + charLenSafe(), r(s, p + charLenSafe()));
      }
      recoverLine();
      return null;
    }
    int ob = p;
    p++;
    skip(false);
    Body body;
    if (atNewline() || peek() == '}' ) {
      enter();
      body = parseBody(false, ob);
      depth--;
    } else {
      // single-line block: at most one attribute
      int as = p;
      Object inner = null;
      if (atIdent()) {
        singleLine = true;
        try {
          inner = parseItem();
        } finally {
          singleLine = false;
        }
      }
      else {
        err("Argument or block definition required", "An argument or block definition is required here.", p, p + charLenSafe());
        recoverLine();
      }
      if (inner instanceof Block) {
        err("Invalid single-argument block definition", "A single-line block definition can contain only a single argument. If you meant to define argument, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.", pos(((Block) inner).typeRange()), end(((Block) inner).defRange()));
      }
      skip(false);
      if (peek() != '}') {
        if (inner != null && p < b.length) {
          err("Invalid single-argument block definition", "A single-line block definition must end with a closing brace immediately after its single argument definition.", p, p + charLenSafe());
        }
        recoverLine();
        body = Body.ofBytes(inner instanceof Attribute ? ImmutableList.of(inner) : ImmutableList.of(), pt, as, p, p, p);
        return Block.ofBytes(name, labels, body, pt, s, nameEnd, labelOffsets, ob, ob + 1, p, p);
      }
      body = Body.ofBytes(inner instanceof Attribute ? ImmutableList.of(inner) : ImmutableList.of(), pt, ob + 1, p, p, p + 1);
    }
    int cb = p;
    p++;
    Block blk = Block.ofBytes(name, labels, body, pt, s, nameEnd, labelOffsets, ob, ob + 1, cb, cb + 1);
    skip(false);
    if (p < b.length && !atNewline()) {
      err("Missing newline after block definition", "A block definition must end with a newline.", p, p + charLenSafe());
      recoverLine();
    } else if (p < b.length) eatNewline();
    return blk;
  }

  private void fixLastContext(int s, int e) {
    Diagnostic d = diags.remove(diags.size() - 1);
    diags.add(new Diagnostic(d.severity(), d.summary(), d.detail(), d.subject(), r(s, e)));
  }

  private int charLenSafe() {
    return p < b.length ? charLen(p) : 0;
  }

  private void invalidCharOr(int s, String summary, String detail) {
    if (!reportInvalidChar(s)) err(summary, detail, s, s + (s < b.length ? charLen(s) : 0));
  }

  private void invalidCharOrMissing(int s, int attrStart) {
    reportInvalidChar(s);
    int e = tokenEnd(s);
    err("Missing newline after argument", "An argument definition must end with a newline.", s, e, r(attrStart, e));
  }

  private boolean atIdentAt(int i) {
    int save = p;
    p = i;
    boolean r = i < b.length && atIdent();
    p = save;
    return r;
  }

  private int identEnd(int i) {
    int save = p;
    p = i;
    ident();
    int e = p;
    p = save;
    return e;
  }

  /** End of the token starting at {@code i} (identifier, number, or one character). */
  private int tokenEnd(int i) {
    if (i >= b.length) return i;
    if (atIdentAt(i)) return identEnd(i);
    int c = b[i] & 0xff;
    if (c >= '0' && c <= '9') {
      int save = p;
      p = i;
      parseNumber();
      int e = p;
      p = save;
      return e;
    }
    return i + charLen(i);
  }

  /** Reports hcl's "Invalid character" diagnostics; true if one was reported. */
  private boolean reportInvalidChar(int s) {
    if (s >= b.length) return false;
    int c = b[s] & 0xff;
    if (c == '`') {
      err("Invalid character", "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".", s, s + 1);
      return true;
    }
    if (c == '\'') {
      err("Invalid character", "Single quotes are not valid. Use double quotes (\") to enclose strings.", s, s + 1);
      return true;
    }
    if (c == '@' || c == '$' || c == '^' || c == ';' || c == '&' || c == '|' || c == '\\') {
      if ((c == '&' && s + 1 < b.length && b[s + 1] == '&') || (c == '|' && s + 1 < b.length && b[s + 1] == '|')) return false;
      err("Invalid character", "This character is not used within the language.", s, s + 1);
      return true;
    }
    return false;
  }

  /** A block label "..." without interpolation. */
  private String parseSimpleQuoted() {
    int s = p;
    Node n = parseQuotedTemplate();
    if (n instanceof Nodes.Literal l && l.value.type().equals(io.caravan.hcl.Type.STRING)) return l.value.asString();
    if (n instanceof Nodes.Template t && t.quotedValue() != null) return t.quotedValue().asString();
    if (n instanceof Nodes.Template t && t.parts().isEmpty()) return "";
    if (n instanceof Nodes.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof Nodes.Literal l) return l.value.asString();
    err("Invalid block label", "Template sequences are not allowed in block labels.", s, p);
    return null;
  }

  // ---------------------------------------------------------------- expressions

  /** Parses an expression; {@code nl} = newlines are insignificant (inside brackets). */
  Node parseExpr(boolean nl) {
    enter();
    try {
      return parseTernary(nl);
    } finally {
      depth--;
    }
  }

  private Node parseTernary(boolean nl) {
    Node cond = parseBinary(0, nl);
    skip(nl);
    if (peek() != '?') return cond;
    p++;
    skip(nl);
    Node t = parseExpr(nl);
    skip(nl);
    if (peek() != ':') {
      int e = atNewline() ? p + (peek() == '\r' ? 2 : 1) : p + charLenSafe();
      err("Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.", p, e, r(pos(cond.range()), e));
      throw new Bail();
    }
    p++;
    skip(nl);
    Node f = parseExpr(nl);
    return new Nodes.Conditional(cond, t, f, r(pos(cond.range()), end(f.range())), source);
  }

  private static final String[][] LEVELS = {
    {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"},
  };

  /** The first characters of the binary operators in {@link #LEVELS}. */
  private static final boolean[] OPERATOR_START = new boolean[128];

  static {
    for (String[] level : LEVELS) for (String op : level) OPERATOR_START[op.charAt(0)] = true;
  }

  private Node parseBinary(int level, boolean nl) {
    if (level >= LEVELS.length) return parseUnary(nl);
    Node lhs = parseBinary(level + 1, nl);
    while (true) {
      int save = p;
      skip(nl);
      int c = peek();
      if (c < 0 || c >= OPERATOR_START.length || !OPERATOR_START[c]) { p = save; return lhs; } // the usual case: no operator
      String op = null;
      for (String o : LEVELS[level]) {
        if (at(o)) {
          if ((o.equals("<") && at("<<")) || (o.equals(">") && at(">=")) || (o.equals("<") && at("<="))) continue;
          op = o;
          break;
        }
      }
      if (op == null) { p = save; return lhs; }
      p += op.length();
      skip(nl);
      Node rhs = parseBinary(level + 1, nl);
      lhs = new Nodes.Binary(op, lhs, rhs, r(pos(lhs.range()), end(rhs.range())), source);
    }
  }

  private Node parseUnary(boolean nl) {
    int s = p;
    if (peek() == '!' || (peek() == '-' )) {
      char op = (char) peek();
      p++;
      skip(nl);
      enter();
      Node operand = parseUnary(nl);
      depth--;
      if (op == '-' && operand instanceof Nodes.Literal l && l.value.type().equals(io.caravan.hcl.Type.NUMBER)) {
        return new Nodes.Literal(Value.number(l.value.asNumber().negate()), r(s, end(operand.range())), source);
      }
      return new Nodes.Unary(op, operand, r(s, end(operand.range())), source);
    }
    return parsePostfix(parsePrimary(nl), nl);
  }

  private Node parsePostfix(Node n, boolean nl) {
    while (true) {
      int save = p;
      if (peek() == '.' && peek(1) != '.') {
        int ds = p;
        p++;
        skip(false);
        if (peek() == '*') {
          p++;
          Nodes.AnonSymbol sym = new Nodes.AnonSymbol(r(ds, p), source);
          Node each = sym;
          while (peek() == '.' && peek(1) != '*' && peek(1) != '.') {
            int as = p;
            p++;
            if (!atIdent()) { err("Invalid attribute name", "An attribute name is required after a dot.", p, p + charLenSafe()); throw new Bail(); }
            String name = ident();
            each = new Nodes.GetAttrNode(each, name, r(as, p), r(ds, p), source);
          }
          n = new Nodes.Splat(n, each, sym, r(pos(n.range()), p), source);
          continue;
        }
        if (peek() >= '0' && peek() <= '9') {
          int ns = p;
          while (peek() >= '0' && peek() <= '9') p++;
          if (peek() == '.' && peek(1) >= '0' && peek(1) <= '9') {
            err("Invalid attribute name", "An attribute name is required after a dot.", ns, p);
            throw new Bail();
          }
          Value key = Value.number(new BigDecimal(new String(b, ns, p - ns, StandardCharsets.UTF_8)));
          n = addIndex(n, key, r(ds, p));
          continue;
        }
        if (!atIdent()) {
          err("Invalid attribute name", "An attribute name is required after a dot.", p, p + charLenSafe());
          throw new Bail();
        }
        int ns = p;
        String name = ident();
        n = addAttr(n, name, r(ds, p), r(ns, p));
        continue;
      }
      if (peek() == '[') {
        int bs = p;
        p++;
        skip(true);
        if (peek() == '*' && peek(1) == ']') {
          p += 2;
          Nodes.AnonSymbol sym = new Nodes.AnonSymbol(r(bs, p), source);
          Node each = sym;
          while (true) {
            if (peek() == '.' && peek(1) != '.' && peek(1) != '*') {
              int as = p;
              p++;
              if (!atIdent()) { err("Invalid attribute name", "An attribute name is required after a dot.", p, p + charLenSafe()); throw new Bail(); }
              String name = ident();
              each = new Nodes.GetAttrNode(each, name, r(as, p), r(bs, p), source);
            } else if (peek() == '[' && !(peek(1) == '*')) {
              int is = p;
              p++;
              skip(true);
              Node k = parseExpr(true);
              skip(true);
              if (peek() != ']') { err("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", p, p + charLenSafe()); throw new Bail(); }
              p++;
              each = new Nodes.IndexNode(each, k, r(is, p), r(bs, p), source);
            } else break;
          }
          n = new Nodes.Splat(n, each, sym, r(pos(n.range()), p), source);
          continue;
        }
        Node k = parseExpr(true);
        skip(true);
        if (peek() != ']') {
          err("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", p, p + charLenSafe());
          throw new Bail();
        }
        p++;
        if (k instanceof Nodes.Template tk && n instanceof Nodes.ScopeTraversal) {
          List<Node> kp = tk.parts();
          if (kp.isEmpty()) k = new Nodes.Literal(Value.string(""), k.range(), source);
          else if (kp.size() == 1 && kp.get(0) instanceof Nodes.Literal pl) k = new Nodes.Literal(pl.value, k.range(), source);
        }
        if (k instanceof Nodes.Literal l && (n instanceof Nodes.ScopeTraversal)) {
          n = addIndex(n, l.value, r(bs, p));
        } else {
          n = new Nodes.IndexNode(n, k, r(bs, p), r(pos(n.range()), p), source);
        }
        continue;
      }
      p = save;
      return n;
    }
  }

  private Node addAttr(Node n, String name, SourceRange stepRange, SourceRange nameRange) {
    if (n instanceof Nodes.ScopeTraversal st) {
      Traversal t = st.traversal;
      ImmutableList<Traversal.Step> steps = ImmutableList.<Traversal.Step>builder().addAll(t.steps()).add(new Traversal.GetAttr(name, stepRange)).build();
      SourceRange rr = t.range().to(stepRange);
      return new Nodes.ScopeTraversal(new Traversal(t.rootName(), steps, rr, source.text(pos(rr), end(rr)), traversalSource), st.rootRange, source);
    }
    return new Nodes.GetAttrNode(n, name, stepRange, n.range().to(stepRange), source);
  }

  private Node addIndex(Node n, Value key, SourceRange stepRange) {
    if (n instanceof Nodes.ScopeTraversal st) {
      Traversal t = st.traversal;
      ImmutableList<Traversal.Step> steps = ImmutableList.<Traversal.Step>builder().addAll(t.steps()).add(new Traversal.Index(key, stepRange)).build();
      SourceRange rr = t.range().to(stepRange);
      return new Nodes.ScopeTraversal(new Traversal(t.rootName(), steps, rr, source.text(pos(rr), end(rr)), traversalSource), st.rootRange, source);
    }
    Node k = new Nodes.Literal(key, stepRange, source);
    return new Nodes.IndexNode(n, k, stepRange, n.range().to(stepRange), source);
  }

  private Node parsePrimary(boolean nl) {
    int s = p;
    int c = peek();
    if (c >= '0' && c <= '9') return parseNumber();
    if (c == '"') return parseQuotedTemplate();
    if (c == '<' && peek(1) == '<') return parseHeredoc();
    if (c == '(') {
      p++;
      skip(true);
      Node inner = parseExpr(true);
      skip(true);
      if (peek() != ')') {
        err("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", p, p + charLenSafe(), r(s, Math.min(p + charLenSafe(), b.length)));
        throw new Bail();
      }
      p++;
      return new Nodes.Parens(inner, r(s, p), source);
    }
    if (c == '[') return parseTupleOrFor();
    if (c == '{') return parseObjectOrFor();
    if (c >= 0 && atIdent()) {
      String name = ident();
      switch (name) {
        case "true": return new Nodes.Literal(Value.TRUE, s, p, source);
        case "false": return new Nodes.Literal(Value.FALSE, s, p, source);
        case "null": return new Nodes.Literal(Value.NULL_DYNAMIC, s, p, source);
        default:
      }
      SourceRange nr = r(s, p);
      int save = p;
      skip(false);
      if (peek() == '(') return parseCall(name, nr, s);
      p = save;
      return new Nodes.ScopeTraversal(new Traversal(name, ImmutableList.of(), nr, name, traversalSource), nr, source);
    }
    reportInvalidChar(s);
    int e = p < b.length ? p + charLen(p) : p;
    if (p >= b.length || atNewline()) e = p < b.length && atNewline() ? p + (peek() == '\r' ? 2 : 1) : p;
    err("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", s, e);
    throw new Bail();
  }

  private Node parseCall(String name, SourceRange nr, int s) {
    int op = p;
    p++;
    List<Node> args = new ArrayList<>();
    boolean expand = false;
    while (true) {
      skip(true);
      if (peek() == ')') break;
      if (p >= b.length) {
        err("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.", op, op + 1);
        throw new Bail();
      }
      args.add(parseExpr(true));
      skip(true);
      if (at("...")) {
        p += 3;
        expand = true;
        skip(true);
        if (peek() != ')') {
          err("Missing closing parenthesis", "An expanded function argument (with ...) must be immediately followed by closing parentheses.", p, p + charLenSafe());
          throw new Bail();
        }
        break;
      }
      if (peek() == ',') { p++; continue; }
      if (peek() == ')') break;
      err("Missing argument separator", "A comma is required to separate each function argument from the next.", p, p + charLenSafe(), r(s, p + charLenSafe()));
      throw new Bail();
    }
    p++;
    return new Nodes.Call(name, nr, args, expand, r(op, op + 1), r(s, p), source);
  }

  private Node parseNumber() {
    int s = p;
    while (peek() >= '0' && peek() <= '9') p++;
    if (peek() == '.' && peek(1) >= '0' && peek(1) <= '9') {
      p++;
      while (peek() >= '0' && peek() <= '9') p++;
    }
    if (peek() == 'e' || peek() == 'E') {
      int save = p;
      p++;
      if (peek() == '+' || peek() == '-') p++;
      if (peek() >= '0' && peek() <= '9') { while (peek() >= '0' && peek() <= '9') p++; } else p = save;
    }
    if (p - s <= 18 && b[p - 1] >= '0' && b[p - 1] <= '9') {
      long v = 0;
      int i = s;
      while (i < p && b[i] >= '0' && b[i] <= '9') v = 10 * v + (b[i++] - '0');
      if (i == p) return new Nodes.Literal(integer(v), s, p, source); // digits only: the usual case
    }
    BigDecimal n;
    try {
      n = new BigDecimal(new String(b, s, p - s, StandardCharsets.US_ASCII));
    } catch (NumberFormatException | ArithmeticException e) {
      err("Invalid number literal", "Failed to recognize the value of this number literal.", s, p);
      throw new Bail();
    }
    return new Nodes.Literal(Value.number(n), s, p, source);
  }

  private Node parseTupleOrFor() {
    int s = p;
    p++;
    skip(true);
    if (atKeyword("for")) return parseFor(s, false);
    int base = itemTop; // the elements go on the item stack, as a body's items do
    while (true) {
      skip(true);
      if (peek() == ']') break;
      if (p >= b.length) {
        err("Unterminated tuple constructor expression", "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.", s, s + 1);
        throw new Bail();
      }
      pushItem(parseExpr(true));
      skip(true);
      if (peek() == ',') { p++; continue; }
      if (peek() == ']') break;
      if (p >= b.length) continue;
      err("Missing item separator", "Expected a comma to mark the beginning of the next item.", p, p + charLenSafe(), r(s, p + charLenSafe()));
      throw new Bail();
    }
    p++;
    @SuppressWarnings("unchecked")
    List<Node> elems = (List<Node>) (List<?>) popItems(base);
    return new Nodes.TupleCons(elems, s, p, source);
  }

  private boolean atKeyword(String kw) {
    if (!at(kw)) return false;
    int c = p + kw.length() < b.length ? b[p + kw.length()] & 0xff : -1;
    return c < 0 || !isIdPart(c);
  }

  private Node parseObjectOrFor() {
    int s = p;
    p++;
    skip(true);
    if (atKeyword("for")) return parseFor(s, true);
    List<Node> keys = new ArrayList<>();
    List<Node> vals = new ArrayList<>();
    while (true) {
      skip(true);
      if (peek() == '}') break;
      if (p >= b.length) {
        err("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", s, s + 1);
        throw new Bail();
      }
      int keyStart = p;
      Node k = parseExpr(false);
      if (k instanceof Nodes.Literal kl && atIdentAt(keyStart) && identEnd(keyStart) == end(k.range())) {
        k = new Nodes.Literal(Value.string(source.text(keyStart, end(k.range()))), k.range(), source);
      }
      if (k instanceof Nodes.ScopeTraversal st && st.traversal.steps().isEmpty()) k = new Nodes.ObjectKey(k, true, source);
      else if (k instanceof Nodes.Parens) k = new Nodes.ObjectKey(k, false, source);
      skip(false);
      if (peek() != '=' && peek() != ':') {
        err("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value.", p, p + charLenSafe(), r(pos(k.range()), p + charLenSafe()));
        throw new Bail();
      }
      p++;
      skip(false);
      Node v = parseExpr(false);
      keys.add(k);
      vals.add(v);
      skip(false);
      if (peek() == ',') { p++; continue; }
      if (atNewline()) continue;
      if (peek() == '}') break;
      if (p >= b.length) continue;
      err("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", p, p + charLenSafe(), r(s, p + charLenSafe()));
      throw new Bail();
    }
    p++;
    return new Nodes.ObjectCons(keys, vals, r(s, p), source);
  }

  private Node parseFor(int s, boolean obj) {
    p += 3;
    skip(true);
    if (!atIdent()) { err("Invalid 'for' expression", "For expression requires variable name after 'for'.", p, p + charLenSafe(), r(s, p)); throw new Bail(); }
    String v1 = ident();
    String v2 = null;
    skip(true);
    if (peek() == ',') {
      p++;
      skip(true);
      if (!atIdent()) { err("Invalid 'for' expression", "For expression requires value variable name after comma.", p, p + charLenSafe(), r(s, p)); throw new Bail(); }
      v2 = ident();
      skip(true);
    }
    if (!atKeyword("in")) { err("Invalid 'for' expression", "For expression requires the 'in' keyword after its name declarations.", p, p + charLenSafe(), r(s, p)); throw new Bail(); }
    p += 2;
    skip(true);
    Node coll = parseExpr(true);
    skip(true);
    if (peek() != ':') { err("Invalid 'for' expression", "For expression requires a colon after the collection expression.", p, p + charLenSafe(), r(s, p + charLenSafe())); throw new Bail(); }
    p++;
    skip(true);
    Node k = null, v;
    boolean group = false;
    if (obj) {
      k = parseExpr(true);
      skip(true);
      if (!at("=>")) { err("Invalid 'for' expression", "For expression requires the '=>' operator after the key expression.", p, p + charLenSafe(), r(s, p + charLenSafe())); throw new Bail(); }
      p += 2;
      skip(true);
      v = parseExpr(true);
      skip(true);
      if (at("...")) { p += 3; group = true; skip(true); }
    } else {
      v = parseExpr(true);
      skip(true);
    }
    Node cond = null;
    if (atKeyword("if")) {
      p += 2;
      skip(true);
      cond = parseExpr(true);
      skip(true);
    }
    int close = obj ? '}' : ']';
    if (peek() != close) {
      err("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", p, p + charLenSafe(), r(s, p + charLenSafe()));
      throw new Bail();
    }
    p++;
    String keyVar = v2 == null ? null : v1;
    String valVar = v2 == null ? v1 : v2;
    return new Nodes.For(keyVar, valVar, coll, k, v, cond, group, r(s, s + 1), r(s, p), source);
  }

  // ---------------------------------------------------------------- templates

  private Node parseQuotedTemplate() {
    int s = p;
    // Fast path, the usual case: printable ASCII up to the closing quote, with no escape and no
    // $ or % (so no sequence); the same nodes as the template scanner makes, without its garbage.
    int q = s + 1;
    int hash = 0;
    while (q < b.length) {
      int c = b[q]; // negative for non-ASCII
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '$' || c == '%') break;
      hash = 31 * hash + c;
      q++;
    }
    if (q < b.length && b[q] == '"') {
      p = q + 1;
      if (q == s + 1) return new Nodes.Template(List.of(), s, p, source);
      return new Nodes.Template(literalString(s + 1, q, hash), s, p, source);
    }
    p++;
    TemplateParser tp = new TemplateParser(this, false, null, false);
    List<Node> parts = tp.parseSeq(s);
    if (p >= b.length || b[p] != '"') {
      throw new Bail();
    }
    p++;
    return finishTemplate(parts, s);
  }

  Node finishTemplate(List<Node> parts, int s) {
    if (parts.size() == 1 && parts.get(0) instanceof Nodes.TemplateWrap w) return new Nodes.TemplateWrap(w.inner, s, p, source);
    return new Nodes.Template(parts, s, p, source);
  }

  private Node parseHeredoc() {
    int s = p;
    p += 2;
    boolean indent = false;
    if (peek() == '-') { indent = true; p++; }
    if (!atIdent()) {
      err("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", s, p);
      throw new Bail();
    }
    String marker = ident();
    if (!atNewline()) {
      err("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", s, p);
      throw new Bail();
    }
    eatNewline();
    TemplateParser tp = new TemplateParser(this, true, marker, indent);
    List<Node> parts = tp.parseSeq(s);
    return finishTemplate(parts, s);
  }

  /**
   * The string value of a template literal, shared with the last equal short literal that hashed
   * to the same slot: values such as {@code "docker"} or {@code "linux"} repeat all through a
   * large file, and a String and a Value each were a large part of its syntax tree.
   */
  Value literalString(CharSequence text) {
    int n = text.length();
    if (n > 48) return Value.string(TemplateParser.nfc(text));
    int hash = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x300) return Value.string(TemplateParser.nfc(text));
      hash = 31 * hash + c;
    }
    int slot = (hash ^ (hash >>> 16)) & (strings.length - 1);
    Value cached = strings[slot];
    if (cached != null) {
      String s = cached.asString();
      if (s.length() == n && s.contentEquals(text)) return cached;
    }
    Value v = Value.string(text.toString());
    strings[slot] = v;
    return v;
  }

  /**
   * The number value of a non-negative integer literal, shared with the last equal one that hashed
   * to the same slot: counts, ports and sizes repeat all through a large file.
   */
  private Value integer(long v) {
    int h = Long.hashCode(v) * 0x9E3779B9;
    int slot = (h ^ (h >>> 16)) & (integerValues.length - 1);
    Value cached = integerValues[slot];
    if (cached != null && integerKeys[slot] == v) return cached;
    Value value = Value.number(BigDecimal.valueOf(v));
    integerKeys[slot] = v;
    integerValues[slot] = value;
    return value;
  }

  /** {@link #literalString(CharSequence)} of the printable ASCII bytes {@code [from, to)}, whose hash is {@code hash}. */
  private Value literalString(int from, int to, int hash) {
    int n = to - from;
    if (n > 48) return Value.string(new String(b, from, n, StandardCharsets.ISO_8859_1));
    int slot = (hash ^ (hash >>> 16)) & (strings.length - 1);
    Value cached = strings[slot];
    if (cached != null) {
      String s = cached.asString();
      if (s.length() == n) {
        int i = 0;
        while (i < n && s.charAt(i) == b[from + i]) i++;
        if (i == n) return cached;
      }
    }
    Value v = Value.string(new String(b, from, n, StandardCharsets.ISO_8859_1));
    strings[slot] = v;
    return v;
  }

  // accessors for TemplateParser
  byte[] bytes() { return b; }
  int p() { return p; }
  void p(int np) { p = np; }
  Node.Source source() { return source; }
  SourceRange range(int s, int e) { return r(s, e); }
  void error(String summary, String detail, int s, int e) { err(summary, detail, s, e); }
  void error(String summary, String detail, int s, int e, SourceRange ctx) { err(summary, detail, s, e, ctx); }
  void skipWs(boolean nl) { skip(nl); }
  boolean atKw(String kw) { return atKeyword(kw); }
  boolean atIdentifier() { return atIdent(); }
  String identifier() { return ident(); }
  RuntimeException bail() { return new Bail(); }
  int charLength(int i) { return charLen(i); }
  boolean validUtf8At(int i) {
    int c = b[i] & 0xff;
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > b.length) return false;
    for (int k = 1; k < len; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
    return true;
  }
}
