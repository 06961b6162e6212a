package io.caravan.hcl;

/** A position in a source file: 1-based line, 1-based column in grapheme clusters, 0-based byte offset. */
public record Pos(int line, int column, int byteOffset) {
  /** The position of the first byte of a file. */
  public static final Pos START = new Pos(1, 1, 0);
}
