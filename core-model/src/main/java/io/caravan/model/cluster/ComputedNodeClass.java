package io.caravan.model.cluster;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a node's class: a hash of the fields that decide feasibility for class-memoised checks
 * (datacenter, node class, pool, attributes, meta and device groups), excluding every
 * {@code unique.*} attribute and meta key, as Nomad's {@code Node.ComputeClass} does. Two nodes
 * have the same class exactly when those fields are equal; the string itself differs from Nomad's.
 */
public final class ComputedNodeClass {
  private ComputedNodeClass() {}

  /** Returns {@code "v1:" + hash} of the class-relevant fields of {@code node}. */
  public static String of(Node node) {
    Hasher h = Hashing.sha256().newHasher();
    put(h, node.datacenter());
    put(h, node.nodeClass());
    put(h, node.nodePool());
    putMap(h, node.attributesOrEmpty());
    putMap(h, node.metaOrEmpty());
    NodeResources res = node.nodeResources();
    if (res != null) {
      for (NodeDeviceResource d : res.devicesOrEmpty()) {
        put(h, d.vendor());
        put(h, d.type());
        put(h, d.name());
        Map<String, DeviceAttribute> attrs = new TreeMap<>(d.attributesOrEmpty());
        h.putInt(attrs.size());
        attrs.forEach((k, v) -> {
          put(h, k);
          put(h, String.valueOf(v));
        });
      }
    }
    return "v1:" + Long.toUnsignedString(h.hash().asLong());
  }

  /** True when a key is unique to a node and therefore excluded from the class. */
  public static boolean isUniqueKey(String key) {
    return key.startsWith("unique.");
  }

  private static void putMap(Hasher h, Map<String, String> map) {
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach((k, v) -> {
      if (!isUniqueKey(k)) {
        sorted.put(k, v);
      }
    });
    h.putInt(sorted.size());
    sorted.forEach((k, v) -> {
      put(h, k);
      put(h, v);
    });
  }

  private static void put(Hasher h, String s) {
    h.putInt(s.length());
    h.putString(s, StandardCharsets.UTF_8);
  }
}
