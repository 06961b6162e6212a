package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a value as go-cty-yaml's Marshal does, byte for byte: one implicit document, block
 * mappings with sorted keys, block sequences (not indented under a mapping key), {@code []} and
 * {@code {}} for empty collections, strings double-quoted (literal {@code |} blocks when they hold a
 * newline and a block can carry them), numbers, bools and null plain. The layout follows the
 * libyaml emitter's rules: two-space indent, double-quoted lines folded past column 80, the escapes
 * it uses for unprintable characters, and "..." after a document that is a bare plain scalar.
 */
final class YamlEmitter {
  private static final int BEST_INDENT = 2;
  private static final int BEST_WIDTH = 80;
  private static final int MAX_SIMPLE_KEY_BYTES = 128;

  private enum Style { PLAIN, DOUBLE_QUOTED, LITERAL }

  private final StringBuilder out = new StringBuilder();
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private boolean openEnded;
  private int indent = -1;

  private YamlEmitter() {}

  /** The YAML document for {@code v}. */
  static String emit(Value v) throws FunctionException {
    YamlEmitter e = new YamlEmitter();
    e.node(v, true, false);
    e.writeIndent(); // implicit document end
    if (e.openEnded) { // stream end after an open-ended plain scalar
      e.indicator("...", true, false, false);
      e.writeIndent();
    }
    return e.out.toString();
  }

  private void node(Value v, boolean root, boolean mappingContext) throws FunctionException {
    if (v.isUnknown()) {
      throw new FunctionException("cannot serialize unknown value as YAML");
    }
    if (v.isNull()) {
      scalar("null", Style.PLAIN, root, false);
      return;
    }
    Type t = v.type();
    if (t.equals(Type.STRING)) {
      String s = v.asString();
      scalar(s, s.indexOf('\n') >= 0 ? Style.LITERAL : Style.DOUBLE_QUOTED, root, false);
    } else if (t.equals(Type.NUMBER)) {
      scalar(JsonFunctions.plain(v.asNumber()), Style.PLAIN, root, false);
    } else if (t.equals(Type.BOOL)) {
      scalar(v.asBool() ? "true" : "false", Style.PLAIN, root, false);
    } else if (t instanceof Type.ObjectType || t instanceof Type.MapType) {
      mapping(v.attributes(), mappingContext);
    } else if (t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType) {
      sequence(v.elements(), mappingContext);
    } else {
      throw new FunctionException("can't marshal " + t.friendlyName() + " as YAML");
    }
  }

  private void sequence(List<Value> items, boolean mappingContext) throws FunctionException {
    if (items.isEmpty()) {
      indicator("[", true, true, false);
      indicator("]", false, false, false);
      return;
    }
    int saved = increaseIndent(false, mappingContext && !indention);
    for (Value item : items) {
      writeIndent();
      indicator("-", true, false, true);
      node(item, false, false);
    }
    indent = saved;
  }

  private void mapping(Map<String, Value> entries, boolean mappingContext) throws FunctionException {
    if (entries.isEmpty()) {
      indicator("{", true, true, false);
      indicator("}", false, false, false);
      return;
    }
    int saved = increaseIndent(false, false);
    for (var e : entries.entrySet()) {
      String key = e.getKey();
      Style keyStyle = key.indexOf('\n') >= 0 ? Style.LITERAL : Style.DOUBLE_QUOTED;
      writeIndent();
      Analysis a = Analysis.of(key);
      if (!a.multiline && key.getBytes(StandardCharsets.UTF_8).length <= MAX_SIMPLE_KEY_BYTES) {
        scalar(key, keyStyle, false, true);
        indicator(":", false, false, false);
      } else {
        indicator("?", true, false, true);
        scalar(key, keyStyle, false, false);
        writeIndent();
        indicator(":", true, false, true);
      }
      node(e.getValue(), false, true);
    }
    indent = saved;
  }

  /** Pushes an indent level; returns the previous level for the caller to restore. */
  private int increaseIndent(boolean flow, boolean indentless) {
    int saved = indent;
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
    return saved;
  }

  private void scalar(String value, Style requested, boolean root, boolean simpleKey) {
    Analysis a = Analysis.of(value);
    Style style = requested;
    if (simpleKey && a.multiline) style = Style.DOUBLE_QUOTED;
    if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) style = Style.DOUBLE_QUOTED;
    int saved = increaseIndent(true, false);
    switch (style) {
      case PLAIN -> plain(value, root);
      case DOUBLE_QUOTED -> doubleQuoted(value, !simpleKey);
      case LITERAL -> literal(value);
    }
    indent = saved;
  }

  /** Plain scalars here are numbers, bools and null: no spaces or breaks to fold. */
  private void plain(String value, boolean root) {
    if (!whitespace) put(' ');
    writeText(value);
    whitespace = false;
    indention = false;
    if (root) openEnded = true;
  }

  private void doubleQuoted(String value, boolean allowBreaks) {
    indicator("\"", true, false, false);
    int[] cps = value.codePoints().toArray();
    boolean escapeAll = cps.length > 0 && cps[0] == 0xFEFF; // libyaml tests the buffer's start for a BOM
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (escapeAll || !printable(cp) || isBreak(cp) || cp == '"' || cp == '\\') {
        put('\\');
        escape(cp);
        spaces = false;
      } else if (cp == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          writeIndent();
          if (cps[i + 1] == ' ') put('\\');
        } else {
          writeCodePoint(cp);
        }
        spaces = true;
      } else {
        writeCodePoint(cp);
        spaces = false;
      }
    }
    indicator("\"", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void escape(int cp) {
    switch (cp) {
      case 0x00 -> put('0');
      case 0x07 -> put('a');
      case 0x08 -> put('b');
      case 0x09 -> put('t');
      case 0x0A -> put('n');
      case 0x0B -> put('v');
      case 0x0C -> put('f');
      case 0x0D -> put('r');
      case 0x1B -> put('e');
      case 0x22 -> put('"');
      case 0x5C -> put('\\');
      case 0x85 -> put('N');
      case 0xA0 -> put('_');
      case 0x2028 -> put('L');
      case 0x2029 -> put('P');
      default -> {
        String hex;
        if (cp <= 0xFF) {
          put('x');
          hex = String.format("%02X", cp);
        } else if (cp <= 0xFFFF) {
          put('u');
          hex = String.format("%04X", cp);
        } else {
          put('U');
          hex = String.format("%08X", cp);
        }
        writeText(hex);
      }
    }
  }

  private void literal(String value) {
    indicator("|", true, false, false);
    int[] cps = value.codePoints().toArray();
    if (cps[0] == ' ' || isBreak(cps[0])) {
      indicator(Integer.toString(BEST_INDENT), false, false, false);
    }
    openEnded = false;
    String chomp = null;
    int last = cps.length - 1;
    if (!isBreak(cps[last])) {
      chomp = "-";
    } else if (last == 0 || isBreak(cps[last - 1])) {
      chomp = "+";
    }
    if (chomp != null) indicator(chomp, false, false, false);
    putBreak();
    indention = true;
    whitespace = true;
    boolean breaks = true;
    for (int cp : cps) {
      if (isBreak(cp)) {
        if (cp == '\n') {
          putBreak();
        } else {
          writeCodePoint(cp);
          column = 0;
        }
        indention = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        writeCodePoint(cp);
        indention = false;
        breaks = false;
      }
    }
  }

  private void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) putBreak();
    while (column < ind) put(' ');
    whitespace = true;
    indention = true;
  }

  private void indicator(String text, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) put(' ');
    writeText(text);
    whitespace = isWhitespace;
    indention = indention && isIndention;
    openEnded = false;
  }

  private void put(char c) {
    out.append(c);
    column++;
  }

  private void putBreak() {
    out.append('\n');
    column = 0;
  }

  private void writeText(String s) {
    s.codePoints().forEach(this::writeCodePoint);
  }

  private void writeCodePoint(int cp) {
    out.appendCodePoint(cp);
    column++;
  }

  /** libyaml's is_printable: LF, printable ASCII, and the BMP outside C1, surrogates, U+FEFF and U+FFFE/F. */
  static boolean printable(int cp) {
    return cp == 0x0A || (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
  }

  static boolean isBreak(int cp) {
    return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  /** The parts of libyaml's scalar analysis that decide between literal and double-quoted styles. */
  private record Analysis(boolean multiline, boolean blockAllowed) {
    static Analysis of(String value) {
      if (value.isEmpty()) return new Analysis(false, false);
      boolean lineBreaks = false, special = false, trailingSpace = false, spaceBreak = false;
      boolean previousSpace = false;
      int[] cps = value.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        int cp = cps[i];
        if (!printable(cp)) special = true;
        if (cp == ' ') {
          if (i == cps.length - 1) trailingSpace = true;
          previousSpace = true;
        } else if (isBreak(cp)) {
          lineBreaks = true;
          if (previousSpace) spaceBreak = true;
          previousSpace = false;
        } else {
          previousSpace = false;
        }
      }
      return new Analysis(lineBreaks, !(trailingSpace || spaceBreak || special));
    }
  }
}
