package io.caravan.state.server.internal;

import io.caravan.state.config.HeartbeatSettings;
import io.caravan.state.server.Timers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The leader's per-node heartbeat timers, with Nomad's TTL rule: the TTL handed to a node is
 * {@code max(min_ttl, tracked nodes / max_per_second)} plus a random stagger in {@code [0, ttl)}, and
 * the node expires if no heartbeat arrives within that TTL plus {@code grace}. After a leader change
 * every live node gets {@code failover_ttl} instead.
 */
public final class HeartbeatTimers {
  private final Timers timers;
  private final HeartbeatSettings settings;
  private final RandomGenerator random;
  private final Consumer<String> onExpire;
  private final Map<String, Timers.Timer> byNode = new HashMap<>();

  /** {@code onExpire} is called with the node ID (on the timer's thread) when a node misses its deadline. */
  public HeartbeatTimers(Timers timers, HeartbeatSettings settings, RandomGenerator random, Consumer<String> onExpire) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
    this.onExpire = Objects.requireNonNull(onExpire, "onExpire");
  }

  /** Nomad's rate-scaled interval: {@code max(min, n / perSecond)}. */
  static Duration rateScaledTtl(Duration min, double perSecond, int nodes) {
    Duration scaled = Duration.ofNanos((long) (nodes / perSecond * 1e9));
    return scaled.compareTo(min) > 0 ? scaled : min;
  }

  /**
   * Renews a node: picks its TTL (rate-scaled by the number of tracked nodes, plus stagger) and arms
   * its timer at TTL + grace. Returns the TTL for the client.
   */
  public Duration reset(String nodeId) {
    synchronized (byNode) {
      Duration base = rateScaledTtl(settings.minTtl(), settings.maxPerSecond(), byNode.size());
      Duration ttl = base.plusNanos(random.nextLong(Math.max(1, base.toNanos())));
      arm(nodeId, ttl.plus(settings.grace()));
      return ttl;
    }
  }

  /** Arms every given node's timer at the failover TTL (a new leader does this for all live nodes). */
  public void resetAllForFailover(Iterable<String> nodeIds) {
    synchronized (byNode) {
      for (String id : nodeIds) {
        arm(id, settings.failoverTtl());
      }
    }
  }

  private void arm(String nodeId, Duration deadline) {
    Timers.Timer old = byNode.remove(nodeId);
    if (old != null) {
      old.cancel();
    }
    Timers.Timer[] self = new Timers.Timer[1];
    Timers.Timer t = timers.schedule(deadline, () -> {
      synchronized (byNode) {
        // a reset that raced with this expiry replaced the timer: the node is alive
        if (byNode.get(nodeId) != self[0]) {
          return;
        }
        byNode.remove(nodeId);
      }
      onExpire.accept(nodeId);
    });
    self[0] = t;
    byNode.put(nodeId, t);
  }

  /** Stops tracking a node (it went down or was deregistered). */
  public void remove(String nodeId) {
    synchronized (byNode) {
      Timers.Timer t = byNode.remove(nodeId);
      if (t != null) {
        t.cancel();
      }
    }
  }

  /** Whether a timer runs for this node. */
  public boolean tracked(String nodeId) {
    synchronized (byNode) {
      return byNode.containsKey(nodeId);
    }
  }

  /** Number of tracked nodes. */
  public int size() {
    synchronized (byNode) {
      return byNode.size();
    }
  }

  /** Cancels every timer (leadership lost). */
  public void clear() {
    synchronized (byNode) {
      byNode.values().forEach(Timers.Timer::cancel);
      byNode.clear();
    }
  }
}
