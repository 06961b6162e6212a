package io.caravan.scheduler.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts plan rejections per node and flags a node once it has been rejected {@code threshold}
 * times within {@code window} (Nomad's bad-node tracker, off unless configured): the applier
 * then lists it in {@code IneligibleNodes} so the committer can mark it ineligible. A node is
 * flagged once; its count restarts afterwards. Time comes from the injected clock. Thread-safe.
 */
public final class RejectionTracker {
  private final int threshold;
  private final Duration window;
  private final Clock clock;
  private final Map<String, ArrayDeque<Instant>> rejections = new HashMap<>();

  /** A tracker flagging nodes with {@code threshold} rejections inside {@code window}. */
  public RejectionTracker(int threshold, Duration window, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("RejectionTracker threshold must be at least 1, got " + threshold);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("RejectionTracker window must be positive, got " + window);
    }
    this.threshold = threshold;
    this.window = window;
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /** Records a rejection of {@code nodeId}; true when this one makes the node bad. */
  public synchronized boolean recordRejection(String nodeId) {
    Instant now = clock.instant();
    ArrayDeque<Instant> times = rejections.computeIfAbsent(nodeId, k -> new ArrayDeque<>());
    times.addLast(now);
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
      times.removeFirst();
    }
    if (times.size() >= threshold) {
      rejections.remove(nodeId);
      return true;
    }
    return false;
  }
}
