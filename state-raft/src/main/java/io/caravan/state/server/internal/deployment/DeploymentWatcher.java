package io.caravan.state.server.internal.deployment;

import io.caravan.state.fsm.Command;
import io.caravan.state.server.Timers;
import io.caravan.state.server.internal.PassLoop;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The leader's deployment watcher: after every write that can change a deployment's progress (client
 * health, placements, deployment and job changes) and at the earliest progress deadline, it runs a
 * {@link DeploymentDecider} pass and writes what it decides. It keeps nothing between passes, so a
 * new leader picks every running deployment up from the state.
 */
public final class DeploymentWatcher extends PassLoop {
  private final ToLongFunction<Command> write;
  private final Supplier<String> ids;

  public DeploymentWatcher(String server, StateStore store, ToLongFunction<Command> write, Timers timers, Clock clock,
      Supplier<String> ids) {
    super("caravan-deployment-watcher-" + server, store, timers, clock);
    this.write = write;
    this.ids = ids;
  }

  /** Last passes' decisions that wrote nothing, reused while their inputs stay the same. */
  private final java.util.Map<String, DeploymentDecider.Quiet> quiet = new java.util.HashMap<>();

  @Override
  protected @Nullable Instant pass(StateSnapshot state, Instant now) {
    DeploymentDecider.Pass pass;
    synchronized (quiet) {
      pass = DeploymentDecider.decide(state, now, ids, quiet);
    }
    pass.commands().forEach(write::applyAsLong);
    return pass.nextWake();
  }

  /**
   * At most about a hundred passes a second (Nomad's deployment watcher limits its state queries to
   * 100 a second): a pass reads every running deployment, and while allocations are placed and
   * report in, writes would otherwise start one pass after another.
   */
  @Override
  protected Duration minGap() {
    return Duration.ofMillis(10);
  }

  @Override
  protected boolean relevant(Command c) {
    return c instanceof Command.ClientAllocUpdates || c instanceof Command.ApplyPlanResult
        || c instanceof Command.DeploymentStatus || c instanceof Command.UpsertDeployment
        || c instanceof Command.PromoteDeployment || c instanceof Command.RegisterJob;
  }
}
