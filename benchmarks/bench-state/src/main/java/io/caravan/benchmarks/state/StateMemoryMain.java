package io.caravan.benchmarks.state;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap bytes per allocation held by the state store: registers 1,000 jobs, 5,000 nodes, then
 * commits N allocations (1,000 per job, as C1M does) through the FSM, and compares the live heap
 * after a full GC with the heap before the allocations. Allocations carry what the scheduler gives
 * them (name, IDs, node, resources) and share their job. Prints one CSV line.
 *
 * <pre>java -Xmx8g -cp benchmarks/bench-state/target/benchmarks.jar io.caravan.benchmarks.state.StateMemoryMain 1000000</pre>
 */
public final class StateMemoryMain {
  private StateMemoryMain() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int perJob = 1_000;
    StateFsm fsm = new StateFsm(new StateStore(Clock.systemUTC()));
    long[] index = {0};
    SplittableRandom random = new SplittableRandom(1);
    List<Job> jobs = new ArrayList<>();
    for (int j = 0; j < Math.max(1, total / perJob); j++) {
      Job job = StateData.job(String.format("job-%04d", j), perJob);
      jobs.add(job);
      fsm.apply(++index[0], CommandCodec.encode(new Command.RegisterJob(job, null)));
    }
    for (int n = 0; n < 5_000; n++) {
      fsm.apply(++index[0], CommandCodec.encode(new Command.UpsertNode(StateData.node(n))));
    }
    long before = liveHeap();
    int made = 0;
    for (int j = 0; made < total; j++) {
      Job stored = fsm.store().snapshot().jobById("default", jobs.get(j).id()).orElseThrow();
      List<Allocation> batch = new ArrayList<>(perJob);
      for (int i = 0; i < perJob && made < total; i++, made++) {
        batch.add(StateData.alloc(StateData.uuid(random), stored, "eval-" + j, i, StateData.node(made % 5_000).id()));
      }
      fsm.apply(++index[0], CommandCodec.encode(new Command.ApplyPlanResult(batch, null, List.of())));
    }
    long after = liveHeap();
    StateSnapshot snap = fsm.store().snapshot();
    long count = jobs.stream().mapToLong(j -> snap.allocsByJob("default", j.id()).size()).sum();
    System.out.println("allocations,heap_bytes_before,heap_bytes_after,bytes_per_allocation");
    System.out.printf(Locale.ROOT, "%d,%d,%d,%.1f%n", count, before, after, (after - before) / (double) count);
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
