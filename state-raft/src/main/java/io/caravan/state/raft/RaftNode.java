package io.caravan.state.raft;

import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.internal.FsmStateMachine;
import io.caravan.state.raft.internal.RaftProps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;

/**
 * One Raft server replicating a {@link ReplicatedFsm}. Starts fresh (FORMAT) on an empty data directory
 * and recovers (RECOVER) when the directory already holds this group's log and snapshots.
 */
public final class RaftNode implements AutoCloseable {
  private final Peer self;
  private final RaftServer server;
  private final RaftGroupId groupId;
  private final FsmStateMachine stateMachine;
  private final boolean recovered;

  private RaftNode(Peer self, RaftServer server, RaftGroupId groupId, FsmStateMachine sm, boolean recovered) {
    this.self = self;
    this.server = server;
    this.groupId = groupId;
    this.stateMachine = sm;
    this.recovered = recovered;
  }

  /**
   * Starts a server. {@code group} lists the initial members (including {@code self}) when bootstrapping;
   * pass an empty list for a server that will be added to a running cluster with
   * {@link ReplicatedLog#setMembers}.
   */
  public static RaftNode start(Peer self, List<Peer> group, Path dataDir, ServerConfig cfg, ReplicatedFsm fsm) {
    RaftGroupId gid = RaftProps.groupId(cfg.raft().group());
    try {
      Files.createDirectories(dataDir);
      boolean recover = Files.isDirectory(dataDir.resolve(gid.getUuid().toString()));
      FsmStateMachine sm = new FsmStateMachine(fsm);
      RaftGroup raftGroup = group.isEmpty() ? RaftGroup.valueOf(gid) : RaftProps.group(cfg.raft().group(), group);
      RaftServer server = RaftServer.newBuilder()
          .setServerId(RaftPeerId.valueOf(self.id()))
          .setGroup(raftGroup)
          .setProperties(RaftProps.server(cfg, self, dataDir))
          .setStateMachine(sm)
          .setOption(recover ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
          .build();
      server.start();
      return new RaftNode(self, server, gid, sm, recover);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Raft server " + self.id() + " on " + dataDir, e);
    }
  }

  public Peer peer() {
    return self;
  }

  public String id() {
    return self.id();
  }

  /** True when this server started from an existing data directory. */
  public boolean recovered() {
    return recovered;
  }

  private RaftServer.Division division() {
    try {
      return server.getDivision(groupId);
    } catch (IOException e) {
      throw new UncheckedIOException("server " + self.id() + " has no division for group " + groupId, e);
    }
  }

  /** Leader with its first entry of the term committed (can serve linearizable requests). */
  public boolean isLeaderReady() {
    try {
      return server.getLifeCycleState().isRunning() && division().getInfo().isLeaderReady();
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  public boolean isLeader() {
    try {
      return server.getLifeCycleState().isRunning() && division().getInfo().isLeader();
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** The ID of the leader as this server knows it, or null when it knows none. */
  public String leaderId() {
    try {
      org.apache.ratis.protocol.RaftPeerId id = division().getInfo().getLeaderId();
      return id == null ? null : id.toString();
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  /** Current term as this server knows it. */
  public long currentTerm() {
    return division().getInfo().getCurrentTerm();
  }

  /** Highest log index applied to the state machine on this server. */
  public long lastAppliedIndex() {
    return division().getInfo().getLastAppliedIndex();
  }

  /** Highest committed log index known to this server. */
  public long commitIndex() {
    return division().getRaftLog().getLastCommittedIndex();
  }

  /** Ids of the current voting members as this server sees them. */
  public List<String> members() {
    return division().getRaftConf().getCurrentPeers().stream().map(p -> p.getId().toString()).sorted().toList();
  }

  /** The application state machine on this server. */
  public ReplicatedFsm fsm() {
    return stateMachine.fsm();
  }

  /** Snapshots loaded into the FSM by this process (start-up or install from the leader). */
  public long snapshotsLoaded() {
    return stateMachine.snapshotsLoaded();
  }

  /** Reads this replica's state without Raft (possibly stale). */
  public byte[] queryLocal(byte[] request) {
    return stateMachine.queryLocal(request);
  }

  /** Writes this replica's full state; returns the applied index it reflects. */
  public long writeState(OutputStream out) throws IOException {
    return stateMachine.snapshotLocal(out);
  }

  /** SHA-256 (hex) of this replica's full state as {@link ReplicatedFsm#snapshot} writes it. */
  public String stateDigest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        writeState(out);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks the state machine to snapshot now (returns the snapshot index, -1 if nothing applied yet). */
  public long takeSnapshot() {
    try {
      return stateMachine.takeSnapshotNow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (blocks about a second while gRPC channels shut down). */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing Raft server " + self.id(), e);
    }
  }

  @Override
  public String toString() {
    return "RaftNode[" + self.id() + "@" + self.address() + "]";
  }
}
