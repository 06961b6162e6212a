package io.caravan.state.raft.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Framing of a group-commit batch: one Raft entry carries many commands, and its reply carries one
 * result per command. Layout: {@code int count, then per item int length + bytes}; a reply item starts
 * with a status byte (0 = ok, 1 = rejected with a UTF-8 message).
 */
public final class BatchCodec {
  public static final byte OK = 0;
  public static final byte REJECTED = 1;

  private BatchCodec() {}

  public static byte[] encode(List<byte[]> items) {
    int size = 4;
    for (byte[] item : items) {
      size += 4 + item.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putInt(items.size());
    for (byte[] item : items) {
      buf.putInt(item.length).put(item);
    }
    return buf.array();
  }

  public static List<byte[]> decode(ByteBuffer buf) {
    int count = buf.getInt();
    if (count < 0 || count > buf.remaining() / 4) {
      throw new IllegalArgumentException("corrupt batch: count " + count + " with " + buf.remaining() + " bytes left");
    }
    List<byte[]> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int len = buf.getInt();
      if (len < 0 || len > buf.remaining()) {
        throw new IllegalArgumentException("corrupt batch: item " + i + " length " + len);
      }
      byte[] item = new byte[len];
      buf.get(item);
      items.add(item);
    }
    return items;
  }

  public static byte[] ok(byte[] result) {
    byte[] out = new byte[result.length + 1];
    out[0] = OK;
    System.arraycopy(result, 0, out, 1, result.length);
    return out;
  }

  public static byte[] rejected(String message) {
    byte[] msg = (message == null ? "rejected" : message).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[msg.length + 1];
    out[0] = REJECTED;
    System.arraycopy(msg, 0, out, 1, msg.length);
    return out;
  }
}
