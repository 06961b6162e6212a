package io.caravan.hcl;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A half-open range of source text in a named file, as hcl.Range. The parser makes its ranges
 * from byte offsets and a shared position table, so the line/column {@link Pos} objects are only
 * made when someone asks for them: a large syntax tree holds millions of ranges, and their
 * positions were most of its memory. Ranges made from two {@code Pos} values keep them.
 */
public final class SourceRange {
  /** The parser's {@link Positions} table, or {@link Fixed} for given positions (24-byte objects either way). */
  private final Object positions;
  private final int startByte;
  private final int endByte;

  /** A source file's position table, as a parser keeps it: byte offset to line and column. */
  public interface Positions extends IntFunction<Pos> {
    /** The file the offsets are in. */
    String filename();

    /** {@code apply(offset).byteOffset()}, which a table may answer without making the position. */
    default int byteOffset(int offset) {
      return apply(offset).byteOffset();
    }
  }

  /** A range between two given positions. */
  public SourceRange(String filename, Pos start, Pos end) {
    this.positions = new Fixed(filename, Objects.requireNonNull(start), Objects.requireNonNull(end));
    this.startByte = start.byteOffset();
    this.endByte = end.byteOffset();
  }

  private SourceRange(Positions table, int startByte, int endByte) {
    this.positions = table;
    this.startByte = startByte;
    this.endByte = endByte;
  }

  /**
   * A range from byte offsets whose positions {@code table} computes on demand (for parsers).
   * The table must give the same answer for an offset every time and be safe to call from any thread.
   */
  public static SourceRange ofBytes(Positions table, int startByte, int endByte) {
    return new SourceRange(Objects.requireNonNull(table), startByte, endByte);
  }

  /**
   * The start byte offset this range was made from: for a range made by {@link #ofBytes}, the
   * offset in its table's coordinates (a parser keeps these instead of range objects); otherwise
   * the start position's byte offset.
   */
  public int startOffset() {
    return startByte;
  }

  /** The end byte offset this range was made from (see {@link #startOffset}). */
  public int endOffset() {
    return endByte;
  }

  /** The start position's byte offset in the file, as {@code start().byteOffset()} but without making the position. */
  public int startByteOffset() {
    return positions instanceof Positions table ? table.byteOffset(startByte) : startByte;
  }

  /** The end position's byte offset in the file, as {@code end().byteOffset()} but without making the position. */
  public int endByteOffset() {
    return positions instanceof Positions table ? table.byteOffset(endByte) : endByte;
  }

  /** The position table this range was made from by {@link #ofBytes}, or null. */
  Positions table() {
    return positions instanceof Positions table ? table : null;
  }

  /** True when {@code r} was made by {@link #ofBytes} from {@code table}. */
  static boolean madeFrom(SourceRange r, Positions table) {
    return table != null && r != null && r.positions == table;
  }

  /** The file name. */
  public String filename() {
    return positions instanceof Fixed f ? f.filename : ((Positions) positions).filename();
  }

  /** The start position. */
  public Pos start() {
    return positions instanceof Fixed f ? f.start : ((Positions) positions).apply(startByte);
  }

  /** The end position (exclusive). */
  public Pos end() {
    return positions instanceof Fixed f ? f.end : ((Positions) positions).apply(endByte);
  }

  /** The range from this one's start to {@code other}'s end, positions still made on demand when both are. */
  public SourceRange to(SourceRange other) {
    if (positions == other.positions && positions instanceof Positions table) {
      return new SourceRange(table, startByte, other.endByte);
    }
    return new SourceRange(filename(), start(), other.end());
  }

  /** The smallest range covering both ranges (same file assumed). */
  public static SourceRange between(SourceRange a, SourceRange b) {
    SourceRange first = a.startByte <= b.startByte ? a : b;
    SourceRange last = a.endByte >= b.endByte ? a : b;
    return first.to(last);
  }

  /** Compact form {@code line:col:byte-line:col:byte} used by the conformance goldens. */
  public String compact() {
    Pos start = start(), end = end();
    return start.line() + ":" + start.column() + ":" + start.byteOffset() + "-"
        + end.line() + ":" + end.column() + ":" + end.byteOffset();
  }

  /** Same file and same start and end positions, however they were made. */
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof SourceRange r && Objects.equals(filename(), r.filename())
        && start().equals(r.start()) && end().equals(r.end()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(filename(), start(), end());
  }

  @Override
  public String toString() {
    Pos start = start(), end = end();
    return filename() + ":" + start.line() + "," + start.column() + "-" + end.line() + "," + end.column();
  }

  /** Positions given at construction. */
  private record Fixed(String filename, Pos start, Pos end) {}
}
