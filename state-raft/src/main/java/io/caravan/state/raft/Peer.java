package io.caravan.state.raft;

import java.util.Objects;

/** One Raft server's identity and the address its transport listens on. */
public record Peer(String id, String host, int port) {
  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (id.isBlank()) {
      throw new IllegalArgumentException("peer id must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("peer " + id + ": port must be 1..65535, got " + port);
    }
  }

  /** {@code host:port}. */
  public String address() {
    return host + ":" + port;
  }
}
