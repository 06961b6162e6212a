package io.caravan.hcl;

import java.util.Objects;

/**
 * An attribute {@code name = expr}; {@code range} runs from the name to the end of the expression.
 * A parsed attribute keeps byte offsets into its file's position table and makes its ranges when
 * asked (a large file has hundreds of thousands of attributes, and three range objects each were
 * a large part of its syntax tree); equality is by value, as for a record.
 */
public final class Attribute {
  private final String name;
  private final Expression expression;
  /** The position table of the compact form, or null when {@link #given} holds the ranges. */
  private final SourceRange.Positions table;
  private final int start;
  private final int end;
  private final int nameEnd;
  private final int equalsStart;
  private final int equalsEnd;
  /** range, nameRange, equalsRange when they are not all from one table. */
  private final SourceRange[] given;

  private Attribute(String name, Expression expression, SourceRange.Positions table, int start, int end, int nameEnd,
      int equalsStart, int equalsEnd) {
    this.name = name;
    this.expression = expression;
    this.table = Objects.requireNonNull(table);
    this.start = start;
    this.end = end;
    this.nameEnd = nameEnd;
    this.equalsStart = equalsStart;
    this.equalsEnd = equalsEnd;
    this.given = null;
  }

  /**
   * An attribute whose ranges are byte offsets into a parser's position {@code table} (as
   * {@link SourceRange#ofBytes}): range {@code [start, end)}, name {@code [start, nameEnd)},
   * equals sign {@code [equalsStart, equalsEnd)}. No range object is made until one is asked for.
   */
  public static Attribute ofBytes(String name, Expression expression, SourceRange.Positions table, int start, int end,
      int nameEnd, int equalsStart, int equalsEnd) {
    return new Attribute(name, expression, table, start, end, nameEnd, equalsStart, equalsEnd);
  }

  /** An attribute with these ranges. */
  public Attribute(String name, Expression expression, SourceRange range, SourceRange nameRange, SourceRange equalsRange) {
    this.name = name;
    this.expression = expression;
    SourceRange.Positions t = range.table();
    if (SourceRange.madeFrom(nameRange, t) && SourceRange.madeFrom(equalsRange, t)
        && nameRange.startOffset() == range.startOffset()) {
      this.table = t;
      this.start = range.startOffset();
      this.end = range.endOffset();
      this.nameEnd = nameRange.endOffset();
      this.equalsStart = equalsRange.startOffset();
      this.equalsEnd = equalsRange.endOffset();
      this.given = null;
    } else {
      this.table = null;
      this.start = this.end = this.nameEnd = this.equalsStart = this.equalsEnd = 0;
      this.given = new SourceRange[] {range, nameRange, equalsRange};
    }
  }

  /** The attribute's name. */
  public String name() {
    return name;
  }

  /** The value expression. */
  public Expression expression() {
    return expression;
  }

  /** From the name to the end of the expression. */
  public SourceRange range() {
    return given != null ? given[0] : SourceRange.ofBytes(table, start, end);
  }

  /** The name's range. */
  public SourceRange nameRange() {
    return given != null ? given[1] : SourceRange.ofBytes(table, start, nameEnd);
  }

  /** The range of the equals sign (the colon in JSON syntax). */
  public SourceRange equalsRange() {
    return given != null ? given[2] : SourceRange.ofBytes(table, equalsStart, equalsEnd);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Attribute a && name.equals(a.name) && Objects.equals(expression, a.expression)
        && range().equals(a.range()) && nameRange().equals(a.nameRange()) && equalsRange().equals(a.equalsRange()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, expression, range(), nameRange(), equalsRange());
  }

  @Override
  public String toString() {
    return "Attribute[name=" + name + ", expression=" + expression + ", range=" + range() + "]";
  }
}
