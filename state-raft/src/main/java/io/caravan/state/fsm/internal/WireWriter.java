package io.caravan.state.fsm.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Appends varints, doubles, blobs and strings to a growable byte array, the counterpart of
 * {@link WireReader}. A shared string is written once per writer and referred to by its position
 * afterwards (see {@link WireReader#string} for the tags).
 */
public final class WireWriter {
  /** String tag: null. */
  static final int STRING_NULL = 0;
  /** String tag: a literal that joins the string table. */
  static final int STRING_SHARED = 1;
  /** String tag: a literal that does not join the table (unique values such as allocation IDs). */
  static final int STRING_UNSHARED = 2;
  /** String tags from this one on are references: table position + this. Position 0 is "". */
  static final int STRING_REF = 3;

  private byte[] buf;
  private int pos;
  private final Map<String, Integer> strings;

  /** A writer whose buffer starts at {@code capacity} bytes, for about {@code distinctStrings} shared strings. */
  public WireWriter(int capacity, int distinctStrings) {
    buf = new byte[Math.max(16, capacity)];
    strings = new HashMap<>(Math.max(16, distinctStrings * 4 / 3 + 1));
    strings.put("", 0);
  }

  /** Bytes written so far. */
  public int size() {
    return pos;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** One raw byte. */
  public void writeByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  /** Raw bytes. */
  public void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** A boolean as one byte, 0 or 1. */
  public void writeBoolean(boolean b) {
    writeByte(b ? 1 : 0);
  }

  /** A nullable Boolean as one byte: 0 null, 1 false, 2 true. */
  public void writeNullableBoolean(@Nullable Boolean b) {
    writeByte(b == null ? 0 : b ? 2 : 1);
  }

  /** An unsigned varint (7 bits a byte, low first); negative values take 5 bytes. */
  public void writeVarInt(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** An unsigned varint of a long; negative values take 10 bytes. */
  public void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** A signed int, zigzag-encoded so small negative values stay short. */
  public void writeInt(int v) {
    writeVarInt((v << 1) ^ (v >> 31));
  }

  /** A signed long, zigzag-encoded. */
  public void writeLong(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  /** A double as its 8 raw IEEE bytes (exact, NaN payloads included). */
  public void writeDouble(double d) {
    long bits = Double.doubleToRawLongBits(d);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (bits >>> (56 - 8 * i));
    }
  }

  /** The size of a nullable collection or map: 0 for null, else size + 1. */
  public void writeCount(@Nullable Collection<?> c) {
    writeVarInt(c == null ? 0 : c.size() + 1);
  }

  /** The size of a nullable map: 0 for null, else size + 1. */
  public void writeCount(@Nullable Map<?, ?> m) {
    writeVarInt(m == null ? 0 : m.size() + 1);
  }

  /** Length-prefixed bytes. */
  public void writeBlob(byte[] bytes) {
    writeVarInt(bytes.length);
    writeRaw(bytes);
  }

  /** A nullable string shared through the table: repeated values cost one varint. */
  public void writeString(@Nullable String s) {
    if (s == null) {
      writeVarInt(STRING_NULL);
      return;
    }
    Integer at = strings.putIfAbsent(s, strings.size());
    if (at != null) {
      writeVarInt(at + STRING_REF);
      return;
    }
    writeVarInt(STRING_SHARED);
    writeUtf8(s);
  }

  /** A nullable string written out in full, not added to the table (values unique in a command). */
  public void writeUniqueString(@Nullable String s) {
    if (s == null) {
      writeVarInt(STRING_NULL);
    } else if (s.isEmpty()) {
      writeVarInt(STRING_REF);
    } else {
      writeVarInt(STRING_UNSHARED);
      writeUtf8(s);
    }
  }

  private void writeUtf8(String s) {
    // the JDK encodes an all-ASCII string by copying its bytes (a vectorized check, then arraycopy)
    writeBlob(s.getBytes(StandardCharsets.UTF_8));
  }
}
