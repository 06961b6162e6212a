package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/** A parsed HCL expression. */
public interface Expression {
  /** Evaluates the expression; never throws for bad input, reports diagnostics instead. */
  EvalResult evaluate(EvalContext ctx);

  /** The expression's source range. */
  SourceRange range();

  /** The traversals (variable references) the expression contains, in source order. */
  ImmutableList<Traversal> variables();

  /** The exact source text of the expression. */
  String sourceText();

  /**
   * The text to read a keyword or a type expression from (hcl's ExprAsKeyword, typeexpr): the
   * source text in native syntax, the string's content for a JSON-syntax string.
   */
  default String keywordText() {
    return sourceText();
  }
}
