package io.caravan.state.server.internal;

import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.raft.FsmCommandException;
import java.util.concurrent.CompletableFuture;

/**
 * Applies commands to a local FSM one at a time, each at the next index (a single server without
 * replication). Commands are encoded and decoded as on the Raft path, so both paths apply the same bytes.
 */
public final class LocalCommandSink implements CommandSink {
  private final StateFsm fsm;
  private long index;

  public LocalCommandSink(StateFsm fsm) {
    this.fsm = fsm;
    this.index = fsm.store().snapshot().latestIndex();
  }

  @Override
  public synchronized CompletableFuture<Long> submit(Command command) {
    byte[] bytes = CommandCodec.encode(command);
    long next = Math.max(index, fsm.store().snapshot().latestIndex()) + 1;
    try {
      fsm.apply(next, bytes);
    } catch (FsmCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
    index = next;
    return CompletableFuture.completedFuture(next);
  }

  @Override
  public CompletableFuture<Long> readIndex() {
    return CompletableFuture.completedFuture(fsm.store().snapshot().latestIndex());
  }

  @Override
  public void close() {}
}
