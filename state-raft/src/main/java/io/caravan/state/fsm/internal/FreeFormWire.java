package io.caravan.state.fsm.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Free-form value trees (driver config, DNS, task events: String, Boolean, Integer, Long,
 * BigInteger, BigDecimal, List, Map and null) on the wire, each value tagged with its exact type so
 * it reads back equal.
 */
public final class FreeFormWire {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int TRUE = 2;
  private static final int FALSE = 3;
  private static final int INT = 4;
  private static final int LONG = 5;
  private static final int BIG_INTEGER = 6;
  private static final int BIG_DECIMAL = 7;
  private static final int LIST = 8;
  private static final int MAP = 9;
  /** Nesting deeper than this is corrupt input (it bounds the reader's recursion). */
  static final int MAX_DEPTH = 64;

  private FreeFormWire() {}

  /** Writes a nullable map: its count, then key and value pairs in order. */
  public static void writeMap(WireWriter w, @Nullable Map<String, ?> map) {
    w.writeCount(map);
    if (map != null) {
      for (Map.Entry<String, ?> e : map.entrySet()) {
        w.writeString(e.getKey());
        writeValue(w, e.getValue());
      }
    }
  }

  private static void writeValue(WireWriter w, @Nullable Object v) {
    if (v == null) {
      w.writeByte(NULL);
    } else if (v instanceof String s) {
      w.writeByte(STRING);
      w.writeString(s);
    } else if (v instanceof Boolean b) {
      w.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof Integer i) {
      w.writeByte(INT);
      w.writeInt(i);
    } else if (v instanceof Long l) {
      w.writeByte(LONG);
      w.writeLong(l);
    } else if (v instanceof BigInteger b) {
      w.writeByte(BIG_INTEGER);
      w.writeBlob(b.toByteArray());
    } else if (v instanceof BigDecimal d) {
      w.writeByte(BIG_DECIMAL);
      w.writeInt(d.scale());
      w.writeBlob(d.unscaledValue().toByteArray());
    } else if (v instanceof List<?> list) {
      w.writeByte(LIST);
      w.writeVarInt(list.size());
      for (Object item : list) {
        writeValue(w, item);
      }
    } else if (v instanceof Map<?, ?> map) {
      w.writeByte(MAP);
      w.writeVarInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.writeString((String) e.getKey());
        writeValue(w, e.getValue());
      }
    } else {
      throw new IllegalArgumentException("not a free-form value: " + v.getClass().getName());
    }
  }

  /** Reads a nullable map written by {@link #writeMap}. */
  public static @Nullable Map<String, Object> readMap(WireReader r, String what) {
    int n = r.readCount(what);
    return n < 0 ? null : readEntries(r, n, what, 0);
  }

  private static Map<String, Object> readEntries(WireReader r, int n, String what, int depth) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String key = r.readString(what);
      if (out.containsKey(key)) {
        throw WireReader.corrupt(what, "duplicate key \"" + key + "\"");
      }
      out.put(key, readValue(r, what, depth));
    }
    return out;
  }

  private static @Nullable Object readValue(WireReader r, String what, int depth) {
    int tag = r.readByte(what);
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return r.readString(what);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case INT:
        return r.readInt(what);
      case LONG:
        return r.readLong(what);
      case BIG_INTEGER:
        return bigInteger(r.readBlob(what), what);
      case BIG_DECIMAL: {
        int scale = r.readInt(what);
        return new BigDecimal(bigInteger(r.readBlob(what), what), scale);
      }
      case LIST: {
        checkDepth(depth, what);
        int n = count(r, what);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(readValue(r, what, depth + 1));
        }
        return out;
      }
      case MAP:
        checkDepth(depth, what);
        return readEntries(r, count(r, what), what, depth + 1);
      default:
        throw WireReader.corrupt(what, "free-form value tag " + tag);
    }
  }

  private static int count(WireReader r, String what) {
    int n = r.readVarInt(what);
    if (n < 0 || n > r.remaining()) {
      throw WireReader.corrupt(what, "count " + Integer.toUnsignedString(n) + " with " + r.remaining() + " bytes left");
    }
    return n;
  }

  private static void checkDepth(int depth, String what) {
    if (depth >= MAX_DEPTH) {
      throw WireReader.corrupt(what, "free-form value nested deeper than " + MAX_DEPTH);
    }
  }

  private static BigInteger bigInteger(byte[] bytes, String what) {
    if (bytes.length == 0) {
      throw WireReader.corrupt(what, "big integer of no bytes");
    }
    return new BigInteger(bytes);
  }
}
