package io.caravan.hcl.internal;

import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Scans the inside of a quoted string or heredoc into template parts, then builds if/for structure. */
final class TemplateParser {
  private final Parser ps;
  private final byte[] b;
  private final boolean heredoc;
  private final String marker;
  private final boolean indent;

  private sealed interface Item permits Lit, Interp, Dir {}

  private static final class Lit implements Item {
    final StringBuilder text = new StringBuilder();
    int start, end;
    boolean lineStart;
  }

  private record Interp(Node expr, boolean stripL, boolean stripR, int start, int end) implements Item {}

  private record Dir(String kind, Node expr, String k, String v, boolean stripL, boolean stripR, int start, int end) implements Item {}

  TemplateParser(Parser ps, boolean heredoc, String marker, boolean indent) {
    this.ps = ps;
    this.b = ps.bytes();
    this.heredoc = heredoc;
    this.marker = marker;
    this.indent = indent;
  }

  /** Scans until the closing quote (left unconsumed) or heredoc marker (consumed); returns parts. */
  List<Node> parseSeq(int openStart) {
    List<Item> items = scan(openStart);
    applyStrip(items);
    if (heredoc && indent) stripIndent(items);
    int[] idx = {0};
    List<Node> parts = build(items, idx, null, openStart);
    return parts;
  }

  private List<Item> scan(int openStart) {
    List<Item> items = new ArrayList<>();
    Lit cur = null;
    boolean lineStart = true;
    int p = ps.p();
    while (true) {
      if (heredoc && lineStart && marker != null) {
        int q = p;
        while (q < b.length && (b[q] == ' ' || b[q] == '\t')) q++;
        if (matchesMarker(q)) {
          int e = q + marker.getBytes(StandardCharsets.UTF_8).length;
          while (e < b.length && (b[e] == ' ' || b[e] == '\t')) e++;
          ps.p(e);
          return items;
        }
      }
      if (p >= b.length) {
        ps.p(p);
        if (marker == null && heredoc) {
          return items; // a bare template (the text of a JSON string) ends with its text
        }
        if (heredoc) {
          int cs = heredocOpenEnd(openStart);
          ps.error("Unterminated template string", "No closing marker was found for the string.", p, p, ps.range(cs, p));
        } else {
          ps.error("Unterminated template string", "No closing marker was found for the string.", p, p, ps.range(openStart + 1, p));
        }
        throw ps.bail();
      }
      int c = b[p] & 0xff;
      if (!heredoc && c == '"') {
        ps.p(p);
        return items;
      }
      if (c == '$' && p + 2 < b.length + 1 && p + 1 < b.length && b[p + 1] == '$' && p + 2 < b.length && b[p + 2] == '{') {
        cur = lit(items, cur, p, lineStart);
        lineStart = false;
        cur.text.append("${");
        p += 3;
        cur.end = p;
        continue;
      }
      if (c == '%' && p + 2 < b.length && b[p + 1] == '%' && b[p + 2] == '{') {
        cur = lit(items, cur, p, lineStart);
        lineStart = false;
        cur.text.append("%{");
        p += 3;
        cur.end = p;
        continue;
      }
      if ((c == '$' || c == '%') && p + 1 < b.length && b[p + 1] == '{') {
        cur = null;
        lineStart = false;
        int s = p;
        p += 2;
        boolean stripL = false;
        if (p < b.length && b[p] == '~') { stripL = true; p++; }
        ps.p(p);
        if (c == '$') {
          ps.skipWs(true);
          Node e = ps.parseExpr(true);
          ps.skipWs(true);
          boolean stripR = closeSeq(s);
          items.add(new Interp(e, stripL, stripR, s, ps.p()));
        } else {
          items.add(directive(s, stripL));
        }
        p = ps.p();
        continue;
      }
      if (c == '\n' || (c == '\r' && p + 1 < b.length && b[p + 1] == '\n')) {
        if (!heredoc) {
          int nlEnd = p + (c == '\r' ? 2 : 1);
          reportNewlinesInString(p);
          ps.error("Unterminated template string", "No closing marker was found for the string.", p, nlEnd, ps.range(openStart + 1, nlEnd));
          ps.p(p);
          throw ps.bail();
        }
        cur = lit(items, cur, p, lineStart);
        cur.text.append(c == '\r' ? "\r\n" : "\n");
        p += c == '\r' ? 2 : 1;
        cur.end = p;
        lineStart = true;
        cur = null;
        continue;
      }
      if (!heredoc && c >= 0x80 && !ps.validUtf8At(p)) {
        ps.error("Unterminated template string", "No closing marker was found for the string.", p, p + 1, ps.range(openStart + 1, p + 1));
        ps.p(p);
        throw ps.bail();
      }
      if (!heredoc && c == '\\') {
        cur = lit(items, cur, p, lineStart);
        lineStart = false;
        p = escape(p, cur);
        cur.end = p;
        continue;
      }
      cur = lit(items, cur, p, lineStart);
      lineStart = false;
      int len = ps.charLength(p);
      if (len == 1 && c < 0x80) {
        cur.text.append((char) c); // the common case: no String per character
      } else {
        cur.text.append(new String(b, p, len, StandardCharsets.UTF_8));
      }
      p += len;
      cur.end = p;
    }
  }

  private int heredocOpenEnd(int openStart) {
    if (!heredoc) return openStart + 1;
    int e = openStart;
    while (e < b.length && b[e] != '\n') e++;
    return Math.min(e + 1, b.length);
  }

  private boolean matchesMarker(int q) {
    byte[] m = marker.getBytes(StandardCharsets.UTF_8);
    if (q + m.length > b.length) return false;
    for (int i = 0; i < m.length; i++) if (b[q + i] != m[i]) return false;
    int e = q + m.length;
    while (e < b.length && (b[e] == ' ' || b[e] == '\t')) e++;
    return e == b.length || b[e] == '\n' || (b[e] == '\r' && e + 1 < b.length && b[e + 1] == '\n');
  }

  private Lit lit(List<Item> items, Lit cur, int p, boolean lineStart) {
    if (cur != null) return cur;
    Lit l = new Lit();
    l.start = p;
    l.end = p;
    l.lineStart = lineStart;
    items.add(l);
    return l;
  }

  private int escape(int p, Lit cur) {
    if (p + 1 >= b.length) { cur.text.append('\\'); return p + 1; }
    int c = b[p + 1] & 0xff;
    switch (c) {
      case 'n': cur.text.append('\n'); return p + 2;
      case 'r': cur.text.append('\r'); return p + 2;
      case 't': cur.text.append('\t'); return p + 2;
      case '"': cur.text.append('"'); return p + 2;
      case '\\': cur.text.append('\\'); return p + 2;
      case 'u': case 'U': {
        int n = c == 'u' ? 4 : 8;
        int q = p + 2;
        int cp = 0;
        int i = 0;
        for (; i < n && q + i < b.length; i++) {
          int d = Character.digit(b[q + i], 16);
          if (d < 0) break;
          cp = cp * 16 + d;
        }
        if (i < n) {
          ps.error("Invalid escape sequence", "The \\" + (char) c + " escape sequence must be followed by " + (n == 4 ? "four" : "eight") + " hexadecimal digits.", p, q + i);
          return q + i;
        }
        if (Character.isValidCodePoint(cp)) cur.text.appendCodePoint(cp); else cur.text.append('\uFFFD');
        return q + n;
      }
      default: {
        int len = ps.charLength(p + 1);
        String sym = new String(b, p + 1, len, StandardCharsets.UTF_8);
        ps.error("Invalid escape sequence", "The symbol \"" + sym + "\" is not a valid escape sequence selector.", p, p + 1 + len);
        cur.text.append(sym);
        return p + 1 + len;
      }
    }
  }

  /** Expects an optional ~ then }; returns whether ~ was present. */
  private boolean closeSeq(int s) {
    int p = ps.p();
    boolean strip = false;
    if (p < b.length && b[p] == '~') { strip = true; p++; }
    if (p < b.length && b[p] == '}') {
      ps.p(p + 1);
      return strip;
    }
    if (!heredoc && (p >= b.length || b[p] == '"')) {
      if (p < b.length) reportNewlinesInString(p + 1);
      ps.error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", s, s + 2);
      throw ps.bail();
    }
    ps.error("Extra characters after interpolation expression", "Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\".", p, p + (p < b.length ? ps.charLength(p) : 0), ps.range(s, p));
    throw ps.bail();
  }

  /** Mirrors hcl's scanner: every newline met inside a quoted string, up to the next quote, is an error. */
  private void reportNewlinesInString(int from) {
    for (int i = from; i < b.length && b[i] != '"'; i++) {
      if (b[i] == '\\') { i++; continue; }
      boolean crlf = b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n';
      if (b[i] == '\n' || crlf) {
        ps.error("Invalid multi-line string", "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.", i, i + (crlf ? 2 : 1));
        if (crlf) i++;
      }
    }
  }

  private Dir directive(int s, boolean stripL) {
    ps.skipWs(false);
    int ks = ps.p();
    if (ps.atKw("if")) {
      ps.p(ps.p() + 2);
      ps.skipWs(true);
      Node cond = ps.parseExpr(true);
      ps.skipWs(true);
      boolean sr = closeSeq(s);
      return new Dir("if", cond, null, null, stripL, sr, s, ps.p());
    }
    if (ps.atKw("for")) {
      ps.p(ps.p() + 3);
      ps.skipWs(true);
      String k = null, v = ps.identifier();
      ps.skipWs(true);
      if (ps.p() < b.length && b[ps.p()] == ',') {
        ps.p(ps.p() + 1);
        ps.skipWs(true);
        k = v;
        v = ps.identifier();
        ps.skipWs(true);
      }
      if (!ps.atKw("in")) {
        ps.error("Invalid 'for' directive", "For directive requires 'in' keyword after names.", ps.p(), ps.p() + 1);
        throw ps.bail();
      }
      ps.p(ps.p() + 2);
      ps.skipWs(true);
      Node coll = ps.parseExpr(true);
      ps.skipWs(true);
      boolean sr = closeSeq(s);
      return new Dir("for", coll, k, v, stripL, sr, s, ps.p());
    }
    for (String kw : new String[] {"else", "endif", "endfor"}) {
      if (ps.atKw(kw)) {
        ps.p(ps.p() + kw.length());
        ps.skipWs(true);
        boolean sr = closeSeq(s);
        return new Dir(kw, null, null, null, stripL, sr, s, ps.p());
      }
    }
    ps.error("Invalid template directive", "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.", ks, ks + (ks < b.length ? ps.charLength(ks) : 0), ps.range(s, ks));
    throw ps.bail();
  }

  private void stripIndent(List<Item> items) {
    int min = Integer.MAX_VALUE;
    for (Item it : items) {
      if (it instanceof Lit l && l.lineStart) {
        String t = l.text.toString();
        int n = 0;
        while (n < t.length() && (t.charAt(n) == ' ' || t.charAt(n) == '\t')) n++;
        if (n < t.length() && t.charAt(n) == '\n') continue;
        min = Math.min(min, n);
      }
    }
    if (min == Integer.MAX_VALUE || min == 0) return;
    for (Item it : items) {
      if (it instanceof Lit l && l.lineStart) {
        int n = 0;
        while (n < l.text.length() && n < min && (l.text.charAt(n) == ' ' || l.text.charAt(n) == '\t')) n++;
        l.text.delete(0, n);
      }
    }
  }

  private void applyStrip(List<Item> items) {
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      boolean sl = it instanceof Interp in ? in.stripL() : it instanceof Dir d && d.stripL();
      boolean sr = it instanceof Interp in2 ? in2.stripR() : it instanceof Dir d2 && d2.stripR();
      if (sl && i > 0 && items.get(i - 1) instanceof Lit l) {
        int e = l.text.length();
        while (e > 0 && Character.isWhitespace(l.text.charAt(e - 1))) e--;
        l.text.setLength(e);
      }
      if (sr && i + 1 < items.size() && items.get(i + 1) instanceof Lit l) {
        int s = 0;
        while (s < l.text.length() && Character.isWhitespace(l.text.charAt(s))) s++;
        l.text.delete(0, s);
      }
    }
  }

  /** NFC form of a literal; text below U+0300 is already NFC, so it skips the normalizer's copy. */
  static String nfc(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x300) return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
    }
    return text.toString();
  }

  private List<Node> build(List<Item> items, int[] idx, Dir open, int openStart) {
    List<Node> parts = new ArrayList<>();
    Node.Source src = ps.source();
    while (idx[0] < items.size()) {
      Item it = items.get(idx[0]);
      if (it instanceof Lit l) {
        idx[0]++;
        if (l.text.length() > 0 || true) parts.add(new Nodes.Literal(ps.literalString(l.text), l.start, l.end, src));
      } else if (it instanceof Interp in) {
        idx[0]++;
        parts.add(new Nodes.TemplateWrap(in.expr(), in.start(), in.end(), src));
      } else {
        Dir d = (Dir) it;
        switch (d.kind()) {
          case "if": {
            idx[0]++;
            List<Node> then = build(items, idx, d, openStart);
            List<Node> other = null;
            Dir endD = idx[0] < items.size() ? (Dir) items.get(idx[0]) : null;
            if (endD != null && endD.kind().equals("else")) {
              idx[0]++;
              other = build(items, idx, endD, openStart);
              endD = idx[0] < items.size() ? (Dir) items.get(idx[0]) : null;
            }
            if (endD == null || !endD.kind().equals("endif")) {
              missingEnd(d, "if", "endif");
            }
            idx[0]++;
            Node thenT = template(then, d.end(), d.end());
            Node otherT = other == null ? null : template(other, d.end(), d.end());
            parts.add(new Nodes.TemplateIf(d.expr(), thenT, otherT, ps.range(d.start(), endD.end()), src));
            break;
          }
          case "for": {
            idx[0]++;
            List<Node> body = build(items, idx, d, openStart);
            Dir endD = idx[0] < items.size() ? (Dir) items.get(idx[0]) : null;
            if (endD == null || !endD.kind().equals("endfor")) missingEnd(d, "for", "endfor");
            idx[0]++;
            Node bodyT = template(body, d.end(), endD.start());
            Nodes.For loop = new Nodes.For(d.k(), d.v(), d.expr(), null, bodyT, null, false, ps.range(d.start(), d.end()), ps.range(d.start(), endD.end()), src);
            parts.add(new Nodes.TemplateFor(loop, ps.range(d.start(), endD.end()), src));
            break;
          }
          default: {
            boolean matches = open != null && ((open.kind().equals("if") && (d.kind().equals("else") || d.kind().equals("endif")))
                || (open.kind().equals("else") && d.kind().equals("endif"))
                || (open.kind().equals("for") && d.kind().equals("endfor")));
            if (matches) return parts;
            ps.error("Unexpected " + d.kind() + " directive", "The control directives within this template are unbalanced.", d.start(), d.end());
            throw ps.bail();
          }
        }
      }
    }
    return parts;
  }

  private Node template(List<Node> parts, int s, int e) {
    return new Nodes.Template(parts, s, e, ps.source());
  }

  private void missingEnd(Dir d, String kw, String endKw) {
    SourceRange r = ps.range(d.start(), d.end());
    ps.error("Unexpected end of template", "The " + kw + " directive at " + r.filename() + ":" + r.start().line() + "," + r.start().column() + "-" + r.end().column() + " is missing its corresponding " + endKw + " directive.", ps.p(), ps.p() < b.length && b[ps.p()] == '"' ? ps.p() + 1 : ps.p());
    throw ps.bail();
  }
}
