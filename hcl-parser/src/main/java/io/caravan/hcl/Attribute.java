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
  /**
   * The position table of the compact form (range {@code [start, end)}, name
   * {@code [start, nameEnd)}, equals sign {@code [equalsStart, equalsStart + 1)}), or the three
   * ranges as given ({@code SourceRange[]}: range, nameRange, equalsRange). One field for both
   * keeps a parsed attribute at 40 bytes.
   */
  private final Object ranges;
  private final int start;
  private final int end;
  private final int nameEnd;
  private final int equalsStart;

  private Attribute(String name, Expression expression, Object ranges, int start, int end, int nameEnd, int equalsStart) {
    this.name = name;
    this.expression = expression;
    this.ranges = Objects.requireNonNull(ranges);
    this.start = start;
    this.end = end;
    this.nameEnd = nameEnd;
    this.equalsStart = equalsStart;
  }

  /**
   * An attribute whose ranges are byte offsets into a parser's position {@code table} (as
   * {@link SourceRange#ofBytes}): range {@code [start, end)}, name {@code [start, nameEnd)},
   * equals sign {@code [equalsStart, equalsEnd)}. No range object is made until one is asked for.
   */
  public static Attribute ofBytes(String name, Expression expression, SourceRange.Positions table, int start, int end,
      int nameEnd, int equalsStart, int equalsEnd) {
    if (equalsEnd == equalsStart + 1) return new Attribute(name, expression, table, start, end, nameEnd, equalsStart);
    return new Attribute(name, expression, new SourceRange[] {SourceRange.ofBytes(table, start, end),
        SourceRange.ofBytes(table, start, nameEnd), SourceRange.ofBytes(table, equalsStart, equalsEnd)}, 0, 0, 0, 0);
  }

  /** An attribute with these ranges. */
  public Attribute(String name, Expression expression, SourceRange range, SourceRange nameRange, SourceRange equalsRange) {
    this(name, expression, compactTable(range, nameRange, equalsRange) != null ? compactTable(range, nameRange, equalsRange)
        : new SourceRange[] {range, nameRange, equalsRange},
        range.startOffset(), range.endOffset(), nameRange.endOffset(), equalsRange.startOffset());
  }

  /** The table all three ranges were made from, when they fit the compact form, else null. */
  private static SourceRange.Positions compactTable(SourceRange range, SourceRange nameRange, SourceRange equalsRange) {
    SourceRange.Positions t = range.table();
    boolean compact = SourceRange.madeFrom(nameRange, t) && SourceRange.madeFrom(equalsRange, t)
        && nameRange.startOffset() == range.startOffset() && equalsRange.endOffset() == equalsRange.startOffset() + 1;
    return compact ? t : null;
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
    return ranges instanceof SourceRange[] given ? given[0] : SourceRange.ofBytes((SourceRange.Positions) ranges, start, end);
  }

  /** The name's range. */
  public SourceRange nameRange() {
    return ranges instanceof SourceRange[] given ? given[1] : SourceRange.ofBytes((SourceRange.Positions) ranges, start, nameEnd);
  }

  /** The range of the equals sign (the colon in JSON syntax). */
  public SourceRange equalsRange() {
    return ranges instanceof SourceRange[] given ? given[2]
        : SourceRange.ofBytes((SourceRange.Positions) ranges, equalsStart, equalsStart + 1);
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
