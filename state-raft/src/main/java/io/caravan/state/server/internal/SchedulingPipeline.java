package io.caravan.state.server.internal;

import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.SchedulingStats;
import io.caravan.state.server.Timers;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The leader's scheduling side. NOT WIRED YET: the eval broker, schedulers and plan applier it runs
 * are landing in scheduler-core; until then it starts and stops but schedules nothing.
 */
public final class SchedulingPipeline implements LeaderServices.Pipeline {

  public SchedulingPipeline(String server, ServerConfig config, StateStore store, ToLongFunction<Command> write,
      Timers timers, Supplier<String> ids, Clock clock) {}

  @Override
  public void start(StateSnapshot state) {}

  @Override
  public void applied(long index, Command command, StateSnapshot after) {}

  @Override
  public void stop() {}

  public SchedulingStats stats() {
    return new SchedulingStats(0, 0, 0, 0);
  }
}
