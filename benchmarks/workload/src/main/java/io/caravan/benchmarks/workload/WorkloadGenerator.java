package io.caravan.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Builds a {@link Workload} from a {@link WorkloadSpec}. The same spec (including its seed) always
 * gives an identical workload.
 *
 * <p>Node {@code i} is {@code node-i} in datacenter {@code dc-1} or {@code dc-2} (alternating) and
 * rack {@code r(i mod racks)}, as in Nomad's scheduler benchmark.
 */
public final class WorkloadGenerator {
  private WorkloadGenerator() {}

  /** Generates the workload {@code spec} describes. */
  public static Workload generate(WorkloadSpec spec) {
    Mix mix = spec.mix();
    List<NodeSpec> nodes = new ArrayList<>(spec.nodes());
    for (int i = 0; i < spec.nodes(); i++) {
      nodes.add(new NodeSpec("node-" + i, "dc-" + (1 + i % 2), "r" + (i % spec.racks()),
          mix.nodeCpuMhz(), mix.nodeMemoryMb()));
    }
    SplittableRandom random = new SplittableRandom(spec.seed());
    List<TaskAsk> tasks = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      tasks.add(ask("task-" + i, mix, random));
    }
    Optional<RackConstraint> constraint = Optional.empty();
    if (spec.rackConstraint()) {
      int allowed = Math.max(1, (int) Math.ceil(spec.racks() * spec.allowedRackFraction()));
      List<String> racks = new ArrayList<>(allowed);
      for (int r = 0; r < allowed; r++) {
        racks.add("r" + r);
      }
      constraint = Optional.of(new RackConstraint(racks));
    }
    return new Workload(spec.label(), nodes, tasks, constraint, spec.spread());
  }

  private static TaskAsk ask(String id, Mix mix, SplittableRandom random) {
    return switch (mix) {
      case EASY -> new TaskAsk(id, random.nextLong(100, 3_001), random.nextLong(128, 6_145));
      case HARD -> new TaskAsk(id,
          share(mix.nodeCpuMhz(), random), share(mix.nodeMemoryMb(), random));
      case NOMAD -> new TaskAsk(id, 6_000, 6_000);
    };
  }

  /** A value uniformly between 20% and 60% (inclusive) of {@code capacity}. */
  private static long share(long capacity, SplittableRandom random) {
    long low = (capacity * 20 + 99) / 100;
    long high = capacity * 60 / 100;
    return random.nextLong(low, high + 1);
  }
}
