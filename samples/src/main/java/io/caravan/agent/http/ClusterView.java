package io.caravan.agent.http;

import java.util.List;
import java.util.Optional;

/** What the HTTP API tells about the servers: the leader's address and the members (an agent supplies it). */
public interface ClusterView {
  /** The leader's Raft address ({@code host:port}), if this agent knows one. */
  Optional<String> leaderAddress();

  /** The servers of the cluster. */
  List<ServerMember> members();

  /** This agent's server name. */
  String serverName();

  /** The view of a single in-memory server that is its own leader at {@code address}. */
  static ClusterView single(String name, String address, int port) {
    return new ClusterView() {
      @Override
      public Optional<String> leaderAddress() {
        return Optional.of(address + ":" + port);
      }

      @Override
      public List<ServerMember> members() {
        return List.of(new ServerMember(name, address, port, "alive", true));
      }

      @Override
      public String serverName() {
        return name;
      }
    };
  }
}
