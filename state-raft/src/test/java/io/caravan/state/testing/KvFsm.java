package io.caravan.state.testing;

import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.ReplicatedFsm;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A string key-value FSM for replication tests. Commands: {@code put(k, v)} returns the previous value
 * (empty if none), {@code cas(k, expected, v)} is rejected if the current value differs; query
 * {@code get(k)} returns the value (empty if none). Snapshots are sorted, so equal states give equal bytes.
 */
public final class KvFsm implements ReplicatedFsm {
  private final TreeMap<String, String> map = new TreeMap<>();
  private long lastIndex;

  public static byte[] put(String key, String value) {
    return ("P\u0000" + key + "\u0000" + value).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] cas(String key, String expected, String value) {
    return ("C\u0000" + key + "\u0000" + expected + "\u0000" + value).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] get(String key) {
    return ("G\u0000" + key).getBytes(StandardCharsets.UTF_8);
  }

  /** Query returning the number of keys. */
  public static byte[] size() {
    return "S".getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized byte[] apply(long index, byte[] command) {
    if (index < lastIndex) {
      throw new IllegalStateException("index " + index + " applied after " + lastIndex);
    }
    String[] parts = text(command).split("\u0000", -1);
    String previous = map.getOrDefault(parts[1], "");
    switch (parts[0]) {
      case "P" -> map.put(parts[1], parts[2]);
      case "C" -> {
        if (!previous.equals(parts[2])) {
          lastIndex = index;
          throw new FsmCommandException("cas " + parts[1] + ": expected '" + parts[2] + "' but was '" + previous + "'");
        }
        map.put(parts[1], parts[3]);
      }
      default -> throw new FsmCommandException("unknown command " + parts[0]);
    }
    lastIndex = index;
    return previous.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized byte[] query(byte[] request) {
    String[] parts = text(request).split("\u0000", -1);
    return switch (parts[0]) {
      case "G" -> map.getOrDefault(parts[1], "").getBytes(StandardCharsets.UTF_8);
      case "S" -> Integer.toString(map.size()).getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException("unknown query " + parts[0]);
    };
  }

  /** A copy of the whole map (test inspection). */
  public synchronized Map<String, String> contents() {
    return new TreeMap<>(map);
  }

  @Override
  public synchronized void snapshot(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      data.writeUTF(e.getKey());
      data.writeUTF(e.getValue());
    }
    data.flush();
  }

  @Override
  public synchronized void restore(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int n = data.readInt();
    map.clear();
    for (int i = 0; i < n; i++) {
      map.put(data.readUTF(), data.readUTF());
    }
    lastIndex = 0;
  }
}
