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
  /**
   * The position table of the compact form (range {@code [start, end)}, end range
   * {@code [end, endEnd)}: a parsed body's end range starts where the body ends), or the two
   * ranges as given ({@code SourceRange[]}). One field for both keeps a parsed body at 32 bytes.
   */
  private final Object ranges;
  private final int start;
  private final int end;
  private final int endEnd;

  private Body(ImmutableList<Object> items, Object ranges, int start, int end, int endEnd) {
    this.items = Objects.requireNonNull(items);
    this.ranges = Objects.requireNonNull(ranges);
    this.start = start;
    this.end = end;
    this.endEnd = endEnd;
  }

  /**
   * A body whose range {@code [start, end)} and end range {@code [endStart, endEnd)} are byte
   * offsets into a parser's position {@code table} (as {@link SourceRange#ofBytes}).
   */
  public static Body ofBytes(ImmutableList<Object> items, SourceRange.Positions table, int start, int end, int endStart,
      int endEnd) {
    if (endStart == end) return new Body(items, table, start, end, endEnd);
    return new Body(items, new SourceRange[] {SourceRange.ofBytes(table, start, end),
        SourceRange.ofBytes(table, endStart, endEnd)}, 0, 0, 0);
  }

  /** A body with these items and ranges. */
  public Body(ImmutableList<Object> items, SourceRange range, SourceRange endRange) {
    this(items, compactTable(range, endRange) != null ? compactTable(range, endRange) : new SourceRange[] {range, endRange},
        range.startOffset(), range.endOffset(), endRange.endOffset());
  }

  /** The table both ranges were made from when the end range starts where the range ends, else null. */
  private static SourceRange.Positions compactTable(SourceRange range, SourceRange endRange) {
    SourceRange.Positions t = range.table();
    return SourceRange.madeFrom(endRange, t) && endRange.startOffset() == range.endOffset() ? t : null;
  }

  /** The attributes and blocks, in source order. */
  public ImmutableList<Object> items() {
    return items;
  }

  /** The body's range. */
  public SourceRange range() {
    return ranges instanceof SourceRange[] given ? given[0] : SourceRange.ofBytes((SourceRange.Positions) ranges, start, end);
  }

  /** The range at the body's end (before its closing brace). */
  public SourceRange endRange() {
    return ranges instanceof SourceRange[] given ? given[1] : SourceRange.ofBytes((SourceRange.Positions) ranges, end, endEnd);
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
