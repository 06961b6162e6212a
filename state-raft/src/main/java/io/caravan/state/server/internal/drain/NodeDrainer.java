package io.caravan.state.server.internal.drain;

import io.caravan.state.fsm.Command;
import io.caravan.state.server.Timers;
import io.caravan.state.server.internal.PassLoop;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The leader's node drainer: after every write that can move a drain along (a drain started or
 * cancelled, allocations placed, stopped or reporting health) and at the earliest force deadline,
 * it runs a {@link DrainDecider} pass and writes what it decides. It keeps nothing between passes,
 * so a new leader picks every draining node up from the state.
 */
public final class NodeDrainer extends PassLoop {
  private final ToLongFunction<Command> write;
  private final Supplier<String> ids;

  public NodeDrainer(String server, StateStore store, ToLongFunction<Command> write, Timers timers, Clock clock,
      Supplier<String> ids) {
    super("caravan-node-drainer-" + server, store, timers, clock);
    this.write = write;
    this.ids = ids;
  }

  /** The nodes of the last state a pass found no draining node in (a pass over them decides nothing), or null. */
  private volatile @Nullable Object nodesWithoutDrain;

  @Override
  protected @Nullable Instant pass(StateSnapshot state, Instant now) {
    Object nodes = state.nodesVersion();
    if (nodes == nodesWithoutDrain) {
      return null;
    }
    DrainDecider.Pass pass = DrainDecider.decide(state, now, ids);
    nodesWithoutDrain = pass.drainingNodes() == 0 ? nodes : null;
    pass.commands().forEach(write::applyAsLong);
    return pass.nextWake();
  }

  @Override
  protected boolean relevant(Command c) {
    return c instanceof Command.UpdateNodeDrain || c instanceof Command.ClientAllocUpdates
        || c instanceof Command.ApplyPlanResult || c instanceof Command.UpsertNode
        || c instanceof Command.UpdateNodeStatus || c instanceof Command.DeregisterJob
        || c instanceof Command.RegisterJob;
  }
}
