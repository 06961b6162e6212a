package io.caravan.state.server.internal;

import io.caravan.state.fsm.Command;
import java.util.concurrent.CompletableFuture;

/** Where the server sends state changes: applied locally, or replicated through Raft first. */
public interface CommandSink extends AutoCloseable {

  /** Submits a command; completes with the index it was applied at. */
  CompletableFuture<Long> submit(Command command);

  /** The index of the newest committed change the leader knows of (for linearizable reads). */
  CompletableFuture<Long> readIndex();

  @Override
  void close();
}
