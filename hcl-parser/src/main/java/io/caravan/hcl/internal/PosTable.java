package io.caravan.hcl.internal;

import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;

/** Maps byte offsets to line/column positions (columns in approximate grapheme clusters), amortised linear for forward queries. */
final class PosTable {
  private final byte[] src;
  private final String file;
  private int curByte, curLine = 1, curCol = 1;
  private int lineStartByte;
  private int lastCp = -1;

  PosTable(byte[] src, String file) {
    this.src = src;
    this.file = file;
  }

  Pos pos(int b) {
    if (b > src.length) b = src.length;
    if (b < curByte) {
      if (b >= lineStartByte) { curByte = lineStartByte; curCol = 1; lastCp = -1; }
      else { curByte = 0; curLine = 1; curCol = 1; lineStartByte = 0; lastCp = -1; }
    }
    while (curByte < b) {
      int c = src[curByte] & 0xff;
      int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c >= 0x80 && c < 0xC0) len = 1;
      if (curByte + len > src.length) len = src.length - curByte;
      if (c == '\n') { curLine++; curCol = 1; curByte++; lineStartByte = curByte; lastCp = -1; continue; }
      int cp = decode(curByte, len);
      if (c == '\r' && curByte + 1 < src.length && src[curByte + 1] == '\n') { curByte++; continue; }
      if (cp == 0xFEFF && curByte == 0) { curByte += len; continue; }
      if (!extendsCluster(cp) || lastCp < 0) curCol++;
      else if (lastCp == 0x200D) { /* joined */ }
      lastCp = cp;
      curByte += len;
    }
    return new Pos(curLine, curCol, b);
  }

  SourceRange range(int start, int end) {
    Pos s = pos(start);
    Pos e = pos(end);
    return new SourceRange(file, s, e);
  }

  private int decode(int at, int len) {
    int c = src[at] & 0xff;
    if (len == 1) return c;
    int cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
    for (int i = 1; i < len; i++) cp = (cp << 6) | (src[at + i] & 0x3f);
    return cp;
  }

  private boolean extendsCluster(int cp) {
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) return true;
    if (lastCp == 0x200D) return true;
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK;
  }
}
