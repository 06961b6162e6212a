package io.caravan.runtime.transport;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * A {@link Transport} whose "server" lives in the same JVM: tests and embedded single-process
 * clusters assign allocations to nodes with {@link #assign}, and read back what clients reported
 * with {@link #status}. Heartbeat TTLs follow Nomad: {@code max(minTtl, nodes / 50 per second)}
 * plus a stagger drawn from {@code [0, ttl)} with the seeded random source.
 */
public final class InProcessTransport implements Transport {

  /** Nomad's MaxHeartbeatsPerSecond. */
  static final double MAX_HEARTBEATS_PER_SECOND = 50.0;

  private final Clock clock;
  private final RandomGenerator random;
  private final Duration minTtl;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Node> nodes = new TreeMap<>();
  private final Map<String, String> nodeStatus = new TreeMap<>();
  private final Map<String, Instant> lastHeartbeat = new TreeMap<>();
  private final Map<String, TreeMap<String, Allocation>> allocsByNode = new TreeMap<>();
  private final Map<String, Long> nodeIndex = new TreeMap<>();
  private final Map<String, AllocStatusUpdate> statuses = new TreeMap<>();
  private long index;

  /**
   * Creates a transport.
   *
   * @param clock time source for heartbeat bookkeeping
   * @param random seeded source of heartbeat stagger
   * @param minTtl the minimum heartbeat TTL (Nomad: 10 s)
   */
  public InProcessTransport(Clock clock, RandomGenerator random, Duration minTtl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.minTtl = Objects.requireNonNull(minTtl, "minTtl");
    if (minTtl.isZero() || minTtl.isNegative()) {
      throw new IllegalArgumentException("minTtl must be positive, was " + minTtl);
    }
  }

  @Override
  public HeartbeatResponse register(Node node) {
    Objects.requireNonNull(node, "node");
    lock.lock();
    try {
      nodes.put(node.id(), node);
      nodeStatus.put(node.id(), node.status() == null ? "initializing" : node.status());
      lastHeartbeat.put(node.id(), clock.instant());
      nodeIndex.putIfAbsent(node.id(), 0L);
      changed.signalAll();
      return new HeartbeatResponse(ttl());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public HeartbeatResponse heartbeat(String nodeId, String status) {
    lock.lock();
    try {
      if (!nodes.containsKey(nodeId)) {
        throw new TransportException("node " + nodeId + " is not registered", true);
      }
      nodeStatus.put(nodeId, status);
      lastHeartbeat.put(nodeId, clock.instant());
      return new HeartbeatResponse(ttl());
    } finally {
      lock.unlock();
    }
  }

  private Duration ttl() {
    long perRateNanos = (long) (nodes.size() / MAX_HEARTBEATS_PER_SECOND * 1e9);
    long base = Math.max(minTtl.toNanos(), perRateNanos);
    return Duration.ofNanos(base + random.nextLong(base));
  }

  @Override
  public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait)
      throws InterruptedException {
    long remaining = maxWait.toNanos();
    lock.lock();
    try {
      if (!nodes.containsKey(nodeId)) {
        throw new TransportException("node " + nodeId + " is not registered", true);
      }
      while (nodeIndex.getOrDefault(nodeId, 0L) <= minIndex && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      TreeMap<String, Allocation> allocs = allocsByNode.getOrDefault(nodeId, new TreeMap<>());
      return new AllocationUpdates(
          nodeIndex.getOrDefault(nodeId, 0L), ImmutableList.copyOf(allocs.values()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
    lock.lock();
    try {
      if (!nodes.containsKey(nodeId)) {
        throw new TransportException("node " + nodeId + " is not registered", true);
      }
      for (AllocStatusUpdate u : updates) {
        statuses.put(u.allocId(), u);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Server side: assigns (or replaces, e.g. to set desired status stop) an allocation. */
  public void assign(Allocation alloc) {
    lock.lock();
    try {
      allocsByNode.computeIfAbsent(alloc.nodeID(), n -> new TreeMap<>()).put(alloc.id(), alloc);
      index++;
      nodeIndex.put(alloc.nodeID(), index);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Server side: removes an allocation from its node (garbage collection). */
  public void remove(String nodeId, String allocId) {
    lock.lock();
    try {
      TreeMap<String, Allocation> allocs = allocsByNode.get(nodeId);
      if (allocs != null && allocs.remove(allocId) != null) {
        index++;
        nodeIndex.put(nodeId, index);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Server side: the last status a client reported for an allocation. */
  public Optional<AllocStatusUpdate> status(String allocId) {
    lock.lock();
    try {
      return Optional.ofNullable(statuses.get(allocId));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Server side: waits until the reported status of an allocation satisfies {@code test}, up to
   * {@code maxWait}; returns the last status seen.
   */
  public Optional<AllocStatusUpdate> awaitStatus(
      String allocId, java.util.function.Predicate<AllocStatusUpdate> test, Duration maxWait)
      throws InterruptedException {
    long remaining = maxWait.toNanos();
    lock.lock();
    try {
      while (remaining > 0) {
        AllocStatusUpdate s = statuses.get(allocId);
        if (s != null && test.test(s)) {
          return Optional.of(s);
        }
        remaining = changed.awaitNanos(remaining);
      }
      return Optional.ofNullable(statuses.get(allocId));
    } finally {
      lock.unlock();
    }
  }

  /** Server side: registered nodes with their last reported status, by id. */
  public ImmutableSortedMap<String, String> nodeStatuses() {
    lock.lock();
    try {
      return ImmutableSortedMap.copyOf(nodeStatus);
    } finally {
      lock.unlock();
    }
  }

  /** Server side: when a node last registered or heartbeated. */
  public Optional<Instant> lastHeartbeat(String nodeId) {
    lock.lock();
    try {
      return Optional.ofNullable(lastHeartbeat.get(nodeId));
    } finally {
      lock.unlock();
    }
  }
}
