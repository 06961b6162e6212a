package io.caravan.state.lincheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a history is linearizable with respect to a {@link Model}: a depth-first search over
 * the order in which pending operations take effect (Wing &amp; Gong), pruning any (set of linearized
 * operations, model state) pair already explored (Lowe). Each partition of the model is checked on its own.
 */
public final class LinearizabilityChecker {
  private final long maxStates;

  /** A checker that gives up with {@link CheckResult.Verdict#UNKNOWN} after {@code maxStates} cached states. */
  public LinearizabilityChecker(long maxStates) {
    if (maxStates < 1) {
      throw new IllegalArgumentException("maxStates must be positive");
    }
    this.maxStates = maxStates;
  }

  public LinearizabilityChecker() {
    this(5_000_000);
  }

  public <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history) {
    List<List<Operation<I, O>>> parts = model.partition(history);
    long explored = 0;
    boolean unknown = false;
    for (int p = 0; p < parts.size(); p++) {
      List<Operation<I, O>> part = parts.get(p);
      long[] states = new long[1];
      Boolean ok = checkPartition(model, part, states);
      explored += states[0];
      if (ok == null) {
        unknown = true;
      } else if (!ok) {
        return new CheckResult(CheckResult.Verdict.NOT_LINEARIZABLE, parts.size(), explored,
            "partition " + p + " (" + part.size() + " operations) has no linearization: " + describe(part));
      }
    }
    return unknown
        ? new CheckResult(CheckResult.Verdict.UNKNOWN, parts.size(), explored, "search budget of " + maxStates + " states exhausted")
        : new CheckResult(CheckResult.Verdict.LINEARIZABLE, parts.size(), explored, "");
  }

  private static <I, O> String describe(List<Operation<I, O>> part) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (Operation<I, O> op : part) {
      if (shown++ == 20) {
        sb.append(" ...");
        break;
      }
      sb.append(shown == 1 ? "" : "; ").append("c").append(op.client()).append(' ').append(op.input())
          .append(" -> ").append(op.outcomeKnown() ? op.output() : "?")
          .append(" [").append(op.call()).append(", ").append(op.outcomeKnown() ? op.ret() : "inf").append(']');
    }
    return sb.toString();
  }

  /** A call or return event in the doubly linked list of events ordered by time. */
  private static final class Entry {
    final int op;
    final boolean call;
    final long time;
    Entry match;
    Entry prev;
    Entry next;

    Entry(int op, boolean call, long time) {
      this.op = op;
      this.call = call;
      this.time = time;
    }
  }

  private record CacheKey<S>(BitSet linearized, S state) {}

  private record Frame<S>(Entry entry, S state, BitSet linearized) {}

  /** True/false for a verdict, null when the budget ran out. */
  private <S, I, O> Boolean checkPartition(Model<S, I, O> model, List<Operation<I, O>> ops, long[] explored) {
    List<Entry> events = new ArrayList<>(ops.size() * 2);
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      Entry c = new Entry(i, true, op.call());
      Entry r = new Entry(i, false, op.ret());
      c.match = r;
      r.match = c;
      events.add(c);
      events.add(r);
    }
    // by time; at equal times calls come first (the operations overlap), then by operation for determinism
    events.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> !e.call).thenComparingInt(e -> e.op));
    Entry head = new Entry(-1, true, Long.MIN_VALUE);
    Entry last = head;
    for (Entry e : events) {
      last.next = e;
      e.prev = last;
      last = e;
    }

    S state = model.initial();
    BitSet linearized = new BitSet(ops.size());
    Set<CacheKey<S>> cache = new HashSet<>();
    Deque<Frame<S>> stack = new ArrayDeque<>();
    Entry entry = head.next;
    while (head.next != null) {
      if (entry.call) {
        Operation<I, O> op = ops.get(entry.op);
        Optional<S> next = model.step(state, op.input(), op.output());
        if (next.isPresent()) {
          BitSet lin = (BitSet) linearized.clone();
          lin.set(entry.op);
          if (cache.add(new CacheKey<>(lin, next.get()))) {
            explored[0]++;
            if (cache.size() > maxStates) {
              return null;
            }
            stack.push(new Frame<>(entry, state, linearized));
            state = next.get();
            linearized = lin;
            lift(entry);
            entry = head.next;
            continue;
          }
        }
        entry = entry.next;
      } else {
        // a return whose operation has not taken effect yet: backtrack
        if (stack.isEmpty()) {
          return false;
        }
        Frame<S> top = stack.pop();
        state = top.state();
        linearized = top.linearized();
        unlift(top.entry());
        entry = top.entry().next;
      }
    }
    return true;
  }

  private static void lift(Entry call) {
    call.prev.next = call.next;
    if (call.next != null) {
      call.next.prev = call.prev;
    }
    Entry ret = call.match;
    ret.prev.next = ret.next;
    if (ret.next != null) {
      ret.next.prev = ret.prev;
    }
  }

  private static void unlift(Entry call) {
    Entry ret = call.match;
    ret.prev.next = ret;
    if (ret.next != null) {
      ret.next.prev = ret;
    }
    call.prev.next = call;
    if (call.next != null) {
      call.next.prev = call;
    }
  }
}
