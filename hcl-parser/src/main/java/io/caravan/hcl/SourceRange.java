package io.caravan.hcl;

/** A half-open range of source text in a named file, as hcl.Range. */
public record SourceRange(String filename, Pos start, Pos end) {
  /** The smallest range covering both ranges (same file assumed). */
  public static SourceRange between(SourceRange a, SourceRange b) {
    Pos s = a.start.byteOffset() <= b.start.byteOffset() ? a.start : b.start;
    Pos e = a.end.byteOffset() >= b.end.byteOffset() ? a.end : b.end;
    return new SourceRange(a.filename, s, e);
  }

  /** Compact form {@code line:col:byte-line:col:byte} used by the conformance goldens. */
  public String compact() {
    return start.line() + ":" + start.column() + ":" + start.byteOffset() + "-"
        + end.line() + ":" + end.column() + ":" + end.byteOffset();
  }

  @Override
  public String toString() {
    return filename + ":" + start.line() + "," + start.column() + "-" + end.line() + "," + end.column();
  }
}
