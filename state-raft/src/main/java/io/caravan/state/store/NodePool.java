package io.caravan.state.store;

import java.util.Map;

/** A named group of nodes (Nomad's node pool), stamped with the Raft indexes of its writes. */
public record NodePool(String name, String description, Map<String, String> meta, long createIndex, long modifyIndex) {
  public NodePool {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("node pool name must not be blank");
    }
    description = description == null ? "" : description;
    meta = meta == null ? Map.of() : Map.copyOf(meta);
  }

  /** A pool with the given name and no description. */
  public static NodePool named(String name) {
    return new NodePool(name, "", Map.of(), 0, 0);
  }
}
