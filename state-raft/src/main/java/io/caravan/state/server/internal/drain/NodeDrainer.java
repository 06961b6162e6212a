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

  @Override
  protected @Nullable Instant pass(StateSnapshot state, Instant now) {
    DrainDecider.Pass pass = DrainDecider.decide(state, now, ids);
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
