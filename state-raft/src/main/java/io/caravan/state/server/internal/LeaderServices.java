package io.caravan.state.server.internal;

import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leader runs: node heartbeat timers and the scheduling pipeline. Started when the
 * server gains leadership (restoring from the state it then holds) and stopped when it loses it.
 */
public final class LeaderServices {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderServices.class);

  /** The scheduling side (broker, workers, plan applier), started and stopped with leadership. */
  public interface Pipeline {
    /** Starts from the evaluations and nodes in {@code state}. */
    void start(StateSnapshot state);

    /** Told about each applied command while running (evaluations to enqueue, capacity that frees). */
    void applied(long index, Command command, StateSnapshot after);

    /** Stops every thread and forgets in-memory queues. */
    void stop();
  }

  private final String server;
  private final HeartbeatTimers heartbeats;
  private final Pipeline pipeline;
  private final List<Pipeline> others;
  private final Object events = new Object();
  private volatile boolean active;
  /** Guards {@link #restartedAfter}. */
  private final Object restartLock = new Object();
  /** The index of the latest snapshot restore after which the services restarted (0: none). */
  private long restartedAfter;
  private volatile java.util.function.@org.jspecify.annotations.Nullable Supplier<StateSnapshot> source;

  /** Services for {@code server}; {@code others} (periodic dispatcher, ...) start after the pipeline and stop before it. */
  public LeaderServices(String server, HeartbeatTimers heartbeats, Pipeline pipeline, Pipeline... others) {
    this.server = server;
    this.heartbeats = heartbeats;
    this.pipeline = pipeline;
    this.others = List.of(others);
  }

  public HeartbeatTimers heartbeats() {
    return heartbeats;
  }

  public boolean active() {
    return active;
  }

  /**
   * Waits until the services restarted after the snapshot restore applied at {@code index} (see
   * {@link #applied}), or {@code timeout} passed; true when they did. Only the leader restarts: on
   * another server this waits out the timeout.
   */
  public boolean awaitRestartAfter(long index, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (restartLock) {
      while (restartedAfter < index) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(restartLock, left);
      }
      return true;
    }
  }

  /**
   * Gains leadership: starts the pipeline from the current state and arms every live node's timer at
   * the failover TTL.
   */
  public synchronized void establish(java.util.function.Supplier<StateSnapshot> current) {
    if (active) {
      return;
    }
    this.source = current;
    StateSnapshot state;
    synchronized (events) {
      // commands applied after this snapshot reach the pipeline through applied() (possibly twice: it dedupes)
      state = current.get();
      pipeline.start(state);
      others.forEach(o -> o.start(state));
      active = true;
    }
    List<String> live = new ArrayList<>();
    for (Node n : state.nodes()) {
      if (!NodeStatus.DOWN.equals(n.status())) {
        live.add(n.id());
      }
    }
    heartbeats.resetAllForFailover(live);
    LOG.info("server {} established leadership at index {} ({} live nodes)", server, state.latestIndex(), live.size());
  }

  /** Loses leadership: cancels timers and stops the pipeline. */
  public synchronized void revoke() {
    if (!active) {
      return;
    }
    synchronized (events) {
      active = false;
    }
    heartbeats.clear();
    others.forEach(Pipeline::stop);
    pipeline.stop();
    LOG.info("server {} revoked leadership", server);
  }

  /**
   * Forwards an applied command to the pipeline while leader. A snapshot restore replaced the whole state:
   * the services are then stopped and started again from it (on another thread: this one applies commands).
   */
  public void applied(long index, Command command, StateSnapshot after) {
    java.util.function.Supplier<StateSnapshot> source = this.source;
    if (command instanceof Command.RestoreState && active && source != null) {
      Thread restart = new Thread(() -> {
        try {
          revoke();
          establish(source);
        } finally {
          synchronized (restartLock) {
            restartedAfter = Math.max(restartedAfter, index);
            restartLock.notifyAll();
          }
        }
      }, "caravan-leader-restart-" + server);
      restart.setDaemon(true);
      restart.start();
      return;
    }
    synchronized (events) {
      if (active) {
        pipeline.applied(index, command, after);
        others.forEach(o -> o.applied(index, command, after));
      }
    }
  }
}
