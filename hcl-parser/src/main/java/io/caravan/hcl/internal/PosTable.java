package io.caravan.hcl.internal;

import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps byte offsets to line/column positions. Columns count extended grapheme clusters (Unicode
 * UAX #29, via {@code java.util.regex}'s {@code \X}: combining marks, spacing marks, Hangul
 * syllables, emoji modifier and ZWJ sequences and regional-indicator pairs are one column each).
 * Line starts are indexed once, on the first query (a parse that is never asked for a position
 * never pays for them). A line of plain ASCII (no carriage return) takes the fast path,
 * column = byte distance + 1; any other line is segmented once, on its first query, into the byte
 * offsets where its clusters start, and answered by binary search.
 *
 * <p>Ranges ask for their positions on demand, possibly from several threads once parsing is done:
 * the caches tolerate that (segmented lines in a concurrent map, cached Pos objects immutable and
 * checked by offset, the line-search hint any valid line).
 *
 * <p>HCL segments each token separately, so a cluster that straddles a token boundary (a quoted
 * string that begins with a combining mark, say) counts as two columns there and as one here. A
 * position inside a cluster gets the column after that cluster's start, as a prefix would.
 */
final class PosTable implements SourceRange.Positions {
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private final byte[] src;
  private final String file;
  /** The line index, made on the first position asked for (many parses never ask for one). */
  private volatile Lines lines;
  /** Per non-plain line, once segmented: the byte offsets where its grapheme clusters start. */
  private final Map<Integer, int[]> clusterStarts = new ConcurrentHashMap<>();
  private int lastLine;
  /**
   * Recently made positions by byte offset (direct-mapped): a range's end is often the next
   * range's start, and sharing those Pos objects trims about a quarter of them from a large AST.
   */
  private final Pos[] posCache;
  /** Where offset 0 of {@code src} sits in its file (a template inside a JSON string starts after its quote). */
  private final int baseLine;
  private final int baseColumn;
  private final int baseByte;

  /**
   * Line starts, and per line whether it holds only ASCII bytes and no carriage return (then
   * column = byte distance + 1). Immutable once made, so threads that race to make it agree.
   */
  private record Lines(int[] starts, boolean[] plain, int count) {
    static Lines of(byte[] src) {
      int lines = 1;
      for (byte c : src) {
        if (c == '\n') lines++;
      }
      int[] starts = new int[lines]; // counted first: no garbage from growing a 10 MB file's table
      boolean[] plain = new boolean[lines];
      int n = 0;
      starts[n++] = 0;
      boolean special = false;
      for (int i = 0; i < src.length; i++) {
        byte c = src[i];
        if (c == '\n') {
          plain[n - 1] = !special;
          starts[n++] = i + 1;
          special = false;
        } else if (c < 0 || c == '\r') {
          special = true;
        }
      }
      plain[n - 1] = !special;
      return new Lines(starts, plain, n);
    }
  }

  PosTable(byte[] src, String file) {
    this(src, file, 1, 1, 0);
  }

  /** A table for text that starts at line {@code baseLine}, column {@code baseColumn}, byte {@code baseByte} of {@code file}. */
  PosTable(byte[] src, String file, int baseLine, int baseColumn, int baseByte) {
    this.src = src;
    this.file = file;
    this.baseLine = baseLine;
    this.baseColumn = baseColumn;
    this.baseByte = baseByte;
    this.posCache = new Pos[Integer.highestOneBit(Math.max(16, Math.min(1024, src.length >> 4)))]; // small files, small cache
  }

  private Lines lines() {
    Lines l = lines;
    if (l == null) lines = l = Lines.of(src);
    return l;
  }

  Pos pos(int b) {
    if (b > src.length) b = src.length;
    if (b < 0) b = 0;
    int slot = b & (posCache.length - 1);
    Pos cached = posCache[slot];
    if (cached != null && cached.byteOffset() == b + baseByte) return cached;
    Pos p = computePos(b);
    if (baseByte != 0 || baseLine != 1 || baseColumn != 1) {
      p = new Pos(p.line() + baseLine - 1, p.line() == 1 ? p.column() + baseColumn - 1 : p.column(), p.byteOffset() + baseByte);
    }
    posCache[slot] = p;
    return p;
  }

  private Pos computePos(int b) {
    Lines ls = lines();
    int line = lineOf(ls, b);
    int lineStart = ls.starts[line];
    if (ls.plain[line]) {
      return new Pos(line + 1, b - lineStart + 1, b);
    }
    int[] starts = clusterStarts.computeIfAbsent(line, this::segment);
    int before = Arrays.binarySearch(starts, b);
    int count = before >= 0 ? before : -before - 1; // clusters starting before b
    return new Pos(line + 1, count + 1, b);
  }

  /**
   * The byte offsets at which the grapheme clusters of line {@code line} start. The line's content
   * excludes its newline, a carriage return just before that newline, and a byte-order mark at the
   * start of the file; malformed UTF-8 bytes are one cluster each.
   */
  private int[] segment(int line) {
    Lines ls = lines();
    int[] lineStarts = ls.starts;
    int lineCount = ls.count;
    int from = lineStarts[line];
    int to = line + 1 < lineCount ? lineStarts[line + 1] - 1 : src.length; // exclusive, before '\n'
    if (line + 1 < lineCount && to > from && src[to - 1] == '\r') to--;
    if (from == 0 && to >= 3 && (src[0] & 0xff) == 0xEF && (src[1] & 0xff) == 0xBB && (src[2] & 0xff) == 0xBF) from = 3;
    StringBuilder text = new StringBuilder(to - from);
    int[] byteOfChar = new int[to - from + 1];
    int cur = from;
    while (cur < to) {
      int c = src[cur] & 0xff;
      int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      int cp = len == 0 || cur + len > to ? -1 : decode(cur, len);
      if (cp < 0) {
        cp = 0xFFFD;
        len = 1;
      }
      int at = text.length();
      text.appendCodePoint(cp);
      for (int k = at; k < text.length(); k++) byteOfChar[k] = cur;
      cur += len;
    }
    int[] starts = new int[text.length()];
    int n = 0;
    Matcher m = GRAPHEME.matcher(text);
    while (m.find()) starts[n++] = byteOfChar[m.start()];
    return Arrays.copyOf(starts, n);
  }

  /**
   * The 0-based line holding byte {@code b}. Queries cluster around the previous answer, so the
   * search gallops outward from it and costs O(log distance) rather than O(log lines).
   */
  private int lineOf(Lines ls, int b) {
    int[] lineStarts = ls.starts;
    int lineCount = ls.count;
    int last = Math.min(lastLine, lineCount - 1);
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

  /** A range whose positions are made from this table when asked for. */
  SourceRange range(int start, int end) {
    return SourceRange.ofBytes(this, start, end);
  }

  /** The position of byte offset {@code b}; safe from any thread once parsing is done. */
  @Override
  public Pos apply(int b) {
    return pos(b);
  }

  @Override
  public int byteOffset(int b) {
    return Math.max(0, Math.min(b, src.length)) + baseByte;
  }

  @Override
  public String filename() {
    return file;
  }

  /** The code point of a well-formed UTF-8 sequence, or -1. */
  private int decode(int at, int len) {
    int c = src[at] & 0xff;
    if (len == 1) return c;
    int cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
    for (int i = 1; i < len; i++) {
      int cont = src[at + i] & 0xff;
      if ((cont & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (cont & 0x3f);
    }
    int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    return cp;
  }
}
