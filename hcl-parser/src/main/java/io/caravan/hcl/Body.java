package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * A body: attributes and blocks in source order ({@code items}), plus its range. Like
 * {@link Attribute}, a parsed body keeps offsets and makes its ranges when asked; equality is by
 * value.
 */
public final class Body {
  private final ImmutableList<Object> items;
  private final SourceRange.Positions table;
  private final int start;
  private final int end;
  private final int endStart;
  private final int endEnd;
  /** range and endRange when they are not from one table. */
  private final SourceRange[] given;

  private Body(ImmutableList<Object> items, SourceRange.Positions table, int start, int end, int endStart, int endEnd) {
    this.items = Objects.requireNonNull(items);
    this.table = Objects.requireNonNull(table);
    this.start = start;
    this.end = end;
    this.endStart = endStart;
    this.endEnd = endEnd;
    this.given = null;
  }

  /**
   * A body whose range {@code [start, end)} and end range {@code [endStart, endEnd)} are byte
   * offsets into a parser's position {@code table} (as {@link SourceRange#ofBytes}).
   */
  public static Body ofBytes(ImmutableList<Object> items, SourceRange.Positions table, int start, int end, int endStart,
      int endEnd) {
    return new Body(items, table, start, end, endStart, endEnd);
  }

  /** A body with these items and ranges. */
  public Body(ImmutableList<Object> items, SourceRange range, SourceRange endRange) {
    this.items = Objects.requireNonNull(items);
    SourceRange.Positions t = range.table();
    if (SourceRange.madeFrom(endRange, t)) {
      this.table = t;
      this.start = range.startOffset();
      this.end = range.endOffset();
      this.endStart = endRange.startOffset();
      this.endEnd = endRange.endOffset();
      this.given = null;
    } else {
      this.table = null;
      this.start = this.end = this.endStart = this.endEnd = 0;
      this.given = new SourceRange[] {range, endRange};
    }
  }

  /** The attributes and blocks, in source order. */
  public ImmutableList<Object> items() {
    return items;
  }

  /** The body's range. */
  public SourceRange range() {
    return given != null ? given[0] : SourceRange.ofBytes(table, start, end);
  }

  /** The range at the body's end (before its closing brace). */
  public SourceRange endRange() {
    return given != null ? given[1] : SourceRange.ofBytes(table, endStart, endEnd);
  }

  /** The attributes, in source order. */
  public ImmutableList<Attribute> attributes() {
    return items.stream().filter(Attribute.class::isInstance).map(Attribute.class::cast).collect(ImmutableList.toImmutableList());
  }

  /** The blocks, in source order. */
  public ImmutableList<Block> blocks() {
    return items.stream().filter(Block.class::isInstance).map(Block.class::cast).collect(ImmutableList.toImmutableList());
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Body b && items.equals(b.items) && range().equals(b.range())
        && endRange().equals(b.endRange()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, range(), endRange());
  }

  @Override
  public String toString() {
    return "Body[items=" + items + ", range=" + range() + "]";
  }
}
