package io.caravan.state.fsm.internal;

import io.caravan.state.fsm.CommandCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a {@link WireWriter} wrote from a byte range. Every read checks the bytes left, so
 * corrupt input fails with a {@link CommandCodecException} naming the field being read
 * ({@code what}), never with an index or null error.
 */
public final class WireReader {
  private final byte[] buf;
  private int pos;
  private final int limit;
  private String[] strings = new String[32];
  private int stringCount;

  /** Reads {@code buf[offset, limit)}. */
  public WireReader(byte[] buf, int offset, int limit) {
    if (offset < 0 || limit > buf.length || offset > limit) {
      throw new CommandCodecException("bad range [" + offset + ", " + limit + ") of " + buf.length + " bytes");
    }
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
    strings[stringCount++] = "";
  }

  /** Bytes not read yet. */
  public int remaining() {
    return limit - pos;
  }

  /** Throws unless every byte was read. */
  public void expectEnd(String what) {
    if (pos != limit) {
      throw new CommandCodecException("corrupt " + what + ": " + (limit - pos) + " bytes left over");
    }
  }

  /** A corruption error about {@code what}. */
  public static CommandCodecException corrupt(String what, String problem) {
    return new CommandCodecException("corrupt " + what + ": " + problem);
  }

  private void need(int n, String what) {
    if (n > limit - pos) {
      throw corrupt(what, "needs " + n + " bytes, " + (limit - pos) + " left");
    }
  }

  /** One raw byte, 0-255. */
  public int readByte(String what) {
    need(1, what);
    return buf[pos++] & 0xFF;
  }

  /** A boolean byte (0 or 1). */
  public boolean readBoolean(String what) {
    int b = readByte(what);
    if (b > 1) {
      throw corrupt(what, "boolean byte " + b);
    }
    return b == 1;
  }

  /** A nullable Boolean byte (0 null, 1 false, 2 true). */
  public @Nullable Boolean readNullableBoolean(String what) {
    int b = readByte(what);
    return switch (b) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      case 2 -> Boolean.TRUE;
      default -> throw corrupt(what, "nullable boolean byte " + b);
    };
  }

  /** An unsigned varint of at most 5 bytes. */
  public int readVarInt(String what) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      need(1, what);
      int b = buf[pos++];
      v |= (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw corrupt(what, "varint longer than 5 bytes");
  }

  /** An unsigned varint of at most 10 bytes. */
  public long readVarLong(String what) {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      need(1, what);
      int b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw corrupt(what, "varint longer than 10 bytes");
  }

  /** A zigzag-encoded signed int. */
  public int readInt(String what) {
    int v = readVarInt(what);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A zigzag-encoded signed long. */
  public long readLong(String what) {
    long v = readVarLong(what);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A double from its 8 raw bytes. */
  public double readDouble(String what) {
    need(8, what);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (buf[pos++] & 0xFF);
    }
    return Double.longBitsToDouble(bits);
  }

  /**
   * A nullable count written by {@link WireWriter#writeCount}: -1 for null, else the size, which
   * must not exceed the bytes left (every element takes at least one).
   */
  public int readCount(String what) {
    int c = readVarInt(what);
    if (c == 0) {
      return -1;
    }
    int n = c - 1;
    if (n < 0 || n > limit - pos) {
      throw corrupt(what, "count " + (c < 0 ? Integer.toUnsignedString(c) : String.valueOf(n)) + " with "
          + (limit - pos) + " bytes left");
    }
    return n;
  }

  /** A count that must not be null. */
  public int readRequiredCount(String what) {
    int n = readCount(what);
    if (n < 0) {
      throw corrupt(what, "null where a count is required");
    }
    return n;
  }

  /** Length-prefixed bytes. */
  public byte[] readBlob(String what) {
    int n = readLength(what);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  private int readLength(String what) {
    int n = readVarInt(what);
    if (n < 0 || n > limit - pos) {
      throw corrupt(what, "length " + Integer.toUnsignedString(n) + " with " + (limit - pos) + " bytes left");
    }
    return n;
  }

  /** A string that must not be null. */
  public String readString(String what) {
    String s = readNullableString(what);
    if (s == null) {
      throw corrupt(what, "null where a string is required");
    }
    return s;
  }

  /** A nullable string: a literal (which may join the table) or a table reference. */
  public @Nullable String readNullableString(String what) {
    int tag = readVarInt(what);
    switch (tag) {
      case WireWriter.STRING_NULL:
        return null;
      case WireWriter.STRING_SHARED: {
        String s = readUtf8(what);
        if (stringCount == strings.length) {
          strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount++] = s;
        return s;
      }
      case WireWriter.STRING_UNSHARED:
        return readUtf8(what);
      default: {
        int at = tag - WireWriter.STRING_REF;
        if (at < 0 || at >= stringCount) {
          throw corrupt(what, "string reference " + Integer.toUnsignedString(at) + " of " + stringCount);
        }
        return strings[at];
      }
    }
  }

  private String readUtf8(String what) {
    int n = readLength(what);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }
}
