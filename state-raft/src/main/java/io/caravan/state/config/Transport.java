package io.caravan.state.config;

/** Network transport used between Raft servers. */
public enum Transport {
  /** gRPC (the default; fastest for pipelined writes). */
  GRPC,
  /** Netty; needs {@code org.apache.ratis:ratis-netty} on the class path. */
  NETTY
}
