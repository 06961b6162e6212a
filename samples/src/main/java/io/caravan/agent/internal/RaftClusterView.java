package io.caravan.agent.internal;

import io.caravan.agent.http.ClusterView;
import io.caravan.agent.http.ServerMember;
import io.caravan.state.raft.Peer;
import io.caravan.state.server.CaravanServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a Raft server agent knows of its cluster: the peers from the join list and the leader Raft names. */
public final class RaftClusterView implements ClusterView {
  private final CaravanServer server;
  private final Peer self;
  private final Map<String, Peer> peers;

  public RaftClusterView(CaravanServer server, Peer self, Map<String, Peer> peers) {
    this.server = server;
    this.self = self;
    this.peers = Map.copyOf(peers);
  }

  private Optional<String> leaderId() {
    if (server.isLeader()) {
      return Optional.of(self.id());
    }
    return server.raftNode().map(r -> {
      try {
        return r.leaderId();
      } catch (RuntimeException e) {
        return null;
      }
    });
  }

  @Override
  public Optional<String> leaderAddress() {
    return leaderId().map(peers::get).map(Peer::address);
  }

  @Override
  public List<ServerMember> members() {
    String leader = leaderId().orElse("");
    return peers.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
        .map(p -> new ServerMember(p.id(), p.host(), p.port(),
            p.id().equals(self.id()) || p.id().equals(leader) ? "alive" : "unknown", p.id().equals(leader)))
        .toList();
  }

  @Override
  public String serverName() {
    return self.id();
  }
}
