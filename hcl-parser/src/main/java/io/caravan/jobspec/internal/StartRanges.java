package io.caravan.jobspec.internal;

import io.caravan.hcl.Expression;
import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;
import java.nio.charset.StandardCharsets;

/**
 * Approximates hcl's {@code Expression.StartRange()}, which gohcl uses as the subject of "Unsuitable
 * value" errors: the name and opening parenthesis of a function call, the inside of a one-line quoted string, else the whole
 * expression.
 */
final class StartRanges {
  private StartRanges() {}

  static SourceRange of(Expression e) {
    SourceRange r = e.range();
    String text = e.sourceText();
    if (r.start().line() != r.end().line()) {
      return r;
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") && text.indexOf("${") < 0
        && text.indexOf("%{") < 0) {
      Pos s = r.start();
      Pos end = r.end();
      return new SourceRange(r.filename(), new Pos(s.line(), s.column() + 1, s.byteOffset() + 1),
          new Pos(end.line(), end.column() - 1, end.byteOffset() - 1));
    }
    int paren = text.indexOf('(');
    if (paren > 0 && text.substring(0, paren).matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      Pos s = r.start();
      // hcl's call StartRange runs from the name through the opening parenthesis.
      int bytes = text.substring(0, paren + 1).getBytes(StandardCharsets.UTF_8).length;
      return new SourceRange(r.filename(), s, new Pos(s.line(), s.column() + paren + 1, s.byteOffset() + bytes));
    }
    return r;
  }
}
