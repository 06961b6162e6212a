package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.ReschedulePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reschedule arithmetic of a failed allocation: the next delay per delay function (constant,
 * exponential, fibonacci; capped at max_delay and reset to delay after a quiet period), the next
 * reschedule time and eligibility (attempts within interval, or unlimited), and the tracker a
 * replacement carries. Times are {@link Instant}s; trackers hold Unix nanoseconds as in Nomad.
 */
public final class Reschedule {
  private Reschedule() {}

  /** {@code RescheduleTracker.LastReschedule} of an allocation whose replacement could not be placed. */
  public static final String LAST_RESCHEDULE_FAILED = "no placement";
  /** Events an unlimited policy keeps in a tracker. */
  public static final int MAX_PAST_EVENTS = 5;

  /** When and whether an allocation may be rescheduled. */
  public record Next(Instant time, boolean eligible) {
    static final Next NEVER = new Next(Instant.EPOCH, false);
  }

  /**
   * The delay before the next reschedule: the base delay for the first one; then the previous
   * delay doubled (exponential) or the sum of the last two (fibonacci, restarting a series after a
   * reset); capped at {@code max_delay}, and reset to the base delay when more than the cap has
   * passed between the last reschedule and {@code lastEventTime}.
   */
  public static Duration nextDelay(ReschedulePolicy policy, @Nullable RescheduleTracker tracker, Instant lastEventTime) {
    Duration base = orZero(policy.delay());
    if (tracker == null || tracker.events() == null || tracker.events().isEmpty()) {
      return base;
    }
    List<RescheduleEvent> events = tracker.events();
    RescheduleEvent last = events.get(events.size() - 1);
    Duration max = orZero(policy.maxDelay());
    Duration d;
    String fn = policy.delayFunction() == null ? "" : policy.delayFunction();
    switch (fn) {
      case "exponential" -> d = last.delay().multipliedBy(2);
      case "fibonacci" -> {
        if (events.size() >= 2) {
          Duration n2 = events.get(events.size() - 2).delay();
          Duration n1 = last.delay();
          d = n2.equals(max) && n1.equals(base) ? n1 : n1.plus(n2);
        } else {
          d = base;
        }
      }
      default -> {
        return base;
      }
    }
    if ((!max.isZero() && !max.isNegative()) && d.compareTo(max) > 0) {
      d = max;
      long sinceLast = nanos(lastEventTime) - last.rescheduleTime();
      if (sinceLast > max.toNanos()) {
        d = base;
      }
    }
    return d;
  }

  /**
   * When {@code alloc} (failed or lost, not stopped by the servers unless its last reschedule
   * failed to place) may be rescheduled under {@code policy}, and whether it may at all.
   */
  public static Next nextRescheduleTime(Allocation alloc, @Nullable ReschedulePolicy policy) {
    if (policy == null || (orZero(policy.attempts()) == 0 && !Boolean.TRUE.equals(policy.unlimited()))) {
      return Next.NEVER;
    }
    Instant failTime = lastEventTime(alloc);
    boolean stopped = AllocStatus.DESIRED_STOP.equals(alloc.desiredStatus()) && !lastRescheduleFailed(alloc);
    boolean failedOrLost = AllocStatus.CLIENT_FAILED.equals(alloc.clientStatus()) || AllocStatus.CLIENT_LOST.equals(alloc.clientStatus());
    if (stopped || !failedOrLost || failTime.equals(Instant.EPOCH)) {
      return Next.NEVER;
    }
    return nextRescheduleTimeAfter(alloc, policy, failTime);
  }

  /** The reschedule time counted from {@code failTime} and the attempts/interval eligibility. */
  public static Next nextRescheduleTimeAfter(Allocation alloc, ReschedulePolicy policy, Instant failTime) {
    Duration delay = nextDelay(policy, alloc.rescheduleTracker(), lastEventTime(alloc));
    Instant next = failTime.plus(delay);
    int attempts = orZero(policy.attempts());
    RescheduleTracker tracker = alloc.rescheduleTracker();
    boolean eligible = Boolean.TRUE.equals(policy.unlimited()) || (attempts > 0 && tracker == null);
    if (attempts > 0 && tracker != null && tracker.events() != null) {
      Duration interval = orZero(policy.interval());
      int attempted = 0;
      for (RescheduleEvent e : tracker.events()) {
        if (nanos(failTime) - e.rescheduleTime() < interval.toNanos()) {
          attempted++;
        }
      }
      eligible = attempted < attempts && delay.compareTo(interval) < 0;
    }
    return new Next(next, eligible);
  }

  /**
   * The tracker of a replacement for {@code prev} created at {@code now}: the previous events
   * within the interval (limited policies) or the last {@value #MAX_PAST_EVENTS} (unlimited),
   * plus one event for this reschedule with its delay.
   */
  public static RescheduleTracker trackerForReplacement(Allocation prev, @Nullable ReschedulePolicy policy, Instant now) {
    List<RescheduleEvent> events = new ArrayList<>();
    RescheduleTracker old = prev.rescheduleTracker();
    if (old != null && old.events() != null) {
      List<RescheduleEvent> past = old.events();
      if (policy != null && orZero(policy.attempts()) > 0) {
        Duration interval = orZero(policy.interval());
        for (RescheduleEvent e : past) {
          if ((!interval.isZero() && !interval.isNegative()) && nanos(now) - e.rescheduleTime() <= interval.toNanos()) {
            events.add(e);
          }
        }
      } else {
        events.addAll(past.subList(Math.max(0, past.size() - MAX_PAST_EVENTS), past.size()));
      }
    }
    Duration delay = policy == null ? Duration.ZERO : nextDelay(policy, old, lastEventTime(prev));
    events.add(new RescheduleEvent(nanos(now), prev.id(), prev.nodeID(), delay));
    return new RescheduleTracker(events, "");
  }

  /** True when the allocation's last reschedule attempt found no node. */
  public static boolean lastRescheduleFailed(Allocation alloc) {
    return alloc.rescheduleTracker() != null && LAST_RESCHEDULE_FAILED.equals(alloc.rescheduleTracker().lastReschedule());
  }

  /** When the allocation failed: the latest task {@code FinishedAt}, else its {@code ModifyTime}. */
  public static Instant lastEventTime(Allocation alloc) {
    Instant last = null;
    if (alloc.taskStates() != null) {
      for (TaskState s : alloc.taskStates().values()) {
        Instant t = parse(s.finishedAt());
        if (t != null && (last == null || t.isAfter(last))) {
          last = t;
        }
      }
    }
    return last != null ? last : fromNanos(alloc.modifyTime());
  }

  /** Unix nanoseconds of an instant. */
  public static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** The instant of Unix nanoseconds. */
  public static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static @Nullable Instant parse(@Nullable String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty() || rfc3339.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("task state FinishedAt is not an RFC 3339 time: \"" + rfc3339 + "\"", e);
    }
  }

  private static Duration orZero(@Nullable Duration d) {
    return d == null ? Duration.ZERO : d;
  }

  private static int orZero(@Nullable Integer i) {
    return i == null ? 0 : i;
  }
}
