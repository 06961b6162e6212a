package io.caravan.runtime.client;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.TaskState;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.HeartbeatResponse;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client agent of one node: registers the node through the {@link Transport}, heartbeats
 * within the TTL the server returns, watches the node's allocations with blocking pulls, runs new
 * ones and stops those the server wants stopped, and pushes their status back. On start it
 * recovers the tasks recorded in its state directory instead of starting them again.
 *
 * <p>{@link #close()} leaves tasks running (like a client process exiting); {@link #shutdown()}
 * stops every allocation first.
 */
public final class NodeAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final Node node;
  private final Transport transport;
  private final AllocRunnerFactory factory;
  private final Duration pullWait;
  private final Sleeper sleeper;
  private final ExecutorService threads;
  private final CountDownLatch closed = new CountDownLatch(1);

  private final Object lock = new Object();
  private final Map<String, AllocRunner> runners = new TreeMap<>();
  private final Set<String> finished = new HashSet<>();
  private final Map<String, AllocHealthTracker> health = new TreeMap<>();
  private final java.time.Clock clock;
  private boolean firstPull = true;

  /**
   * Creates an agent (call {@link #start()} to begin).
   *
   * @param node the fingerprinted node to register
   * @param transport the way to the servers
   * @param factory builds allocation runners
   * @param pullWait the maximum wait of one blocking allocation pull
   * @param sleeper how heartbeat intervals are waited
   */
  public NodeAgent(
      Node node,
      Transport transport,
      AllocRunnerFactory factory,
      Duration pullWait,
      Sleeper sleeper) {
    this(node, transport, factory, pullWait, sleeper, java.time.Clock.systemUTC());
  }

  /** Creates an agent with an explicit clock for allocation health timing. */
  public NodeAgent(
      Node node,
      Transport transport,
      AllocRunnerFactory factory,
      Duration pullWait,
      Sleeper sleeper,
      java.time.Clock clock) {
    this.node = Objects.requireNonNull(node, "node");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.pullWait = Objects.requireNonNull(pullWait, "pullWait");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "caravan-node-" + node.name());
              t.setDaemon(true);
              return t;
            });
  }

  /** Registers the node and starts heartbeating and watching allocations. */
  public NodeAgent start() {
    HeartbeatResponse first = transport.register(node);
    threads.submit(() -> heartbeatLoop(first.ttl()));
    threads.submit(this::watchLoop);
    threads.submit(this::healthLoop);
    return this;
  }

  /** The runner of an allocation, if this agent runs it. */
  public java.util.Optional<AllocRunner> runner(String allocId) {
    synchronized (lock) {
      return java.util.Optional.ofNullable(runners.get(allocId));
    }
  }

  private Void heartbeatLoop(Duration initialTtl) throws InterruptedException {
    Duration ttl = initialTtl;
    while (closed.getCount() > 0) {
      // Heartbeat at half the TTL so that one lost call does not expire the node.
      if (sleeper.sleep(ttl.dividedBy(2), closed)) {
        return null;
      }
      try {
        ttl = transport.heartbeat(node.id(), "ready").ttl();
      } catch (TransportException e) {
        if (e.unknownNode()) {
          LOG.info("node {} unknown to the server; registering again", node.id());
          ttl = transport.register(node).ttl();
        } else {
          LOG.warn("heartbeat of node {} failed: {}", node.id(), e.getMessage());
        }
      }
    }
    return null;
  }

  private Void watchLoop() throws InterruptedException {
    long index = 0;
    while (closed.getCount() > 0) {
      AllocationUpdates updates;
      try {
        updates = transport.pullAllocations(node.id(), index, pullWait);
      } catch (TransportException e) {
        LOG.warn("pulling allocations of node {} failed: {}", node.id(), e.getMessage());
        if (sleeper.sleep(Duration.ofSeconds(1), closed)) {
          return null;
        }
        continue;
      }
      index = updates.index();
      reconcile(updates.allocations());
    }
    return null;
  }

  private void reconcile(List<Allocation> allocs) {
    boolean recover;
    synchronized (lock) {
      recover = firstPull;
      firstPull = false;
    }
    Set<String> assigned = new HashSet<>();
    for (Allocation alloc : allocs) {
      assigned.add(alloc.id());
      boolean wantRun = AllocStatus.DESIRED_RUN.equals(alloc.desiredStatus());
      AllocRunner existing;
      synchronized (lock) {
        existing = runners.get(alloc.id());
        if (existing == null && (!wantRun || finished.contains(alloc.id()))) {
          continue;
        }
      }
      if (existing == null) {
        if (closed.getCount() == 0) {
          return;
        }
        AllocRunner runner;
        try {
          runner = factory.create(alloc, recover, this::report);
        } catch (RuntimeException e) {
          LOG.warn("cannot run allocation {}: {}", alloc.id(), e.getMessage());
          transport.updateAllocations(node.id(), List.of(new AllocStatusUpdate(
              alloc.id(), AllocStatus.CLIENT_FAILED, "Setup failed: " + e.getMessage(),
              ImmutableSortedMap.of(), null)));
          synchronized (lock) {
            finished.add(alloc.id());
          }
          continue;
        }
        synchronized (lock) {
          runners.put(alloc.id(), runner);
          health.put(alloc.id(), healthTracker(alloc));
        }
        threads.submit(() -> {
          runner.run();
          synchronized (lock) {
            finished.add(alloc.id());
          }
          report(runner);
          return null;
        });
      } else if (!wantRun) {
        existing.stop("Allocation desired status is " + alloc.desiredStatus());
      }
    }
    synchronized (lock) {
      for (Map.Entry<String, AllocRunner> e : runners.entrySet()) {
        if (!assigned.contains(e.getKey())) {
          e.getValue().stop("Allocation no longer assigned to this node");
        }
      }
    }
  }

  /** A health tracker from the group's (or job's) update block; Nomad's defaults 10 s / 5 m. */
  private AllocHealthTracker healthTracker(Allocation alloc) {
    io.caravan.model.job.UpdateStrategy update = null;
    if (alloc.job() != null && alloc.job().taskGroups() != null) {
      for (io.caravan.model.job.TaskGroup g : alloc.job().taskGroups()) {
        if (Objects.equals(g.name(), alloc.taskGroup())) {
          update = g.update();
        }
      }
      if (update == null) {
        update = alloc.job().update();
      }
    }
    Duration min = update == null || update.minHealthyTime() == null
        ? Duration.ofSeconds(10) : update.minHealthyTime();
    Duration deadline = update == null || update.healthyDeadline() == null
        ? Duration.ofMinutes(5) : update.healthyDeadline();
    return new AllocHealthTracker(min, deadline, clock);
  }

  /** Re-evaluates undecided allocation health every 100 ms and reports decisions. */
  private Void healthLoop() throws InterruptedException {
    Map<String, Boolean> reported = new TreeMap<>();
    while (!sleeper.sleep(Duration.ofMillis(100), closed)) {
      List<AllocRunner> all;
      synchronized (lock) {
        all = List.copyOf(runners.values());
      }
      for (AllocRunner r : all) {
        Boolean decided = health(r);
        if (decided != null && !decided.equals(reported.get(r.allocId()))) {
          reported.put(r.allocId(), decided);
          report(r);
        }
      }
    }
    return null;
  }

  private Boolean health(AllocRunner runner) {
    AllocHealthTracker tracker;
    synchronized (lock) {
      tracker = health.get(runner.allocId());
    }
    if (tracker == null) {
      return null;
    }
    boolean failed = runner.taskStates().values().stream().anyMatch(TaskRunState::failed);
    synchronized (tracker) {
      return tracker.observe(runner.tasksHealthy(), failed, true).orElse(null);
    }
  }

  private void report(AllocRunner runner) {
    ImmutableSortedMap.Builder<String, TaskState> states = ImmutableSortedMap.naturalOrder();
    runner.taskStates().forEach((name, s) -> states.put(name, s.toModel()));
    String status = runner.clientStatus();
    Boolean healthy = health(runner);
    try {
      transport.updateAllocations(node.id(), List.of(
          new AllocStatusUpdate(runner.allocId(), status, "", states.build(), healthy)));
    } catch (TransportException e) {
      LOG.warn("reporting allocation {} failed: {}", runner.allocId(), e.getMessage());
    }
  }

  /** Stops every allocation, waits for their tasks to die, then closes the agent. */
  public void shutdown() throws InterruptedException {
    List<AllocRunner> all;
    synchronized (lock) {
      all = List.copyOf(runners.values());
    }
    for (AllocRunner r : all) {
      r.stop("Client shutting down");
    }
    close();
    threads.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** Stops heartbeating and watching; running tasks keep running (they are recovered later). */
  @Override
  public void close() {
    closed.countDown();
    threads.shutdown();
  }
}
