package io.caravan.hcl.internal;

import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;
import java.util.Arrays;

/**
 * Maps byte offsets to line/column positions (columns in grapheme clusters, approximated by
 * combining-mark, variation-selector, skin-tone and ZWJ rules). Line starts are indexed once; columns
 * are counted from the line start, resuming from the last query on the same line.
 */
final class PosTable {
  private final byte[] src;
  private final String file;
  private final int[] lineStarts;
  private final int lineCount;
  /** Per line: true when the line holds only ASCII bytes and no carriage return (column = byte distance + 1). */
  private final boolean[] plainLine;
  private int cacheLine = -1, cacheByte, cacheCol, cacheLastCp;
  private int lastLine;

  PosTable(byte[] src, String file) {
    this.src = src;
    this.file = file;
    int[] starts = new int[16];
    boolean[] plain = new boolean[16];
    int n = 0;
    starts[n++] = 0;
    boolean special = false;
    for (int i = 0; i < src.length; i++) {
      byte c = src[i];
      if (c == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
          plain = Arrays.copyOf(plain, n * 2);
        }
        plain[n - 1] = !special;
        starts[n++] = i + 1;
        special = false;
      } else if (c < 0 || c == '\r') {
        special = true;
      }
    }
    plain[n - 1] = !special;
    this.lineStarts = starts;
    this.plainLine = plain;
    this.lineCount = n;
  }

  Pos pos(int b) {
    if (b > src.length) b = src.length;
    if (b < 0) b = 0;
    int line = lineOf(b);
    if (plainLine[line]) {
      return new Pos(line + 1, b - lineStarts[line] + 1, b);
    }
    int cur, col, lastCp;
    if (line == cacheLine && b >= cacheByte) {
      cur = cacheByte;
      col = cacheCol;
      lastCp = cacheLastCp;
    } else {
      cur = lineStarts[line];
      col = 1;
      lastCp = -1;
    }
    while (cur < b) {
      int c = src[cur] & 0xff;
      int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (cur + len > src.length) len = src.length - cur;
      if (c == '\r' && cur + 1 < src.length && src[cur + 1] == '\n') { cur++; continue; }
      int cp = decode(cur, len);
      if (cp == 0xFEFF && cur == 0) { cur += len; continue; }
      if (lastCp < 0 || !extendsCluster(cp, lastCp)) col++;
      lastCp = cp;
      cur += len;
    }
    cacheLine = line;
    cacheByte = b;
    cacheCol = col;
    cacheLastCp = lastCp;
    return new Pos(line + 1, col, b);
  }

  /**
   * The 0-based line holding byte {@code b}. Queries cluster around the previous answer, so the
   * search gallops outward from it and costs O(log distance) rather than O(log lines).
   */
  private int lineOf(int b) {
    int last = lastLine;
    int lo, hi; // invariant: lineStarts[lo] <= b < lineStarts[hi] (hi == lineCount means end)
    if (b >= lineStarts[last]) {
      lo = last;
      int step = 1;
      hi = last + 1;
      while (hi < lineCount && lineStarts[hi] <= b) {
        lo = hi;
        hi = Math.min(lineCount, hi + step);
        step <<= 1;
      }
    } else {
      hi = last;
      int step = 1;
      lo = Math.max(0, last - 1);
      while (lineStarts[lo] > b) {
        hi = lo;
        lo = Math.max(0, lo - step);
        step <<= 1;
      }
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (lineStarts[mid] <= b) lo = mid; else hi = mid;
    }
    return lastLine = lo;
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

  private static boolean extendsCluster(int cp, int lastCp) {
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) return true;
    if (lastCp == 0x200D) return true;
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK;
  }
}
