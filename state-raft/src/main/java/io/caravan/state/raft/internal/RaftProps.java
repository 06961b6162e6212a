package io.caravan.state.raft.internal;

import io.caravan.state.config.RaftSettings;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.Peer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates {@link ServerConfig} into Ratis properties, peers and group ids. */
public final class RaftProps {
  private RaftProps() {}

  public static RaftGroupId groupId(String name) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("caravan-raft-group:" + name).getBytes(StandardCharsets.UTF_8)));
  }

  public static RaftPeer peer(Peer p) {
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(p.id())).setAddress(p.address()).build();
  }

  public static RaftGroup group(String name, Collection<Peer> peers) {
    return RaftGroup.valueOf(groupId(name), peers.stream().map(RaftProps::peer).toList());
  }

  private static TimeDuration ms(java.time.Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Properties shared by servers and clients: the transport type and client timeouts. */
  public static RaftProperties common(ServerConfig cfg) {
    RaftSettings r = cfg.raft();
    RaftProperties p = new RaftProperties();
    switch (r.transport()) {
      case GRPC -> RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
      case NETTY -> RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
    }
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, ms(r.requestTimeout()));
    return p;
  }

  /** Full server properties for {@code self} storing under {@code dataDir}. */
  public static RaftProperties server(ServerConfig cfg, Peer self, Path dataDir) {
    RaftSettings r = cfg.raft();
    RaftProperties p = common(cfg);
    switch (r.transport()) {
      case GRPC -> {
        GrpcConfigKeys.Server.setHost(p, self.host());
        GrpcConfigKeys.Server.setPort(p, self.port());
      }
      case NETTY -> {
        // keys of org.apache.ratis.netty.NettyConfigKeys.Server (ratis-netty is an optional dependency)
        p.set("raft.netty.server.host", self.host());
        p.set("raft.netty.server.port", Integer.toString(self.port()));
      }
    }
    RaftServerConfigKeys.setStorageDir(p, List.of(dataDir.toFile()));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(r.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(r.electionTimeoutMax()));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(r.firstElectionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(r.firstElectionTimeoutMax()));
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, r.leaderLeaseEnabled());
    RaftServerConfigKeys.Read.setLeaderLeaseTimeoutRatio(p, r.leaderLeaseTimeoutRatio());
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, r.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(r.segmentSizeMax()));
    // an entry (one group-commit batch) must fit the log write buffer and the appender's buffer
    long appenderLimit = appenderLimit(cfg);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(appenderLimit));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(appenderLimit + 8));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, r.purgeGap());
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    return p;
  }

  private static long appenderLimit(ServerConfig cfg) {
    long entryMax = cfg.raft().groupCommit().maxBytes() + 64 * 1024;
    return Math.max(4L << 20, 2 * entryMax);
  }

  /** The largest single command that fits one Raft entry (the appender's buffer, less room for framing). */
  public static long largestEntry(ServerConfig cfg) {
    return appenderLimit(cfg) - 64 * 1024;
  }

  public static RetryPolicy retryPolicy(ServerConfig cfg) {
    return RetryPolicies.retryUpToMaximumCountWithFixedSleep(cfg.raft().clientRetries(), ms(cfg.raft().clientRetrySleep()));
  }
}
