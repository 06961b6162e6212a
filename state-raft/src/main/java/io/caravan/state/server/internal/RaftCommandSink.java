package io.caravan.state.server.internal;

import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.raft.ReplicatedLog;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** Sends commands through Raft (forwarded to the leader, group-committed); the reply is the applied index. */
public final class RaftCommandSink implements CommandSink {
  private final ReplicatedLog log;

  public RaftCommandSink(ReplicatedLog log) {
    this.log = log;
  }

  @Override
  public CompletableFuture<Long> submit(Command command) {
    return log.submit(CommandCodec.encode(command)).thenApply(reply -> ByteBuffer.wrap(reply).getLong());
  }

  @Override
  public CompletableFuture<Long> readIndex() {
    return log.query(new byte[] {StateFsm.QUERY_LATEST_INDEX}).thenApply(reply -> ByteBuffer.wrap(reply).getLong());
  }

  @Override
  public void close() {
    log.close();
  }
}
